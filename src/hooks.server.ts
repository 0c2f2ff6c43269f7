import type { Handle, HandleServerError } from '@sveltejs/kit/hooks';
import { resolveSession, sessionCookieName } from '#lib/server/auth/sessions.ts';
import { context } from '#lib/server/context.ts';
import { isLocale, localeFromAcceptLanguage, translate } from '#lib/i18n/index.ts';
import { LOCALE_COOKIE } from '#lib/server/http.ts';

export const handle: Handle = async ({ event, resolve }) => {
	const { config } = context();
	const secret = event.cookies.get(sessionCookieName(config.secureCookies)) ?? null;
	const member = await resolveSession(secret);
	event.locals.member = member;
	event.locals.sessionSecret = member ? secret : null;
	const cookieLocale = event.cookies.get(LOCALE_COOKIE);
	event.locals.locale = member?.locale ?? (isLocale(cookieLocale) ? cookieLocale : localeFromAcceptLanguage(event.request.headers.get('accept-language')));
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
};

/** No stack trace ever reaches a user: unknown errors are logged and answered with a localized generic message. */
export const handleError: HandleServerError = (input) => {
	const locale = input.event.locals.locale ?? 'fr';
	if (input.kind === 'unknown') {
		console.error(`[${input.event.request.method} ${input.event.url.pathname}]`, input.error);
		return { message: translate(locale, 'error.unexpected') };
	}
	if (input.kind === 'framework' && input.error.status === 404) return { message: translate(locale, 'error.not_found') };
	return undefined;
};
