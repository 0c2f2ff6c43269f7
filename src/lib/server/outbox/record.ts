import type { Prisma } from '../generated/prisma/client.ts';
import type { OutboxEventMap, OutboxEventName } from './events.ts';

export type Tx = Prisma.TransactionClient;

/** PostgreSQL delivers a NOTIFY only when the transaction that sent it commits: the dispatcher wakes after commit, never before. */
export const OUTBOX_CHANNEL = 'relais_outbox';

/** Records `name` inside the caller's transaction: it exists if and only if the change commits. */
export async function recordEvent<K extends OutboxEventName>(tx: Tx, name: K, payload: OutboxEventMap[K]): Promise<void> {
	await tx.$executeRaw`
		WITH recorded AS (INSERT INTO "DomainEvent" ("name", "payload") VALUES (${name}, ${JSON.stringify(payload)}::jsonb) RETURNING "id")
		SELECT pg_notify(${OUTBOX_CHANNEL}, '') FROM recorded`;
}
