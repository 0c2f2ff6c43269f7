import { randomUUID } from 'node:crypto';
import { context } from '../context.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/**
 * A domain-neutral job queue in PostgreSQL (table "Job"). Any node may run jobs: `claim` takes due
 * jobs with `FOR UPDATE SKIP LOCKED`, so two nodes never take the same one; a job whose runner died
 * (locked for longer than `lockTimeoutMs`) becomes claimable again. Jobs survive restarts.
 * `uniqueKey` keeps at most one pending job per key (cleared when the job finishes).
 */

export interface JobRow {
	id: string;
	kind: string;
	payload: unknown;
	attempts: number;
	maxAttempts: number;
	runAt: Date;
}

export interface EnqueueOptions {
	runAt?: Date;
	/** at most one unfinished job per key: a second enqueue with the same key is ignored */
	uniqueKey?: string;
	maxAttempts?: number;
	/** an open transaction: the job exists only if that transaction commits (work recorded with the change) */
	tx?: { $queryRaw: <T = unknown>(query: TemplateStringsArray, ...values: unknown[]) => Promise<T> };
}

/** Returns the new job's id, or null when a pending job already holds `uniqueKey`. */
export async function enqueue(kind: string, payload: Prisma.InputJsonValue, options: EnqueueOptions = {}): Promise<string | null> {
	const db = options.tx ?? context().db;
	const id = randomUUID();
	const rows = await db.$queryRaw<{ id: string }[]>`
		INSERT INTO "Job" ("id", "kind", "payload", "runAt", "maxAttempts", "uniqueKey")
		VALUES (${id}::uuid, ${kind}, ${JSON.stringify(payload)}::jsonb, ${options.runAt ?? new Date()}, ${options.maxAttempts ?? 5}, ${options.uniqueKey ?? null})
		ON CONFLICT ("uniqueKey") DO NOTHING
		RETURNING "id"`;
	return rows[0]?.id ?? null;
}

/** Takes up to `limit` due jobs of the given kinds for `workerId`; each counts one attempt. */
export async function claim(workerId: string, kinds: readonly string[], options: { limit?: number; lockTimeoutMs?: number; now?: Date } = {}): Promise<JobRow[]> {
	if (kinds.length === 0) return [];
	const now = options.now ?? new Date();
	const staleBefore = new Date(now.getTime() - (options.lockTimeoutMs ?? 10 * 60_000));
	return context().db.$queryRaw<JobRow[]>`
		UPDATE "Job" SET "lockedAt" = ${now}, "lockedBy" = ${workerId}, "attempts" = "attempts" + 1
		WHERE "id" IN (
			SELECT "id" FROM "Job"
			WHERE "doneAt" IS NULL AND "kind" = ANY(${[...kinds]}::text[]) AND "runAt" <= ${now}
				AND ("lockedAt" IS NULL OR "lockedAt" < ${staleBefore})
			ORDER BY "runAt"
			LIMIT ${options.limit ?? 10}
			FOR UPDATE SKIP LOCKED
		)
		RETURNING "id", "kind", "payload", "attempts", "maxAttempts", "runAt"`;
}

/** Marks a claimed job done (only if `workerId` still holds it). */
export async function complete(id: string, workerId: string): Promise<void> {
	await context().db.job.updateMany({ where: { id, lockedBy: workerId, doneAt: null }, data: { doneAt: new Date(), lockedAt: null, uniqueKey: null } });
}

/** Exponential backoff: 30 s, 1 min, 2 min… capped at one hour. */
export function backoffMs(attempts: number): number {
	return Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * A failed attempt: retried later with backoff, or given up (failedAt) once maxAttempts is reached.
 * Returns whether it will be retried.
 */
export async function fail(id: string, workerId: string, error: unknown, now = new Date()): Promise<boolean> {
	const { db } = context();
	const job = await db.job.findUnique({ where: { id }, select: { attempts: true, maxAttempts: true, lockedBy: true } });
	if (!job || job.lockedBy !== workerId) return false;
	const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
	const retry = job.attempts < job.maxAttempts;
	await db.job.update({
		where: { id },
		data: retry
			? { lockedAt: null, lockedBy: null, lastError: message, runAt: new Date(now.getTime() + backoffMs(job.attempts)) }
			: { lockedAt: null, lastError: message, doneAt: now, failedAt: now, uniqueKey: null }
	});
	return retry;
}
