import { context } from '../context.ts';
import { sendJob, type EnqueueOptions } from './boss.ts';

/**
 * How the domain asks for background work: `enqueue(kind, payload, { runAt, uniqueKey, maxAttempts })`.
 * The process's job queue (pg-boss, see boss.ts) is wired in the context at start-up; the handlers
 * of each kind are registered in server/jobs/ (runner.ts), schedules in server/jobs/schedules.ts.
 */
export type { EnqueueOptions } from './boss.ts';

/** Returns the new job's id, or null when an unfinished job already holds `uniqueKey`. */
export async function enqueue(kind: string, payload: object, options: EnqueueOptions = {}): Promise<string | null> {
	return sendJob(await context().queue.boss(), kind, payload, options);
}
