import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { error } from '@sveltejs/kit';
import { publicProfile } from '#lib/server/profiles/index.ts';
import { messagingPermission } from '#lib/server/chat/index.ts';
import { presenceOf } from '#lib/server/presence/index.ts';
import { takesBookings } from '#lib/server/booking/page.ts';
import { PROVIDER_CATEGORIES, type Category } from '#lib/categories.ts';
import {
	acceptContactRequest,
	cancelContactRequest,
	declineContactRequest,
	followMember,
	relationState,
	removeContact,
	sendContactRequest,
	unfollowMember
} from '#lib/server/relations/index.ts';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { context } from '#lib/server/context.ts';
import { translate, type MessageKey } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	const actor = actorOf(event);
	let profile;
	try {
		profile = await publicProfile(actor, event.params.slug);
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
	const relation = profile.isOwner ? null : await relationState(actor, { memberId: profile.member.id });
	const path = `/m/${profile.member.slug}`;
	// what the profile offers beyond relations: live presence, messaging (logged in) or a visitor's message (providers)
	const messaging = actor && !profile.isOwner ? await messagingPermission(actor, { memberId: profile.member.id }) : null;
	const isProvider = PROVIDER_CATEGORIES.includes(profile.member.category as Category);
	const bookable: boolean = isProvider && !profile.isOwner && (await takesBookings(profile.member.id));
	return {
		profile,
		relation,
		messaging,
		isProvider,
		bookable,
		presence: presenceOf([profile.member.id])[profile.member.id] ?? 'offline',
		shareUrl: `${context().config.publicUrl}${path}`,
		loginHref: `/login?redirectTo=${encodeURIComponent(path)}`
	};
};

/** One relation action: parse the form, call one domain function, answer with a localized message. */
async function relate(event: RequestEvent, run: (form: Record<string, string>) => Promise<MessageKey>) {
	const form = formObject(await event.request.formData());
	try {
		const done = await run(form);
		return { section: 'relation', success: translate(event.locals.locale, done) };
	} catch (e) {
		return failWith(e, event.locals.locale, { section: 'relation' });
	}
}

export const actions: Actions = {
	follow: (event) => relate(event, async (form) => (await followMember(actorOf(event), form), 'relations.done.follow')),
	unfollow: (event) => relate(event, async (form) => (await unfollowMember(actorOf(event), form), 'relations.done.unfollow')),
	request: (event) =>
		relate(event, async (form) => ((await sendContactRequest(actorOf(event), form)).outcome === 'accepted' ? 'relations.done.crossed' : 'relations.done.request')),
	cancel: (event) => relate(event, async (form) => (await cancelContactRequest(actorOf(event), form), 'relations.done.cancel')),
	accept: (event) => relate(event, async (form) => (await acceptContactRequest(actorOf(event), form), 'relations.done.accept')),
	decline: (event) => relate(event, async (form) => (await declineContactRequest(actorOf(event), form), 'relations.done.decline')),
	remove: (event) => relate(event, async (form) => (await removeContact(actorOf(event), form), 'relations.done.remove'))
};
