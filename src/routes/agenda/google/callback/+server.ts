import type { RequestHandler } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { connectGoogleCalendar } from '#lib/server/calendar/connections.ts';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

const STATE_COOKIE = 'relais_gcal_state';

function sameState(a: string | undefined, b: string | null) {
	if (!a || !b || a.length !== b.length) return false;
	return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export const GET: RequestHandler = async (event) => {
	const { url, cookies, locals } = event;
	if (!locals.member) redirect(303, '/login?redirectTo=/agenda');
	const expected = cookies.get(STATE_COOKIE);
	cookies.delete(STATE_COOKIE, { path: '/agenda/google' });
	if (!sameState(expected, url.searchParams.get('state'))) error(400, translate(locals.locale, 'calendar.error.google_failed'));
	try {
		await connectGoogleCalendar(actorOf(event), url.searchParams.get('code') ?? '');
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(locals.locale, e.key));
		throw e;
	}
	redirect(303, '/agenda?connected=google');
};
