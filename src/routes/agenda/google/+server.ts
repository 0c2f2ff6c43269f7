import type { RequestHandler } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { googleCalendarConsentUrl, googleCalendarEnabled } from '#lib/server/calendar/google.ts';
import { newSecret } from '#lib/server/auth/secrets.ts';
import { context } from '#lib/server/context.ts';
import { translate } from '#lib/i18n/index.ts';

const CALENDAR_STATE_COOKIE = 'relais_gcal_state';

/** Starts Google's consent for calendar access (offline: a refresh token). */
export const GET: RequestHandler = ({ cookies, locals }) => {
	if (!locals.member) redirect(303, '/login?redirectTo=/agenda');
	if (!googleCalendarEnabled()) error(404, translate(locals.locale, 'error.google_disabled'));
	const state = newSecret();
	cookies.set(CALENDAR_STATE_COOKIE, state, { path: '/agenda/google', httpOnly: true, sameSite: 'lax', secure: context().config.secureCookies, maxAge: 600 });
	// an external location: SvelteKit 3 refuses it unless told so
	redirect(302, googleCalendarConsentUrl(state, locals.locale), { external: true });
};
