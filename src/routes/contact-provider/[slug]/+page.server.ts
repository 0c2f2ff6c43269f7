import type { Actions, PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { DomainError } from '#lib/server/errors.ts';
import { leaveVisitorMessage, messagingPermission, providerForContact } from '#lib/server/chat/index.ts';
import { presenceOf } from '#lib/server/presence/index.ts';
import { actorOf, echo, failWith, formObject, requestMeta } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

async function provider(slug: string, locale: App.Locals['locale']) {
	try {
		return await providerForContact(slug);
	} catch (e) {
		if (e instanceof DomainError) error(404, translate(locale, 'error.not_found'));
		throw e;
	}
}

export const load: PageServerLoad = async (event) => {
	const p = await provider(event.params.slug, event.locals.locale);
	const actor = actorOf(event);
	const permission = actor && actor.memberId !== p.id ? await messagingPermission(actor, { memberId: p.id }) : null;
	return { provider: p, presence: presenceOf([p.id])[p.id]!, permission, self: actor?.memberId === p.id };
};

export const actions: Actions = {
	leave: async (event) => {
		const form = await event.request.formData();
		try {
			await leaveVisitorMessage(event.params.slug, formObject(form), { ip: requestMeta(event).ip });
			return { sent: true };
		} catch (e) {
			return failWith(e, event.locals.locale, echo(form, 'name', 'email', 'body'));
		}
	}
};
