import { error } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { translate, type Locale } from '#lib/i18n/index.ts';

/** The offer form's fields as the domain reads them: text fields, and the audience's multiple choices as lists. */
export function offerFormInput(form: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of form) if (typeof value === 'string' && key !== 'groupIds' && key !== 'recipientIds') out[key] = value;
	out.groupIds = form.getAll('groupIds').filter((v) => typeof v === 'string');
	out.recipientIds = form.getAll('recipientIds').filter((v) => typeof v === 'string');
	return out;
}

/** A domain error in a page load: its HTTP status and localized message (no stack). */
export function pageError(e: unknown, locale: Locale): never {
	if (e instanceof DomainError) error(httpStatus[e.kind], translate(locale, e.key, e.params));
	throw e;
}
