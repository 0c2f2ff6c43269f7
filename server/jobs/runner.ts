import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { claim, complete, fail, type JobRow } from '../../src/lib/server/jobs/queue.ts';
import type { Logger } from '../log.ts';
import { chatDigestJob } from './chat-digest.ts';
import { bookingJobs } from './booking.ts';
import { passwordResetJob } from './accounts.ts';

/**
 * Runs jobs from the PostgreSQL-backed queue: polls for due jobs of the kinds it knows, runs each
 * once (several nodes can run this loop: claims use FOR UPDATE SKIP LOCKED), completes or fails
 * them with backoff. `stop()` waits for running jobs, so a shutdown loses nothing.
 */
export interface JobDefinition {
	kind: string;
	run(payload: unknown, job: JobRow): Promise<unknown>;
}

/** Every job kind this process knows — one file per job in server/jobs/. */
export const JOBS: JobDefinition[] = [chatDigestJob, ...bookingJobs, passwordResetJob];

export interface JobRunner {
	workerId: string;
	/** one poll: claims and runs due jobs, returns how many ran */
	runOnce(): Promise<number>;
	stop(): Promise<void>;
}

export function startJobRunner(options: { log: Pick<Logger, 'info' | 'warn' | 'error'>; jobs?: JobDefinition[]; pollMs?: number; concurrency?: number; autoStart?: boolean }): JobRunner {
	const jobs = new Map((options.jobs ?? JOBS).map((j) => [j.kind, j]));
	const kinds = [...jobs.keys()];
	const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
	const pollMs = options.pollMs ?? 5_000;
	let stopped = false;
	let timer: NodeJS.Timeout | null = null;
	let running: Promise<number> | null = null;

	async function runJob(job: JobRow) {
		const definition = jobs.get(job.kind);
		try {
			if (!definition) throw new Error(`no handler for job kind ${job.kind}`);
			await definition.run(job.payload, job);
			await complete(job.id, workerId);
		} catch (error) {
			const retry = await fail(job.id, workerId, error).catch(() => false);
			options.log.warn(`job ${job.kind} ${job.id} failed (attempt ${job.attempts}${retry ? ', will retry' : ', given up'}): ${(error as Error).message}`);
		}
	}

	async function poll(): Promise<number> {
		let ran = 0;
		for (;;) {
			const batch = await claim(workerId, kinds, { limit: options.concurrency ?? 4 });
			if (batch.length === 0) return ran;
			await Promise.all(batch.map(runJob));
			ran += batch.length;
			if (stopped) return ran;
		}
	}

	const runOnce = () => {
		running ??= poll().finally(() => (running = null));
		return running;
	};

	const schedule = () => {
		if (stopped) return;
		timer = setTimeout(() => {
			runOnce()
				.catch((error: Error) => options.log.warn(`job poll failed: ${error.message}`))
				.finally(schedule);
		}, pollMs);
		timer.unref();
	};
	if (options.autoStart !== false) schedule();

	return {
		workerId,
		runOnce,
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			await running?.catch(() => 0);
		}
	};
}
