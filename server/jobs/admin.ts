import { z } from 'zod';
import { IMPORT_JOB, INVITATION_MAIL_JOB, REGISTRATION_MAIL_JOB, runImport, sendInvitationBatch, sendRegistrationMail } from '../../src/lib/server/admin/index.ts';
import type { JobDefinition } from './definition.ts';

/** Administration: invitation mails by batch, CSV imports, registration moderation mails. */
const batchPayload = z.object({ batch: z.uuid() });
const importPayload = z.object({ importId: z.uuid() });

export const adminJobs: JobDefinition[] = [
	{
		kind: INVITATION_MAIL_JOB,
		async run(raw) {
			const parsed = batchPayload.safeParse(raw);
			// a malformed payload will never succeed: done, not retried
			if (!parsed.success) return 'malformed';
			return sendInvitationBatch(parsed.data.batch);
		}
	},
	{
		kind: IMPORT_JOB,
		async run(raw) {
			const parsed = importPayload.safeParse(raw);
			if (!parsed.success) return 'malformed';
			return runImport(parsed.data.importId);
		}
	},
	{
		kind: REGISTRATION_MAIL_JOB,
		async run(raw) {
			try {
				return await sendRegistrationMail(raw);
			} catch (error) {
				if (error instanceof z.ZodError) return 'malformed';
				throw error;
			}
		}
	}
];
