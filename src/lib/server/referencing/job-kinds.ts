/** The referencing's job kinds (handlers: server/jobs/referencing.ts → jobs.ts). */
export const REFERENCING_JOBS = {
	mail: 'referencing.mail',
	close: 'referencing.consultation_close',
	reminder: 'referencing.consultation_reminder'
} as const;
export const REFERENCING_JOB_KINDS = Object.values(REFERENCING_JOBS);
