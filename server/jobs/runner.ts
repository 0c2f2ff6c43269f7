import type { PgBoss, Job } from 'pg-boss';
import { context } from '../../src/lib/server/context.ts';
import { ensureKind, type JobQueue } from '../../src/lib/server/jobs/boss.ts';
import type { Logger } from '../log.ts';
import type { JobAttempt, JobDefinition, ScheduleDefinition } from './definition.ts';
import { SCHEDULES } from './schedules.ts';
import { chatDigestJob } from './chat-digest.ts';
import { bookingJobs } from './booking.ts';
import { notificationJobs } from './notifications.ts';
import { passwordResetJob } from './accounts.ts';
import { mentoringJobs } from './mentoring.ts';
import { adminJobs } from './admin.ts';
import { careersJobs } from './careers.ts';
import { gatheringJobs, membershipJobs } from './gatherings.ts';
import { referencingJobs } from './referencing.ts';
import { surveyMailJob } from './surveys.ts';

/**
 * Runs the process's background work on pg-boss: one worker per job kind (`work`, polling; any
 * number of processes may run this — pg-boss hands each job to one of them), and the schedules of
 * schedules.ts (`schedule`, fired once per occurrence across processes). A failure is retried with
 * back-off by pg-boss; `stop()` lets running handlers finish.
 *
 * `runOnce()` is the deterministic path for tests and scripts: it fetches every due job of the
 * known kinds (schedules included), runs them here, completes or fails them, until none is due.
 */

/** Every job kind this process knows — one file per job in server/jobs/ (types in definition.ts). */
export const JOBS: JobDefinition[] = [chatDigestJob, ...bookingJobs, ...notificationJobs, passwordResetJob, ...mentoringJobs, ...adminJobs, ...careersJobs, ...gatheringJobs, ...membershipJobs, ...referencingJobs, surveyMailJob];

export interface JobRunner {
	/** resolves once the queues exist, the workers poll and the schedules are registered */
	ready(): Promise<void>;
	/** fetches and runs due jobs until none is left; returns how many ran */
	runOnce(): Promise<number>;
	stop(): Promise<void>;
}

type Handler = (payload: unknown, job: JobAttempt) => Promise<unknown>;

export function startJobRunner(options: {
	log: Pick<Logger, 'info' | 'warn' | 'error'>;
	jobs?: JobDefinition[];
	schedules?: ScheduleDefinition[];
	/** the queue to work on (default: the context's) */
	queue?: JobQueue;
	pollMs?: number;
	concurrency?: number;
	/** false: no polling workers and no schedules; only runOnce() runs jobs */
	autoStart?: boolean;
}): JobRunner {
	const jobs = options.jobs ?? JOBS;
	const schedules = options.schedules ?? SCHEDULES;
	const handlers = new Map<string, Handler>([...jobs.map((j) => [j.kind, j.run] as const), ...schedules.map((s) => [s.name, (_: unknown, job: JobAttempt) => s.run(job)] as const)]);
	const scheduleKinds = new Set(schedules.map((s) => s.name));
	const queue = options.queue ?? context().queue;
	const concurrency = options.concurrency ?? 4;
	let running: Promise<number> | null = null;
	let stopped = false;

	const run = async (kind: string, job: Job<unknown>) => {
		try {
			await handlers.get(kind)!(job.data, { id: job.id, retryCount: job.retryCount });
		} catch (error) {
			options.log.warn(`job ${kind} ${job.id} failed (attempt ${job.retryCount + 1}): ${(error as Error).message}`);
			throw error;
		}
	};

	const ready = (async () => {
		const boss = await queue.boss();
		for (const kind of handlers.keys()) await ensureKind(boss, kind, scheduleKinds.has(kind) ? 'standard' : 'exclusive');
		if (options.autoStart === false) return boss;
		const pollingIntervalSeconds = Math.max(0.5, (options.pollMs ?? 2000) / 1000);
		for (const kind of handlers.keys()) {
			await boss.work(kind, { batchSize: 1, localConcurrency: concurrency, pollingIntervalSeconds }, async ([job]) => run(kind, job!));
		}
		for (const s of schedules) await boss.schedule(s.name, s.cron, null, { tz: s.tz });
		// a schedule removed from schedules.ts stops firing (every process declares the same list)
		for (const old of await boss.getSchedules()) if (!scheduleKinds.has(old.name)) await boss.unschedule(old.name, old.key);
		return boss;
	})();
	ready.catch((error: Error) => options.log.error(`job runner could not start: ${error.message}`));

	async function drain(boss: PgBoss): Promise<number> {
		let ran = 0;
		for (;;) {
			let batchSize = 0;
			for (const kind of handlers.keys()) {
				const batch = await boss.fetch<unknown>(kind, { batchSize: concurrency });
				batchSize += batch.length;
				await Promise.all(
					batch.map(async (job) => {
						try {
							await run(kind, job);
							await boss.complete(kind, job.id);
						} catch (error) {
							await boss.fail(kind, job.id, { message: (error as Error).message });
						}
					})
				);
			}
			ran += batchSize;
			if (batchSize === 0 || stopped) return ran;
		}
	}

	return {
		async ready() {
			await ready;
		},
		async runOnce() {
			const boss = await ready;
			running ??= drain(boss).finally(() => (running = null));
			return running;
		},
		async stop() {
			stopped = true;
			const boss = await ready.catch(() => null);
			if (boss && options.autoStart !== false) for (const kind of handlers.keys()) await boss.offWork(kind, { wait: true });
			await running?.catch(() => 0);
		}
	};
}
