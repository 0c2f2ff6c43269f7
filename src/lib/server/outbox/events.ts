/**
 * Durable domain events (the outbox), named `<concept>.<fact>`. Unlike the in-process
 * `DomainEvents` (live fan-out that may be lost with the process), these are recorded in the
 * same transaction as the change and reach every subscriber once, after commit.
 */
export interface OutboxEventMap {
	/** tests and health checks */
	'outbox.ping': { n: number };
}

export type OutboxEventName = keyof OutboxEventMap;
