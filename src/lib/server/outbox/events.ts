/**
 * Durable domain events (the outbox), named `<concept>.<fact>`. Unlike the in-process
 * `DomainEvents` (live fan-out that may be lost with the process), these are recorded in the
 * same transaction as the change and reach every subscriber once, after commit.
 */
export interface OutboxEventMap {
	/** tests and health checks */
	'outbox.ping': { n: number };
	/** relations: `requesterId` asked `recipientId` to become contacts */
	'contact.requested': { requestId: string; requesterId: string; recipientId: string };
	/** relations: `accepterId` accepted `requesterId`'s request (or both asked each other) */
	'contact.accepted': { requestId: string; requesterId: string; accepterId: string };
	/** companies: `memberId` asked to join `companyId` */
	'company.join_requested': { companyId: string; memberId: string };
	/** companies: an admin (`answeredBy`) accepted or declined `memberId`'s request */
	'company.join_answered': { companyId: string; memberId: string; answeredBy: string; accepted: boolean };
	/** companies: an admin (`changedBy`) changed `memberId`'s role */
	'company.role_changed': { companyId: string; memberId: string; changedBy: string; role: 'employee' | 'advertiser' | 'admin' };
	/** chat: a visitor without an account left a message to a provider */
	'visitor_message.received': { visitorMessageId: string; providerId: string; visitorName: string };
}

export type OutboxEventName = keyof OutboxEventMap;
