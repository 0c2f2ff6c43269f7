import { translate, type Locale, type MessageKey } from '../i18n/index.ts';

/**
 * Typed domain errors. `key` names a localized message (src/lib/i18n); transports turn them into
 * HTTP statuses or socket error events. Nothing else (no stack) ever reaches a user.
 */
export class DomainError extends Error {
	constructor(
		readonly kind: 'invalid' | 'not_found' | 'forbidden' | 'conflict' | 'unauthenticated' | 'throttled',
		readonly key: MessageKey,
		readonly fields: Partial<Record<string, MessageKey>> = {},
		readonly params: Record<string, string | number> = {}
	) {
		super(key);
		this.name = 'DomainError';
	}
}

export const invalid = (key: MessageKey, fields: Partial<Record<string, MessageKey>> = {}) => new DomainError('invalid', key, fields);
export const notFound = (key: MessageKey = 'error.not_found') => new DomainError('not_found', key);
export const forbidden = (key: MessageKey = 'error.forbidden') => new DomainError('forbidden', key);
export const conflict = (key: MessageKey, fields: Partial<Record<string, MessageKey>> = {}) => new DomainError('conflict', key, fields);
export const unauthenticated = (key: MessageKey = 'error.login_required') => new DomainError('unauthenticated', key);
export const throttled = (key: MessageKey, params: Record<string, string | number> = {}) => new DomainError('throttled', key, {}, params);

export const httpStatus: Record<DomainError['kind'], number> = {
	invalid: 400,
	unauthenticated: 401,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	throttled: 429
};

/** The error's per-field messages in `locale` (forms, the API and socket replies show them by their fields). */
export function localizedFields(error: DomainError, locale: Locale): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [field, key] of Object.entries(error.fields)) if (key) fields[field] = translate(locale, key);
	return fields;
}
