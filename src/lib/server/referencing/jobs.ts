import { z } from 'zod';
import { REFERENCING_JOBS, REFERENCING_JOB_KINDS } from './job-kinds.ts';
import { sendReferencingMail } from './mail.ts';
import { closeConsultation, remindingRecipients } from './consultations.ts';

export { REFERENCING_JOBS, REFERENCING_JOB_KINDS };

const timed = z.object({ consultationId: z.uuid(), closingAt: z.iso.datetime({ offset: true }) });

/** The runner's entry (server/jobs/referencing.ts): each kind calls one domain function. */
export async function runReferencingJob(kind: string, payload: unknown): Promise<unknown> {
	switch (kind) {
		case REFERENCING_JOBS.mail:
			return sendReferencingMail(payload);
		case REFERENCING_JOBS.close: {
			const { consultationId, closingAt } = timed.parse(payload);
			return closeConsultation(consultationId, closingAt);
		}
		case REFERENCING_JOBS.reminder: {
			const { consultationId, closingAt } = timed.parse(payload);
			return (await remindingRecipients(consultationId, closingAt)).length;
		}
		default:
			return null;
	}
}
