import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { listNotifications, markAllRead, notificationText } from '#lib/server/notifications/index.ts';
import { actorOf, failWith } from '#lib/server/http.ts';
import { DomainError } from '#lib/server/errors.ts';
import { translate } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	const before = event.url.searchParams.get('before') ?? undefined;
	// a mangled cursor in the address shows the first page rather than an error
	const page = await listNotifications(actorOf(event), { before }).catch((error: unknown) => {
		if (error instanceof DomainError && error.kind === 'invalid') return listNotifications(actorOf(event));
		throw error;
	});
	const locale = event.locals.locale;
	return {
		timezone: event.locals.member.timezone,
		notifications: page.items.map((n) => ({ ...n, text: notificationText(locale, n.type, n.data) })),
		next: page.next,
		unread: page.unread,
		older: Boolean(before)
	};
};

export const actions: Actions = {
	readAll: async (event) => {
		try {
			await markAllRead(actorOf(event));
			return { section: 'list', success: translate(event.locals.locale, 'notifications.done.mark_all') };
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'list' });
		}
	}
};
