import { fail, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { DomainError, httpStatus, localizedFields } from './errors.ts';
import { context } from './context.ts';
import { sessionCookieName, type SessionMeta } from './auth/sessions.ts';
import { actorOfMember, type Actor } from './access/index.ts';
import { translate, type Locale } from '../i18n/index.ts';

/** Helpers shared by form actions and endpoints: the glue between HTTP and the domain. */

export const LOCALE_COOKIE = 'relais_locale';

export function requestMeta(event: RequestEvent): SessionMeta {
	let ip: string | null = null;
	try {
		ip = event.getClientAddress();
	} catch {
		ip = null;
	}
	return { ip, userAgent: event.request.headers.get('user-agent') };
}

/** The request's actor, with the roles the session resolved: built once per request. */
export function actorOf(event: RequestEvent): Actor {
	return actorOfMember(event.locals.member);
}

export function setSessionCookie(cookies: Cookies, session: { secret: string; expiresAt: Date }) {
	const { config } = context();
	cookies.set(sessionCookieName(config.secureCookies), session.secret, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: config.secureCookies,
		expires: session.expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies) {
	const { config } = context();
	cookies.delete(sessionCookieName(config.secureCookies), { path: '/', secure: config.secureCookies });
}

export function setLocaleCookie(cookies: Cookies, locale: Locale) {
	cookies.set(LOCALE_COOKIE, locale, { path: '/', httpOnly: false, sameSite: 'lax', secure: context().config.secureCookies, maxAge: 365 * 86400 });
}

export interface FormFailure {
	message: string;
	fields: Record<string, string>;
	values: Record<string, string>;
}

/** Domain errors become a localized form failure; anything else is a real bug and rethrown. */
export function failWith(error: unknown, locale: Locale, values: Record<string, string> = {}) {
	if (!(error instanceof DomainError)) throw error;
	const fields = localizedFields(error, locale);
	return fail(httpStatus[error.kind], { message: translate(locale, error.key, error.params), fields, values } satisfies FormFailure);
}

/** Form values echoed back after a failure, never passwords. */
export function echo(form: FormData, ...names: string[]): Record<string, string> {
	const values: Record<string, string> = {};
	for (const name of names) {
		const value = form.get(name);
		if (typeof value === 'string') values[name] = value.slice(0, 500);
	}
	return values;
}

export function formObject(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of form) if (typeof value === 'string') out[key] = value;
	return out;
}
