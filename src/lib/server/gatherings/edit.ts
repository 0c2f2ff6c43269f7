import { context } from '../context.ts';
import { DomainError, conflict, invalid, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { recordEvent, type OutboxEventMap, type Tx } from '../outbox/index.ts';
import { createEventRoom, inviteToRoom } from '../rooms/index.ts';
import { audienceOf, gatheringInput, localInput, priceCentsOf, timesOf, sameAudience } from './inputs.ts';
import { lockGathering, placesTaken, promoteWaiting } from './registration.ts';

/**
 * An organiser (the event's creator) or an administrator edits an event until it starts — with
 * the creation's input schema and checks, and the rules members rely on:
 * - capacity never below the places already taken; raised (or made unlimited), the waiting list is
 *   promoted in order at once;
 * - the price is fixed once a place was paid or is being paid (and a free event stays free once
 *   places were taken for free);
 * - a new date/time or place → every registered and waiting member gets ONE mail saying what
 *   changed, old → new, with the updated ICS (subscribers.ts → jobs.ts); the reminder follows the
 *   new start. A title/description-only edit sends nothing.
 * An online event whose date moves gets a new video room for the new times (rooms are opened for
 * a time window), its attendees invited to it; the link in the mail and on the page follows.
 */

const TX = { maxWait: 60_000, timeout: 60_000 } as const;
type Changed = OutboxEventMap['gathering.changed'];

const editSelect = {
	id: true,
	title: true,
	description: true,
	organiserName: true,
	organiserEmail: true,
	place: true,
	roomSlug: true,
	startAt: true,
	endAt: true,
	timezone: true,
	priceCents: true,
	capacity: true,
	registrationDeadline: true,
	audience: true,
	audienceRoles: true,
	audiencePromotions: true,
	audienceGroupIds: true,
	cancelledAt: true,
	createdById: true,
	revision: true,
	rescheduledAt: true
} as const;

/** Why an event can no longer be edited (cancelled, started), or null. */
function closedReason(g: { cancelledAt: Date | null; startAt: Date }, now: Date) {
	if (g.cancelledAt) return 'gatherings.error.cancelled' as const;
	if (g.startAt <= now) return 'gatherings.error.edit_started' as const;
	return null;
}

/** The price as the form writes it: "12,50", blank for free. */
const priceText = (cents: number) => (cents === 0 ? '' : (cents / 100).toFixed(2).replace('.', ',').replace(/,00$/, ''));

/** /evenements/<id>/modifier: the event's current values as its form sends them, the creator's groups, whether the price is locked. */
export async function editGatheringForm(actorRef: ActorRef, id: string, now: Date = new Date()) {
	await requirePermission(actorRef, 'gathering.edit', id);
	const { db } = context();
	const g = await db.gathering.findUnique({ where: { id }, select: editSelect });
	if (!g) throw notFound('gatherings.error.not_found');
	const [groups, locked] = await Promise.all([db.contactGroup.findMany({ where: { ownerId: g.createdById }, orderBy: { name: 'asc' }, select: { id: true, name: true } }), priceLock(id, g.priceCents)]);
	return {
		gathering: { id: g.id, title: g.title },
		closed: closedReason(g, now),
		priceLocked: locked !== null,
		groups,
		values: {
			title: g.title,
			description: g.description,
			organiserName: g.organiserName,
			organiserEmail: g.organiserEmail,
			mode: g.roomSlug ? 'online' : 'place',
			place: g.place ?? '',
			start: localInput(g.timezone, g.startAt),
			end: localInput(g.timezone, g.endAt),
			timezone: g.timezone,
			price: priceText(g.priceCents),
			capacity: g.capacity === null ? '' : String(g.capacity),
			deadline: g.registrationDeadline ? localInput(g.timezone, g.registrationDeadline) : '',
			audience: g.audience,
			roles: g.audienceRoles as string[],
			promotions: g.audiencePromotions.join(', '),
			groupIds: g.audienceGroupIds
		}
	};
}

/** Why the price may not change any more, or null. */
async function priceLock(gatheringId: string, priceCents: number, db: Pick<Tx, 'gatheringRegistration'> = context().db) {
	const paying = await db.gatheringRegistration.count({
		where: { gatheringId, OR: [{ payment: { in: ['online_paid', 'on_site_paid'] } }, { status: 'payment_pending' }] }
	});
	if (paying) return 'gatherings.error.price_locked' as const;
	if (priceCents === 0 && (await db.gatheringRegistration.count({ where: { gatheringId, status: 'registered' } }))) return 'gatherings.error.price_free_taken' as const;
	return null;
}

export interface EditOutcome {
	/** the date/time or the place changed: registered and waiting members are mailed */
	notified: boolean;
	/** members promoted from the waiting list by a larger capacity */
	promoted: number;
}

/** Saves the organiser's edit; bad input or a broken rule changes nothing. */
export async function updateGathering(actorRef: ActorRef, id: string, raw: unknown, now: Date = new Date()): Promise<EditOutcome> {
	await requirePermission(actorRef, 'gathering.edit', id);
	const input = parseInput(gatheringInput, raw);
	const { startAt, endAt, deadline } = timesOf(input, now);
	const priceCents = priceCentsOf(input);
	const audience = audienceOf(input);
	const capacity = input.capacity ?? null;
	const { db } = context();
	return db.$transaction(async (tx) => {
		await lockGathering(tx, id);
		const g = await tx.gathering.findUniqueOrThrow({ where: { id }, select: editSelect });
		const closed = closedReason(g, now);
		if (closed) throw conflict(closed);
		if (input.audience === 'groups') {
			const owned = await tx.contactGroup.count({ where: { id: { in: input.groupIds }, ownerId: g.createdById } });
			if (owned !== new Set(input.groupIds).size) throw invalid('error.invalid_form', { groupIds: 'gatherings.error.groups_required' });
		}
		const taken = await placesTaken(tx, id);
		if (capacity !== null && capacity < taken) throw new DomainError('invalid', 'gatherings.error.capacity_below_taken', { capacity: 'gatherings.error.capacity_below_taken_field' }, { taken });
		if (priceCents !== g.priceCents) {
			const locked = await priceLock(id, g.priceCents, tx);
			if (locked) throw invalid(locked, { price: locked });
		}

		const moved = startAt.getTime() !== g.startAt.getTime() || endAt.getTime() !== g.endAt.getTime();
		const online = input.mode === 'online';
		let roomSlug = online ? g.roomSlug : null;
		if (online && (!g.roomSlug || moved)) {
			roomSlug = (await createEventRoom(tx, { hostId: g.createdById, title: input.title, startAt, endAt, maxParticipants: (capacity ?? 100) + 1 })).slug;
			const attendees = await tx.gatheringRegistration.findMany({ where: { gatheringId: id, status: 'registered' }, select: { memberId: true } });
			for (const a of attendees) await inviteToRoom(tx, roomSlug, a.memberId);
		}
		const place = online ? null : (input.place ?? null);
		const placeChanged = place !== g.place || roomSlug !== g.roomSlug;
		const revision = moved || placeChanged ? g.revision + 1 : g.revision;

		const updated = await tx.gathering.update({
			where: { id },
			data: {
				title: input.title,
				description: input.description,
				organiserName: input.organiserName,
				organiserEmail: input.organiserEmail,
				place,
				roomSlug,
				startAt,
				endAt,
				timezone: input.timezone,
				priceCents,
				capacity,
				registrationDeadline: deadline,
				...audience,
				revision,
				...(moved ? { rescheduledAt: now } : {})
			},
			select: { id: true, title: true, startAt: true, registrationDeadline: true, cancelledAt: true, capacity: true, priceCents: true, roomSlug: true }
		});
		// the "Participer" links not used yet follow the new deadline (or start)
		if (moved || deadline?.getTime() !== g.registrationDeadline?.getTime()) {
			await tx.gatheringInvitation.updateMany({ where: { gatheringId: id, usedAt: null }, data: { expiresAt: deadline && deadline < startAt ? deadline : startAt } });
		}
		const promoted = capacity === null || (g.capacity !== null && capacity > g.capacity) ? await promoteWaiting(tx, updated, now) : 0;

		// a changed audience (another promotion, role or group, or everyone): the invitation job mails
		// each member of the new audience it has not mailed yet — those already invited get nothing
		if (!sameAudience(g, audience)) await recordEvent(tx, 'gathering.audience_changed', { gatheringId: id });

		if (moved || placeChanged) {
			const change: Changed = { gatheringId: id, revision, start: startAt.toISOString() };
			if (moved) change.when = { fromStart: g.startAt.toISOString(), fromEnd: g.endAt.toISOString(), fromZone: g.timezone, toStart: startAt.toISOString(), toEnd: endAt.toISOString(), toZone: input.timezone };
			if (placeChanged) change.place = { from: g.place, fromRoom: g.roomSlug, to: place, toRoom: roomSlug };
			await recordEvent(tx, 'gathering.changed', change);
		}
		return { notified: moved || placeChanged, promoted };
	}, TX);
}
