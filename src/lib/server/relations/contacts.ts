import { context } from '../context.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { recordEvent } from '../outbox/index.ts';
import { memberCard, reachableOther, requireMember, type Actor } from './access.ts';
import { toCard } from './follows.ts';
import { memberTarget, requestTarget, sendRequestInput } from './inputs.ts';

/**
 * Private contacts need the other member's acceptance (PROETHEEC "contacts privés"). A contact
 * is two rows, A→B and B→A, always written and removed together. Every change to a pair of
 * members runs under a transaction-scoped advisory lock on that pair, so two simultaneous
 * requests (A→B and B→A, or twice A→B) cannot both create a pending request.
 */

type Tx = Prisma.TransactionClient;

async function lockPair(tx: Tx, a: string, b: string) {
	const key = [a, b].sort().join(':');
	await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`contact:${key}`}, 0))`;
}

async function createPair(tx: Tx, a: string, b: string) {
	await tx.contact.createMany({
		data: [
			{ ownerId: a, otherId: b },
			{ ownerId: b, otherId: a }
		],
		skipDuplicates: true
	});
}

export type SendOutcome = { outcome: 'requested'; requestId: string } | { outcome: 'accepted' };

/**
 * Sends a contact request. If the other member already asked the actor, sending is taken as
 * accepting their request (both wanted it): the outcome says which happened.
 */
export async function sendContactRequest(actor: Actor, raw: unknown): Promise<SendOutcome> {
	const requesterId = requireMember(actor);
	const input = parseInput(sendRequestInput, raw);
	const other = await reachableOther(requesterId, input.memberId, 'relations.error.self_request');
	const outcome = await context().db.$transaction(async (tx): Promise<SendOutcome> => {
		await lockPair(tx, requesterId, other.id);
		if (await tx.contact.findUnique({ where: { ownerId_otherId: { ownerId: requesterId, otherId: other.id } }, select: { ownerId: true } })) {
			throw conflict('relations.error.already_contacts');
		}
		const pending = await tx.contactRequest.findFirst({
			where: { status: 'pending', OR: [{ requesterId, recipientId: other.id }, { requesterId: other.id, recipientId: requesterId }] },
			select: { id: true, requesterId: true }
		});
		if (pending?.requesterId === requesterId) throw conflict('relations.error.already_requested');
		if (pending) {
			await tx.contactRequest.update({ where: { id: pending.id }, data: { status: 'accepted', answeredAt: new Date() } });
			await createPair(tx, requesterId, other.id);
			await recordEvent(tx, 'contact.accepted', { requestId: pending.id, requesterId: other.id, accepterId: requesterId });
			return { outcome: 'accepted' };
		}
		if (!other.acceptsContactRequests) throw forbidden('relations.error.requests_closed');
		const created = await tx.contactRequest.create({ data: { requesterId, recipientId: other.id, message: input.message ?? null }, select: { id: true } });
		await recordEvent(tx, 'contact.requested', { requestId: created.id, requesterId, recipientId: other.id });
		return { outcome: 'requested', requestId: created.id };
	});
	if (outcome.outcome === 'accepted') context().events.emit('contact.added', { memberIds: [requesterId, other.id] });
	return outcome;
}

/** The pending request `requestId` where the actor plays `role`, under the pair's lock. */
async function pendingRequest(tx: Tx, actorId: string, requestId: string, role: 'recipient' | 'requester') {
	const found = await tx.contactRequest.findFirst({
		where: { id: requestId, status: 'pending', ...(role === 'recipient' ? { recipientId: actorId } : { requesterId: actorId }) },
		select: { id: true, requesterId: true, recipientId: true }
	});
	if (!found) throw notFound('relations.error.request_not_found');
	await lockPair(tx, found.requesterId, found.recipientId);
	// re-read under the lock: the other side may have answered meanwhile
	const again = await tx.contactRequest.findFirst({ where: { id: found.id, status: 'pending' }, select: { id: true } });
	if (!again) throw notFound('relations.error.request_not_found');
	return found;
}

/** The recipient accepts: both contact rows are created and the request closed, in one transaction. */
export async function acceptContactRequest(actor: Actor, raw: unknown): Promise<{ memberId: string }> {
	const memberId = requireMember(actor);
	const { requestId } = parseInput(requestTarget, raw);
	const accepted = await context().db.$transaction(async (tx) => {
		const request = await pendingRequest(tx, memberId, requestId, 'recipient');
		const requester = await tx.member.findUnique({ where: { id: request.requesterId }, select: { status: true } });
		if (requester?.status !== 'active') throw notFound('relations.error.request_not_found');
		await tx.contactRequest.update({ where: { id: request.id }, data: { status: 'accepted', answeredAt: new Date() } });
		await createPair(tx, request.requesterId, request.recipientId);
		await recordEvent(tx, 'contact.accepted', { requestId: request.id, requesterId: request.requesterId, accepterId: memberId });
		return { memberId: request.requesterId };
	});
	context().events.emit('contact.added', { memberIds: [accepted.memberId, memberId] });
	return accepted;
}

export async function declineContactRequest(actor: Actor, raw: unknown): Promise<void> {
	const memberId = requireMember(actor);
	const { requestId } = parseInput(requestTarget, raw);
	await context().db.$transaction(async (tx) => {
		const request = await pendingRequest(tx, memberId, requestId, 'recipient');
		await tx.contactRequest.update({ where: { id: request.id }, data: { status: 'declined', answeredAt: new Date() } });
	});
}

/** Only the requester cancels their own pending request. */
export async function cancelContactRequest(actor: Actor, raw: unknown): Promise<void> {
	const memberId = requireMember(actor);
	const { requestId } = parseInput(requestTarget, raw);
	await context().db.$transaction(async (tx) => {
		const request = await pendingRequest(tx, memberId, requestId, 'requester');
		await tx.contactRequest.update({ where: { id: request.id }, data: { status: 'cancelled', answeredAt: new Date() } });
	});
}

/** Ends a contact on both sides; the actor's and the other's group entries go with it (FK cascade). */
export async function removeContact(actor: Actor, raw: unknown): Promise<void> {
	const ownerId = requireMember(actor);
	const { memberId } = parseInput(memberTarget, raw);
	await context().db.$transaction(async (tx) => {
		await lockPair(tx, ownerId, memberId);
		const { count } = await tx.contact.deleteMany({
			where: {
				OR: [
					{ ownerId, otherId: memberId },
					{ ownerId: memberId, otherId: ownerId }
				]
			}
		});
		if (count === 0) throw notFound('relations.error.not_contact');
	});
	context().events.emit('contact.removed', { memberIds: [ownerId, memberId] });
}

/** The actor's contacts (active members), by name, with the ids of the actor's groups holding each. */
export async function listContacts(actor: Actor) {
	const ownerId = requireMember(actor);
	const rows = await context().db.contact.findMany({
		where: { ownerId, other: { status: 'active' } },
		orderBy: [{ other: { lastName: 'asc' } }, { other: { firstName: 'asc' } }],
		select: { createdAt: true, other: { select: memberCard }, groupEntries: { select: { groupId: true } } }
	});
	return rows.map((r) => ({ ...toCard(r.other), since: r.createdAt, groupIds: r.groupEntries.map((g) => g.groupId) }));
}

/** Pending requests the actor received and sent (from and to active members), newest first. */
export async function listContactRequests(actor: Actor) {
	const memberId = requireMember(actor);
	const { db } = context();
	const [received, sent] = await Promise.all([
		db.contactRequest.findMany({
			where: { recipientId: memberId, status: 'pending', requester: { status: 'active' } },
			orderBy: { createdAt: 'desc' },
			select: { id: true, message: true, createdAt: true, requester: { select: memberCard } }
		}),
		db.contactRequest.findMany({
			where: { requesterId: memberId, status: 'pending', recipient: { status: 'active' } },
			orderBy: { createdAt: 'desc' },
			select: { id: true, message: true, createdAt: true, recipient: { select: memberCard } }
		})
	]);
	return {
		received: received.map((r) => ({ id: r.id, message: r.message, createdAt: r.createdAt, member: toCard(r.requester) })),
		sent: sent.map((r) => ({ id: r.id, message: r.message, createdAt: r.createdAt, member: toCard(r.recipient) }))
	};
}

export interface RelationState {
	following: boolean;
	contact: boolean;
	/** id of the actor's pending request to the other member */
	sentRequestId: string | null;
	/** id of the other member's pending request to the actor */
	receivedRequestId: string | null;
	acceptsRequests: boolean;
}

/** What the actor's relation with another member is right now (drives the actions on /m/<slug>). */
export async function relationState(actor: Actor, raw: unknown): Promise<RelationState | null> {
	if (!actor || typeof raw !== 'object' || raw === null) return null;
	const { memberId: otherId } = parseInput(memberTarget, raw);
	const me = actor.memberId;
	if (otherId === me) return null;
	const { db } = context();
	const [other, follow, contact, pending] = await Promise.all([
		db.member.findUnique({ where: { id: otherId }, select: { acceptsContactRequests: true } }),
		db.follow.findFirst({ where: { followerId: me, followedMemberId: otherId }, select: { id: true } }),
		db.contact.findUnique({ where: { ownerId_otherId: { ownerId: me, otherId } }, select: { ownerId: true } }),
		db.contactRequest.findMany({
			where: { status: 'pending', OR: [{ requesterId: me, recipientId: otherId }, { requesterId: otherId, recipientId: me }] },
			select: { id: true, requesterId: true }
		})
	]);
	if (!other) return null;
	return {
		following: follow !== null,
		contact: contact !== null,
		sentRequestId: pending.find((p) => p.requesterId === me)?.id ?? null,
		receivedRequestId: pending.find((p) => p.requesterId === otherId)?.id ?? null,
		acceptsRequests: other.acceptsContactRequests
	};
}
