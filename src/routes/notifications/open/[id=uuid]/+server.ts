import type { RequestHandler } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { openNotification } from '#lib/server/notifications/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { translate } from '#lib/i18n/index.ts';

/** Following a notification: marked read, then on to its object (the contact request, the company…). */
export const GET: RequestHandler = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	let href: string;
	try {
		href = await openNotification(actorOf(event), { notificationId: event.params.id });
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
	redirect(303, href);
};
