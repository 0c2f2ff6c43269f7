import { z } from 'zod';
import type { Database } from '../db.ts';
import { context } from '../context.ts';
import { invalid } from '../errors.ts';
import { optionalText } from '../validation.ts';
import { recordEvent, type Tx } from '../outbox/index.ts';
import type { Locale } from '../../i18n/index.ts';

/**
 * Registration moderation (Datalumni: "les inscriptions doivent être validées"), the accounts'
 * side: while the platform setting is on, a self sign-up states promotion, programme and role and
 * becomes a RegistrationRequest — no account exists until a moderator approves it (the admin
 * domain then creates it and mails the usual activation link). Recruiters are accepted at once.
 * The setting and the queue are managed in src/lib/server/admin/moderation.ts.
 */
export const REGISTRATION_APPROVAL_SETTING = 'registration.approval';
export const SIGNUP_ROLES = ['student', 'alumni', 'teacher', 'recruiter'] as const;

export async function registrationApprovalRequired(db: Pick<Database, 'platformSetting'>): Promise<boolean> {
	const row = await db.platformSetting.findUnique({ where: { key: REGISTRATION_APPROVAL_SETTING } });
	return row?.value === true;
}

const year = z.preprocess(
	(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
	z.number({ error: 'admin.error.promotion_invalid' }).int({ error: 'admin.error.promotion_invalid' }).min(1900, { error: 'admin.error.promotion_invalid' }).max(2100, { error: 'admin.error.promotion_invalid' }).optional()
);

/** What a sign-up adds while registrations are moderated. */
export const moderatedSignUpFields = z.object({
	role: z.enum(SIGNUP_ROLES, { error: 'admin.registration.error.role_required' }),
	promotion: year,
	programme: optionalText(120)
});

export type ModeratedFields = z.infer<typeof moderatedSignUpFields>;

export function parseModeratedFields(raw: unknown): ModeratedFields {
	const parsed = moderatedSignUpFields.safeParse(raw);
	if (parsed.success) return parsed.data;
	const fields: Record<string, 'admin.registration.error.role_required' | 'admin.error.promotion_invalid' | 'error.too_long'> = {};
	for (const issue of parsed.error.issues) fields[String(issue.path[0])] = issue.message as never;
	throw invalid('error.invalid_form', fields);
}

/** The sign-up waits for a moderator: one pending request per address (a new sign-up replaces it). */
export async function requestRegistration(
	tx: Tx,
	input: { email: string; firstName: string; lastName: string; passwordHash: string; category: string; locale: Locale } & ModeratedFields
): Promise<string> {
	await tx.registrationRequest.deleteMany({ where: { email: input.email, status: 'pending' } });
	const request = await tx.registrationRequest.create({
		data: {
			email: input.email,
			firstName: input.firstName,
			lastName: input.lastName,
			passwordHash: input.passwordHash,
			category: input.category as never,
			locale: input.locale,
			role: input.role,
			promotion: input.promotion ?? null,
			programme: input.programme ?? null
		},
		select: { id: true }
	});
	await recordEvent(tx, 'registration.requested', { requestId: request.id });
	return request.id;
}

/** What the sign-up page shows: the role, promotion and programme fields only while registrations are moderated. */
export async function signUpFormOptions(): Promise<{ moderated: boolean; roles: readonly string[] }> {
	return { moderated: await registrationApprovalRequired(context().db), roles: SIGNUP_ROLES };
}
