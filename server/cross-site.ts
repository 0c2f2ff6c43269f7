import type { NextFunction, Request, Response } from 'express';
import { parseCookie } from 'cookie';
import { isLocale, localeFromAcceptLanguage, translate, type Locale } from '../src/lib/i18n/index.ts';
import { resolveSession, sessionCookieName } from '../src/lib/server/auth/sessions.ts';
import { LOCALE_COOKIE } from '../src/lib/server/http.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// the types an HTML form can send (SvelteKit's list: its own CSRF check refuses the same requests)
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata'];

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A form posted from another origin than PUBLIC_URL (a forged form, or the site opened under
 * another address) is refused — as SvelteKit would, but with a page in the member's language
 * that says why and where to go, instead of SvelteKit's bare English line.
 */
export function crossSiteFormGuard(publicUrl: URL) {
	const origin = publicUrl.origin;
	return async (req: Request, res: Response, next: NextFunction) => {
		if (!WRITE_METHODS.has(req.method)) return next();
		const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
		if (type && !FORM_TYPES.includes(type)) return next();
		if (req.headers.origin === origin) return next();
		const locale = await localeOf(req);
		const message = translate(locale, 'error.cross_site_form', { origin });
		res.status(403).setHeader('Cache-Control', 'no-store');
		if (req.headers.accept === 'application/json') return void res.json({ message });
		const title = translate(locale, 'error.title');
		res.type('html').send(
			`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
				`<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="${escapeHtml(origin)}/">${escapeHtml(origin)}</a></p></main></body></html>`
		);
	};
}

async function localeOf(req: Request): Promise<Locale> {
	const cookies = parseCookie(req.headers.cookie ?? '');
	try {
		for (const name of [sessionCookieName(true), sessionCookieName(false)]) {
			const member = cookies[name] ? await resolveSession(cookies[name]) : null;
			if (member) return member.locale;
		}
	} catch {
		// the session store is unreachable: the browser's language will do
	}
	const chosen = cookies[LOCALE_COOKIE];
	return isLocale(chosen) ? chosen : localeFromAcceptLanguage(req.headers['accept-language']);
}
