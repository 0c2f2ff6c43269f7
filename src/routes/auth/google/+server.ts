import type { RequestHandler } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { googleAuthorizationUrl, googleSignInEnabled } from '#lib/server/auth/google.ts';
import { newSecret } from '#lib/server/auth/secrets.ts';
import { context } from '#lib/server/context.ts';
import { translate } from '#lib/i18n/index.ts';

const GOOGLE_STATE_COOKIE = 'relais_google_state';

export const GET: RequestHandler = ({ cookies, locals }) => {
	if (!googleSignInEnabled()) error(404, translate(locals.locale, 'error.google_disabled'));
	const state = newSecret();
	// Lax: the cookie must come back on Google's top-level redirect to our callback
	cookies.set(GOOGLE_STATE_COOKIE, state, { path: '/auth/google', httpOnly: true, sameSite: 'lax', secure: context().config.secureCookies, maxAge: 600 });
	// an external location: SvelteKit 3 refuses it unless told so
	redirect(302, googleAuthorizationUrl(state, locals.locale), { external: true });
};
