import type { NextFunction, Request, Response } from 'express';
import { localeFromAcceptLanguage, translate } from '../src/lib/i18n/index.ts';

// control characters: PostgreSQL cannot store NUL in text, and no Relais path or slug holds any
const CONTROL = /[\u0000-\u001f\u007f]/;

function decoded(value: string): string | null {
	try {
		return decodeURIComponent(value.replace(/\+/g, ' '));
	} catch {
		return null;
	}
}

/**
 * An address with control characters (`/book/%00`, `?q=%00`) or broken percent-encoding names
 * nothing: a localized 404 (path) or 400 (query) here, before it reaches a route and, as a
 * malformed parameter, the database.
 */
export function malformedUrlGuard() {
	return (req: Request, res: Response, next: NextFunction) => {
		const [path = '', query = ''] = req.url.split('?', 2);
		const badPath = decoded(path);
		const badQuery = decoded(query);
		if (badPath !== null && !CONTROL.test(badPath) && badQuery !== null && !CONTROL.test(badQuery)) return next();
		const locale = localeFromAcceptLanguage(req.headers['accept-language']);
		const pathIsBad = badPath === null || CONTROL.test(badPath);
		res.status(pathIsBad ? 404 : 400);
		// the JSON API keeps its error shape ({ error: { code, message } })
		if (path.startsWith('/api/')) {
			const error = pathIsBad ? { code: 'not_found', message: translate(locale, 'error.api_not_found') } : { code: 'invalid_query', message: translate(locale, 'error.invalid_address') };
			return void res.json({ error });
		}
		res.type('text/plain; charset=utf-8').send(translate(locale, pathIsBad ? 'error.not_found' : 'error.invalid_address'));
	};
}
