import { z } from 'zod';
import { email, optionalText, requiredText } from '../validation.ts';
import { newPassword } from '../auth/inputs.ts';
import { CATEGORIES } from '../../categories.ts';

/** Roles an administrator gives (the community roles of Datalumni, plus moderation and administration). */
export const GRANTABLE_ROLES = ['student', 'alumni', 'teacher', 'recruiter', 'moderator', 'admin', 'buyer', 'cooperative'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];
/** Roles a person may state when signing up while registrations are moderated. */
export const SIGNUP_ROLES = ['student', 'alumni', 'teacher', 'recruiter'] as const;

const year = z.preprocess(
	(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
	z.number({ error: 'admin.error.promotion_invalid' }).int({ error: 'admin.error.promotion_invalid' }).min(1900, { error: 'admin.error.promotion_invalid' }).max(2100, { error: 'admin.error.promotion_invalid' }).optional()
);

/** A form's roles: several checkboxes named `roles`, or one comma-separated string. */
export const roleList = z.preprocess(
	(v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : String(v).split(',').map((s) => s.trim()).filter(Boolean)),
	z.array(z.enum(GRANTABLE_ROLES, { error: 'admin.error.role_unknown' })).max(GRANTABLE_ROLES.length)
);

export const memberFields = {
	firstName: requiredText(80),
	lastName: requiredText(80),
	email,
	promotion: year,
	programme: optionalText(120),
	campus: optionalText(120),
	externalRef: optionalText(80)
};

/** "Ajouter un utilisateur" */
export const addMemberInput = z.object({ ...memberFields, roles: roleList });

/** "Gérer l'utilisateur" → modifier le profil */
export const editMemberInput = z.object({ ...memberFields, city: optionalText(120), roles: roleList });

export const acceptInvitationInput = z.object({ password: newPassword });

/** A member's invitation form: up to 20 addresses (one a line, or separated by commas / semicolons). */
export const memberInviteInput = z.object({
	emails: z
		.string({ error: 'error.required' })
		.transform((s) => [...new Set(s.split(/[\s,;]+/).map((e) => e.trim().toLowerCase()).filter(Boolean))])
		.pipe(z.array(z.string()).min(1, { error: 'admin.invite.error.no_address' }).max(20, { error: 'admin.invite.error.too_many' })),
	message: optionalText(1000),
	relation: z.enum(['follow', 'contact'], { error: 'admin.invite.error.relation' })
});

/** Signing up through a member's invitation: the sign-up form's fields. */
export const joinInput = z.object({
	firstName: requiredText(80),
	lastName: requiredText(80),
	email,
	password: newPassword,
	category: z.enum(CATEGORIES, { error: 'error.category_invalid' })
});

export const uuid = z.string().uuid({ error: 'error.not_found' });
