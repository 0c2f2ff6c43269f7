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
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
	return withCachePolicy(response, member !== null, event.url.pathname);
};

/**
 * Pages differ per member: a member's HTML (and page data) is never stored by a browser or a
 * proxy (back button after logout, shared computers); a visitor's public pages may be cached.
 */
function withCachePolicy(response: Response, member: boolean, pathname: string): Response {
	const html = response.headers.get('content-type')?.startsWith('text/html') ?? false;
	if (!html && !pathname.endsWith('/__data.json')) return response;
	try {
		if (member) response.headers.set('cache-control', 'private, no-store');
		response.headers.append('vary', 'cookie');
	} catch {
		// immutable headers (a fetched response passed through): leave them
	}
	return response;
}

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
