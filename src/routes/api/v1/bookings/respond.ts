import { json, type RequestEvent } from '@sveltejs/kit';
import { DomainError, httpStatus, localizedFields } from '#lib/server/errors.ts';
import { SlotTakenError } from '#lib/server/booking/book.ts';
import { translate, type Locale } from '#lib/i18n/index.ts';

/**
 * Glue of the booking endpoints: one domain call, JSON out; errors as
 * `{ error: { code, message, fields?, freshSlots? } }` in the caller's language, never a stack.
 * Writes need a JSON body (a cross-site form cannot send one without CORS) and, when an Origin
 * header is present, the site's own origin.
 */
const headers = { 'cache-control': 'private, no-store', vary: 'cookie, accept-language' };

export function sameOrigin(event: RequestEvent): boolean {
	const origin = event.request.headers.get('origin');
	return !origin || origin === event.url.origin;
}

export async function jsonBody(event: RequestEvent): Promise<Record<string, unknown>> {
	if (!sameOrigin(event)) throw new DomainError('forbidden', 'error.forbidden');
	const type = event.request.headers.get('content-type') ?? '';
	if (!type.startsWith('application/json')) throw new DomainError('invalid', 'error.invalid_form');
	try {
		const body = (await event.request.json()) as unknown;
		return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
	} catch {
		throw new DomainError('invalid', 'error.invalid_form');
	}
}

export async function respond(event: RequestEvent, run: () => Promise<unknown>, status = 200): Promise<Response> {
	// typed loosely: this file is also compiled by tsconfig.server.json, which does not see src/app.d.ts
	const locale: Locale = (event.locals as { locale?: Locale }).locale ?? 'fr';
	try {
		const result = await run();
		return result === undefined ? new Response(null, { status: 204, headers }) : json(result, { status, headers });
	} catch (error) {
		if (error instanceof DomainError) {
			const fields = localizedFields(error, locale);
			return json(
				{
					error: {
						code: error instanceof SlotTakenError ? 'slot_taken' : error.kind,
						message: translate(locale, error.key, error.params),
						...(Object.keys(fields).length ? { fields } : {}),
						...(error instanceof SlotTakenError ? { freshSlots: error.freshSlots.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })) } : {})
					}
				},
				{ status: httpStatus[error.kind], headers }
			);
		}
		console.error(`[${event.request.method} ${event.url.pathname}]`, error);
		return json({ error: { code: 'unexpected', message: translate(locale, 'error.unexpected') } }, { status: 500, headers });
	}
}
