import { REFERENCING_JOB_KINDS, runReferencingJob } from '../../src/lib/server/referencing/jobs.ts';
import type { JobDefinition } from './definition.ts';

/** Cooperative referencing: its mails, the consultations' automatic closing and reminders. */
export const referencingJobs: JobDefinition[] = REFERENCING_JOB_KINDS.map((kind) => ({ kind, run: (payload: unknown) => runReferencingJob(kind, payload) }));
