import { context } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { requireMember, requirePermission, type ActorRef } from '../access/index.ts';
import { recordEvent } from '../outbox/index.ts';
import { createEventRoom } from '../rooms/index.ts';
import { email as emailSchema } from '../validation.ts';
import { audienceOf, gatheringInput, priceCentsOf, timesOf } from './inputs.ts';

/**
 * Organisers' side of an event: create it (its invitations then go out by e-mail, its reminder is
 * scheduled: subscribers.ts), cancel it (everyone registered is told, online payments refunded),
 * and administrators naming organisers.
 */

export async function createGathering(actor: ActorRef, raw: unknown, now: Date = new Date()): Promise<{ id: string }> {
	const resolved = await requirePermission(actor, 'gathering.create');
	const me = requireMember(resolved);
	const input = parseInput(gatheringInput, raw);
	const { startAt, endAt, deadline } = timesOf(input, now);
	const { db } = context();
	if (input.audience === 'groups') {
		const owned = await db.contactGroup.count({ where: { id: { in: input.groupIds }, ownerId: me } });
		if (owned !== new Set(input.groupIds).size) throw invalid('error.invalid_form', { groupIds: 'gatherings.error.groups_required' });
	}
	const priceCents = priceCentsOf(input);
	const audience = audienceOf(input);
	return db.$transaction(async (tx) => {
		const room = input.mode === 'online' ? await createEventRoom(tx, { hostId: me, title: input.title, startAt, endAt, maxParticipants: (input.capacity ?? 100) + 1 }) : null;
		const row = await tx.gathering.create({
			data: {
				createdById: me,
				title: input.title,
				description: input.description,
				organiserName: input.organiserName,
				organiserEmail: input.organiserEmail,
				place: input.mode === 'place' ? input.place! : null,
				roomSlug: room?.slug ?? null,
				startAt,
				endAt,
				timezone: input.timezone,
				priceCents,
				capacity: input.capacity ?? null,
				registrationDeadline: deadline,
				...audience
			},
			select: { id: true }
		});
		await recordEvent(tx, 'gathering.published', { gatheringId: row.id, start: startAt.toISOString() });
		return row;
	});
}

/** The organiser cancels the event: registrations end, everyone is told, online payments are refunded (subscribers.ts). */
export async function cancelGathering(actor: ActorRef, gatheringId: string, now: Date = new Date()): Promise<void> {
	await requirePermission(actor, 'gathering.manage', gatheringId);
	await context().db.$transaction(async (tx) => {
		const { count } = await tx.gathering.updateMany({ where: { id: gatheringId, cancelledAt: null }, data: { cancelledAt: now } });
		if (!count) throw (await tx.gathering.count({ where: { id: gatheringId } })) ? new DomainError('conflict', 'gatherings.error.cancelled') : notFound('gatherings.error.not_found');
		await recordEvent(tx, 'gathering.cancelled', { gatheringId });
	});
}

/** Administrators make a member (by e-mail) an organiser, or take it back. */
export async function setOrganiser(actor: ActorRef, raw: { email?: unknown; organiser?: boolean }): Promise<{ memberId: string }> {
	const admin = await requirePermission(actor, 'membership.administer');
	const address = parseInput(emailSchema, raw.email);
	const { db } = context();
	const member = await db.member.findUnique({ where: { email: address }, select: { id: true } });
	if (!member) throw notFound('gatherings.error.member_not_found');
	if (raw.organiser === false) await db.gatheringOrganiser.deleteMany({ where: { memberId: member.id } });
	else await db.gatheringOrganiser.upsert({ where: { memberId: member.id }, create: { memberId: member.id, grantedById: admin!.memberId }, update: {} });
	return { memberId: member.id };
}

export async function listOrganisers(actor: ActorRef) {
	await requirePermission(actor, 'membership.administer');
	const rows = await context().db.gatheringOrganiser.findMany({ orderBy: { grantedAt: 'asc' }, select: { grantedAt: true, member: { select: { id: true, firstName: true, lastName: true, email: true } } } });
	return rows.map((r) => ({ id: r.member.id, name: `${r.member.firstName} ${r.member.lastName}`, email: r.member.email, grantedAt: r.grantedAt.toISOString() }));
}
