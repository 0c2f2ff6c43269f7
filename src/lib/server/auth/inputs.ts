import { z } from 'zod';
import { email, isTimezone, optionalText, requiredText, checkbox } from '../validation.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from './password.ts';
import { isCommonPassword } from './common-passwords.ts';

import { CATEGORIES } from '../../categories.ts';

// No composition rules (OWASP): only length and a check against common passwords.
export const newPassword = z
	.string({ error: 'error.required' })
	.min(1, { error: 'error.required' })
	.min(PASSWORD_MIN, { error: 'error.password_too_short' })
	.max(PASSWORD_MAX, { error: 'error.password_too_long' })
	.refine((p) => !isCommonPassword(p), { error: 'error.password_common' });

// Existing passwords are only length-capped, so a long input cannot cost a huge hash.
export const anyPassword = z.string({ error: 'error.required' }).min(1, { error: 'error.required' }).max(PASSWORD_MAX, { error: 'error.password_too_long' });

export const signUpInput = z.object({
	firstName: requiredText(80),
	lastName: requiredText(80),
	email,
	password: newPassword,
	category: z.enum(CATEGORIES, { error: 'error.category_invalid' }),
	// the terms of use and the privacy policy (src/lib/legal.ts): recorded with their version
	acceptTerms: checkbox.refine((accepted) => accepted, { error: 'consent.required' })
});

export const loginInput = z.object({ email, password: anyPassword });

export const forgotInput = z.object({ email });

// the token itself is checked first, with a message naming the link (tokens.ts)
export const resetInput = z.object({ token: z.string(), password: newPassword });

export const changePasswordInput = z.object({ currentPassword: anyPassword, newPassword });

export const changeEmailInput = z.object({ newEmail: email, currentPassword: anyPassword });

export const deactivateInput = z.object({ currentPassword: anyPassword.optional() });

export const settingsInput = z.object({
	firstName: requiredText(80),
	lastName: requiredText(80),
	phone: optionalText(30).refine((v) => v === undefined || /^\+?[0-9 .()-]{6,30}$/.test(v), { error: 'error.phone_invalid' }),
	postcode: optionalText(10).refine((v) => v === undefined || /^[0-9A-Za-z -]{3,10}$/.test(v), { error: 'error.postcode_invalid' }),
	city: optionalText(120),
	locale: z.enum(['fr', 'en'], { error: 'error.locale_invalid' }),
	timezone: z.string({ error: 'error.required' }).max(64, { error: 'error.too_long' }).refine(isTimezone, { error: 'error.timezone_invalid' }),
	visibleInDirectory: checkbox,
	acceptsContactRequests: checkbox
});

export const localeInput = z.enum(['fr', 'en'], { error: 'error.locale_invalid' });

/** The consent box of a form that creates an account through signUp (buyers, cooperatives, invitees). */
export function consentOf(raw: unknown): unknown {
	return raw && typeof raw === 'object' ? (raw as Record<string, unknown>).acceptTerms : undefined;
}
