import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { translate } from '#lib/i18n/index.ts';

/**
 * The administration pages' load wrapper: a visitor is sent to the login page (and back), a
 * domain refusal becomes its HTTP status with the localized message — never a stack.
 */
export async function adminLoad<T>(event: RequestEvent, load: () => Promise<T>): Promise<T> {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	try {
		return await load();
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key, e.params));
		throw e;
	}
}

/** Every value of a form, repeated names (checkboxes) as arrays. */
export function formValues(form: FormData): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [key, value] of form) {
		if (typeof value !== 'string') continue;
		const seen = out[key];
		out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
	}
	return out;
}

/** A CSV download that Excel opens with accents intact (the body already starts with a BOM). */
export function csvResponse(fileName: string, csv: string): Response {
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
			'cache-control': 'private, no-store'
		}
	});
}
