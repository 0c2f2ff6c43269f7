import { randomUUID } from 'node:crypto';
import { PgBoss, type Clock, type SendOptions } from 'pg-boss';

/**
 * Background work on pg-boss, in the application's own PostgreSQL (schema `pgboss`, installed and
 * migrated by pg-boss itself at start). pg-boss claims jobs with `FOR UPDATE SKIP LOCKED`, retries
 * failures with exponential back-off, expires a job whose worker died, and fires cron schedules
 * (IANA time zone) once per occurrence however many processes run it.
 *
 * Every job kind is one pg-boss queue with the `exclusive` policy: at most one queued, retrying or
 * active job per singleton key. `enqueue`'s `uniqueKey` is that key; a job enqueued without one
 * gets a key of its own, so only keyed jobs are ever deduplicated.
 */
export const QUEUE_SCHEMA = 'pgboss';

/** Old queue defaults, kept: 5 attempts, back-off 30 s doubling to one hour, a dead worker's job retried after 10 min. */
export const DEFAULT_MAX_ATTEMPTS = 5;
const KIND_OPTIONS = { policy: 'exclusive', retryLimit: DEFAULT_MAX_ATTEMPTS - 1, retryDelay: 30, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 600 } as const;

export interface JobQueue {
	/** the pg-boss instance, started on first use (schema installed or migrated if needed) */
	boss(): Promise<PgBoss>;
	/** graceful: running handlers finish (up to `timeoutMs`), then the pool closes */
	stop(options?: { timeoutMs?: number }): Promise<void>;
}

export interface JobQueueOptions {
	connectionString: string;
	/** run cron schedules from this process (a server does; a test harness or a script does not) */
	schedule?: boolean;
	/** pg-boss maintenance: expiring, archiving and deleting old jobs (a server does) */
	supervise?: boolean;
	/** tests: pg-boss's TestClock, so the database and the queue agree on a fake `now` */
	clock?: Clock;
	/** connections of pg-boss's own pool */
	max?: number;
	onError?: (error: Error) => void;
}

export function createJobQueue(options: JobQueueOptions): JobQueue {
	let started: Promise<PgBoss> | null = null;
	return {
		boss() {
			started ??= (async () => {
				const boss = new PgBoss({
					connectionString: options.connectionString,
					schema: QUEUE_SCHEMA,
					max: options.max ?? 4,
					schedule: options.schedule ?? false,
					supervise: options.supervise ?? false,
					registerInstance: options.supervise ?? false,
					...(options.clock ? { clock: options.clock } : {})
				});
				boss.on('error', (error) => (options.onError ?? ((e: Error) => console.error(`queue: ${e.message}`)))(error as Error));
				await boss.start();
				return boss;
			})();
			return started;
		},
		async stop({ timeoutMs = 30_000 } = {}) {
			if (!started) return;
			const boss = await started.catch(() => null);
			started = null;
			await boss?.stop({ graceful: true, timeout: timeoutMs });
		}
	};
}

const created = new WeakMap<PgBoss, Set<string>>();

/** Creates the queue of a job kind once per pg-boss instance (createQueue itself is idempotent). */
export async function ensureKind(boss: PgBoss, kind: string, policy: 'exclusive' | 'standard' = 'exclusive'): Promise<void> {
	let known = created.get(boss);
	if (!known) created.set(boss, (known = new Set()));
	if (known.has(kind)) return;
	await boss.createQueue(kind, { ...KIND_OPTIONS, policy });
	known.add(kind);
}

export interface EnqueueOptions {
	/** not before this time (default: now) */
	runAt?: Date;
	/** at most one unfinished (queued, retrying or running) job per key: a second enqueue with the same key is ignored */
	uniqueKey?: string;
	/** attempts before the job is given up (default 5) */
	maxAttempts?: number;
	/** an open transaction: the job exists only if that transaction commits (work recorded with the change) */
	tx?: JobTransaction;
}

/** What a Prisma transaction offers that pg-boss needs to insert a job through it. */
export interface JobTransaction {
	$queryRawUnsafe(query: string, ...values: unknown[]): Promise<unknown>;
}

/** Sends one job; returns its id, or null when an unfinished job already holds `uniqueKey`. */
export async function sendJob(boss: PgBoss, kind: string, payload: object, options: EnqueueOptions = {}): Promise<string | null> {
	await ensureKind(boss, kind);
	const send: SendOptions = {
		singletonKey: options.uniqueKey ?? randomUUID(),
		retryLimit: Math.max(0, (options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS) - 1)
	};
	if (options.runAt) send.startAfter = options.runAt;
	const tx = options.tx;
	if (tx) send.db = { executeSql: async (text, values = []) => ({ rows: (await tx.$queryRawUnsafe(text, ...values)) as unknown[] }) };
	return boss.send(kind, payload, send);
}
