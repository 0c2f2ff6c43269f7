import { GATHERING_JOB_KINDS, runGatheringJob } from '../../src/lib/server/gatherings/jobs.ts';
import { MEMBERSHIP_JOBS } from '../../src/lib/server/membership/subscribers.ts';
import { sendDuesReceipt } from '../../src/lib/server/membership/index.ts';
import { sendCertificateMail } from '../../src/lib/server/membership/certificates.ts';
import type { JobDefinition } from './definition.ts';

/** Association events: invitations and reminders in batches, registration mails, cancellations, refunds. */
export const gatheringJobs: JobDefinition[] = GATHERING_JOB_KINDS.map((kind) => ({ kind, run: (payload: unknown) => runGatheringJob(kind, payload) }));

/** Membership dues: the receipt, the student's certificate decision. (The lapse reminder is a schedule: schedules.ts.) */
export const membershipJobs: JobDefinition[] = [
	{ kind: MEMBERSHIP_JOBS.receipt, run: (payload: unknown) => sendDuesReceipt(payload) },
	{ kind: MEMBERSHIP_JOBS.certificateMail, run: (payload: unknown) => sendCertificateMail(payload) }
];
