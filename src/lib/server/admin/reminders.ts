import { context } from '../context.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { queueSends } from './sends.ts';
import { adminSettings } from './settings.ts';

/** The schedule's name (server/jobs/schedules.ts): hourly, Europe/Paris. */
export const REMINDER_SCHEDULE = 'admin.invitation-reminders';

const DAY_MS = 86_400_000;

/**
 * Automatic reminders (Datalumni: J+4, J+10, J+60 — INVITE_REMINDER_DAYS): every administrator's
 * invitation whose member never activated the account gets the reminder of the latest offset
 * reached since its first mail — one at a time: after a pause of the schedule the missed offsets
 * are not all sent at once. Never to an address that opted out, a finished account, or a cancelled
 * invitation. Rows are claimed under `FOR UPDATE SKIP LOCKED` and their step advanced in the same
 * transaction, so two runs never send the same reminder. Returns how many reminders were queued.
 */
export async function sendDueReminders(now: Date = new Date()): Promise<number> {
	const days = adminSettings().reminderDays;
	if (days.length === 0) return 0;
	const earliest = new Date(now.getTime() - days[0]! * DAY_MS);
	return context().db.$transaction(
		async (tx) => {
			const due = await tx.$queryRaw<{ id: string; firstSentAt: Date; reminderStep: number }[]>(Prisma.sql`
				SELECT i."id", i."firstSentAt", i."reminderStep"
				  FROM "Invitation" i JOIN "Member" m ON m."id" = i."memberId"
				 WHERE i."kind" = 'admin' AND i."acceptedAt" IS NULL AND i."cancelledAt" IS NULL
				   AND i."firstSentAt" IS NOT NULL AND i."firstSentAt" <= ${earliest}
				   AND i."reminderStep" < ${days.length}
				   AND m."status" = 'pending'
				   AND NOT EXISTS (SELECT 1 FROM "InvitationOptOut" o WHERE o."email" = i."email")
				 FOR UPDATE OF i SKIP LOCKED`);
			const byStep = new Map<number, string[]>();
			for (const row of due) {
				const elapsed = now.getTime() - row.firstSentAt.getTime();
				const reached = days.filter((d) => d * DAY_MS <= elapsed).length;
				if (reached <= row.reminderStep) continue;
				byStep.set(reached, [...(byStep.get(reached) ?? []), row.id]);
			}
			let queued = 0;
			for (const [step, ids] of byStep) {
				await tx.invitation.updateMany({ where: { id: { in: ids } }, data: { reminderStep: step } });
				await queueSends(tx, ids, 'reminder', days[step - 1]!);
				queued += ids.length;
			}
			return queued;
		},
		{ timeout: 120_000 }
	);
}
