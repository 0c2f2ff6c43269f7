import { z } from 'zod';
import { envSettings } from '../env-settings.ts';

/** Administration settings from the environment (README: INVITE_*); tests override them. */
const schema = z.object({
	INVITE_REMINDER_DAYS: z
		.string()
		.regex(/^\d{1,3}(,\d{1,3})*$/)
		.default('4,10,60'),
	INVITE_LINK_DAYS: z.coerce.number().int().min(1).max(3650).default(120),
	MEMBER_INVITES_PER_DAY: z.coerce.number().int().min(1).max(10_000).default(30)
});

export interface AdminSettings {
	/** automatic reminders to never-activated invitees, in days after the first invitation mail */
	reminderDays: number[];
	/** how long an invitation link works after the mail that carried it */
	linkMs: number;
	/** invitations one member may send per day (member-to-member invitations) */
	memberInvitesPerDay: number;
}

const fromEnv = envSettings('admin', schema, (v): AdminSettings => ({
	reminderDays: v.INVITE_REMINDER_DAYS.split(',').map(Number).sort((a, b) => a - b),
	linkMs: v.INVITE_LINK_DAYS * 86_400_000,
	memberInvitesPerDay: v.MEMBER_INVITES_PER_DAY
}));

export const checkAdminEnv = fromEnv.check;
export const adminSettings = fromEnv.get;
export const configureAdmin = fromEnv.configure;
