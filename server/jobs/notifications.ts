import { z } from 'zod';
import { DIGEST_JOB, MAIL_JOB, isNotificationType, sendDailyDigests, sendGroupedMail } from '../../src/lib/server/notifications/index.ts';
import type { JobDefinition } from './definition.ts';

/** Notification mails: the grouped mail of one member and type (due at the end of its window), and the daily digest. */
const mailPayload = z.object({ memberId: z.uuid(), type: z.string().refine(isNotificationType) });

export const notificationJobs: JobDefinition[] = [
	{
		kind: MAIL_JOB,
		async run(raw) {
			const parsed = mailPayload.safeParse(raw);
			// a malformed payload will never succeed: done, not retried
			if (!parsed.success) return 'malformed';
			return sendGroupedMail(parsed.data.memberId, parsed.data.type as Parameters<typeof sendGroupedMail>[1]);
		}
	},
	{ kind: DIGEST_JOB, run: () => sendDailyDigests() }
];
