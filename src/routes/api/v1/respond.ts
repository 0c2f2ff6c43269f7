import { json, type RequestEvent } from '@sveltejs/kit';
import { DomainError, httpStatus, localizedFields } from '#lib/server/errors.ts';
import { translate, type Locale } from '#lib/i18n/index.ts';

/**
 * The JSON API's glue: a query string in, one domain call, JSON out. Errors are
 * `{ error: { code, message, fields? } }` in the caller's language (session, cookie or
 * Accept-Language), never a stack trace.
 */
export async function apiGet(event: RequestEvent, run: (params: Record<string, string>) => Promise<unknown>): Promise<Response> {
	const locale: Locale = event.locals.locale ?? 'fr';
	const headers = { 'cache-control': 'private, no-store', vary: 'cookie, accept-language' };
	try {
		return json(await run(Object.fromEntries(event.url.searchParams)), { headers });
	} catch (error) {
		if (error instanceof DomainError) {
			const fields = localizedFields(error, locale);
			const invalid = error.kind === 'invalid';
			return json(
				{
					error: {
						code: invalid ? 'invalid_query' : error.kind,
						message: translate(locale, invalid ? 'directory.error.invalid_query' : error.key, error.params),
						...(Object.keys(fields).length ? { fields } : {})
					}
				},
				{ status: httpStatus[error.kind], headers }
			);
		}
		console.error(`[GET ${event.url.pathname}]`, error);
		return json({ error: { code: 'unexpected', message: translate(locale, 'error.unexpected') } }, { status: 500, headers });
	}
}
