import { ensureKind } from '../../src/lib/server/jobs/boss.ts';
import { startJobRunner } from '../../server/jobs/runner.ts';
import type { JobDefinition } from '../../server/jobs/definition.ts';
import type { TestContext } from './context.ts';

const quiet = { info: () => {}, warn: () => {}, error: (line: string) => console.error(line) };

/**
 * Runs, here and now, every job due at `now` (default: the real time): moves the queue's TestClock
 * to `now` — pg-boss then reads that time in PostgreSQL too — and fetches and runs due jobs of the
 * registered kinds (server/jobs/runner.ts's JOBS, or `jobs`) until none is left. Returns how many ran.
 */
export async function runDueJobs(ctx: Pick<TestContext, 'queue' | 'clock'>, now: Date = new Date(), options: { jobs?: JobDefinition[]; log?: typeof quiet } = {}): Promise<number> {
	await ctx.clock.setTime(now);
	const runner = startJobRunner({ log: options.log ?? quiet, queue: ctx.queue, jobs: options.jobs, schedules: [], autoStart: false });
	try {
		return await runner.runOnce();
	} finally {
		await runner.stop();
	}
}

/** The jobs of `kind` in the queue (all states, or only those still waiting with `queued`). */
export async function jobsOf(ctx: Pick<TestContext, 'queue'>, kind: string, options: { queued?: boolean } = {}) {
	const boss = await ctx.queue.boss();
	await ensureKind(boss, kind);
	return boss.findJobs(kind, options.queued ? { queued: true } : {});
}

/**
 * What the server does a moment after a commit: delivers the outbox's events (twice: a subscriber
 * may record further events) and runs the jobs due at `now` — e.g. a booking's mails.
 */
export async function afterCommit(ctx: Pick<TestContext, 'queue' | 'clock' | 'deliverEvents'>, now?: Date): Promise<void> {
	await ctx.deliverEvents(now);
	await ctx.deliverEvents(now);
	// not before: a job enqueued through a transaction is due from the database's real time of its insert
	await runDueJobs(ctx, now ?? new Date());
}
