/**
 * What a job handler file in server/jobs/ exports (one file per job, registered in runner.ts's
 * JOBS), and what a schedule is (declared in schedules.ts). Kept apart from runner.ts so that the
 * handler files and the runner do not import each other.
 */
export interface JobAttempt {
	id: string;
	/** 0 on the first attempt */
	retryCount: number;
}

export interface JobDefinition {
	kind: string;
	/** throws to have the attempt retried with back-off (until the job's maxAttempts) */
	run(payload: unknown, job: JobAttempt): Promise<unknown>;
}

/** A recurring job: pg-boss fires it once per occurrence of `cron`, read in the IANA zone `tz`, across every process. */
export interface ScheduleDefinition {
	/** the queue name of its jobs */
	name: string;
	/** five-field cron (minute hour day month weekday) */
	cron: string;
	/** IANA time zone the cron is read in, e.g. Europe/Paris (so 03:30 stays 03:30 across DST) */
	tz: string;
	run(job: JobAttempt): Promise<unknown>;
}
