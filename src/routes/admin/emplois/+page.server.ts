import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { approvalRequired, moderationQueue, reviewOffer, saveCareersSettings } from '#lib/server/careers/index.ts';
import { can } from '#lib/server/access/index.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { translate, type MessageKey } from '#lib/i18n/index.ts';
import { pageError } from '../../emplois/form.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	try {
		const actor = actorOf(event);
		const queue = await moderationQueue(actor);
		return { queue, settings: (await can(actor, 'careers.settings')) ? { approvalRequired: await approvalRequired() } : null };
	} catch (e) {
		pageError(e, event.locals.locale);
	}
};

export const actions: Actions = {
	review: async (event) => {
		const form = await event.request.formData();
		const input = formObject(form);
		try {
			const { state } = await reviewOffer(actorOf(event), input);
			return { section: `review-${input.offerId}`, success: translate(event.locals.locale, `careers.moderation.done.${state}` as MessageKey) };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: `review-${input.offerId}`, ...echo(form, 'note') });
		}
	},
	settings: async (event) => {
		const form = await event.request.formData();
		try {
			await saveCareersSettings(actorOf(event), { approvalRequired: form.get('approvalRequired') === 'on' });
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'settings' });
		}
		return { section: 'settings', success: translate(event.locals.locale, 'careers.moderation.setting_saved') };
	}
};
