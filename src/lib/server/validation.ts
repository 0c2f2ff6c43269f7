import { z } from 'zod';
import { invalid } from './errors.ts';
import type { MessageKey } from '../i18n/index.ts';
import { fr } from '../i18n/fr.ts';

/**
 * Schemas carry message keys as their error text, so a failed parse becomes a localized,
 * per-field message and nothing is written.
 */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
	const result = schema.safeParse(data);
	if (result.success) return result.data;
	const fields: Partial<Record<string, MessageKey>> = {};
	for (const issue of result.error.issues) {
		const field = issue.path.join('.') || '_';
		if (fields[field]) continue;
		fields[field] = isMessageKey(issue.message) ? issue.message : 'error.invalid_form';
	}
	throw invalid('error.invalid_form', fields);
}

function isMessageKey(value: string): value is MessageKey {
	return value in fr;
}

/** Form fields arrive as strings; blank means absent. */
export const optionalText = (max: number) =>
	z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string({ error: 'error.required' }).max(max, { error: 'error.too_long' }).optional());

export const requiredText = (max: number) =>
	z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(max, { error: 'error.too_long' });

export const email = z
	.string({ error: 'error.required' })
	.trim()
	.toLowerCase()
	.min(1, { error: 'error.required' })
	.max(254, { error: 'error.too_long' })
	.pipe(z.email({ error: 'error.email_invalid' }));

export const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

export function isTimezone(value: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: value });
		return value.includes('/') || value === 'UTC';
	} catch {
		return false;
	}
}
