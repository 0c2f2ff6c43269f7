import type { Prisma } from '../generated/prisma/client.ts';
import { context } from '../context.ts';
import { isAdmin, isRecruiterOnly, type Actor } from './actor.ts';

type Tx = Prisma.TransactionClient;

/**
 * Association events (src/lib/server/gatherings) and membership dues (src/lib/server/membership):
 * the ONE copy of "who sees which event", "who organises" and "whose dues are current".
 */

/** Who the audience rule needs to know about the reader: their promotion and their contact groups. */
export interface GatheringReader {
	promotion: number | null;
	groupIds: string[];
}

export async function gatheringReader(actor: Actor, db: Tx = context().db): Promise<GatheringReader> {
	if (!actor) return { promotion: null, groupIds: [] };
	const [member, entries] = await Promise.all([
		db.member.findUnique({ where: { id: actor.memberId }, select: { promotion: true } }),
		db.contactGroupMember.findMany({ where: { memberId: actor.memberId }, select: { groupId: true } })
	]);
	return { promotion: member?.promotion ?? null, groupIds: entries.map((e) => e.groupId) };
}

/**
 * Who sees an event: visitors (and recruiters who are nothing else) public events only; members
 * public and all-members events, those for one of their roles, their promotion, or a contact group
 * of the organiser they are in; the creator and administrators every event; a member registered
 * keeps seeing it even if the audience changed.
 */
export function gatheringVisibleWhere(actor: Actor, reader: GatheringReader): Prisma.GatheringWhereInput {
	if (!actor) return { audience: 'public' };
	if (isAdmin(actor)) return {};
	const me = actor.memberId;
	const visible: Prisma.GatheringWhereInput[] = [{ audience: 'public' }, { createdById: me }, { registrations: { some: { memberId: me } } }];
	if (!isRecruiterOnly(actor)) {
		visible.push({ audience: 'members' }, { audience: 'roles', audienceRoles: { hasSome: [...actor.roles] } });
		if (reader.promotion !== null) visible.push({ audience: 'promotions', audiencePromotions: { has: reader.promotion } });
		if (reader.groupIds.length) visible.push({ audience: 'groups', audienceGroupIds: { hasSome: reader.groupIds } });
	}
	return { OR: visible };
}

/** May the actor see this event (id)? */
export async function gatheringVisible(actor: Actor, gatheringId: string, db: Tx = context().db): Promise<boolean> {
	const where = gatheringVisibleWhere(actor, await gatheringReader(actor, db));
	return (await db.gathering.count({ where: { AND: [{ id: gatheringId }, where] } })) === 1;
}

/** Administrators, and members an administrator made organisers, create events. */
export async function isOrganiser(actor: Actor, db: Tx = context().db): Promise<boolean> {
	if (!actor) return false;
	if (isAdmin(actor)) return true;
	return (await db.gatheringOrganiser.count({ where: { memberId: actor.memberId } })) === 1;
}

/** An event's creator (still an organiser) and administrators manage it: attendees, check-in, cancel. */
export async function managesGathering(actor: Actor, gatheringId: string, db: Tx = context().db): Promise<boolean> {
	if (!actor) return false;
	if (isAdmin(actor)) return true;
	const row = await db.gathering.findUnique({ where: { id: gatheringId }, select: { createdById: true } });
	return row?.createdById === actor.memberId;
}

/** Paid dues covering `now`: a lifetime membership, or a yearly one not yet over. */
export async function hasCurrentDues(actor: Actor, now: Date = new Date(), db: Tx = context().db): Promise<boolean> {
	if (!actor) return false;
	const count = await db.membershipDues.count({
		where: { memberId: actor.memberId, status: 'paid', startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] }
	});
	return count > 0;
}

/**
 * May the actor use a space (e.g. `careers`) as far as dues go: any member when administrators
 * did not reserve it to members with current dues; otherwise cotisants and administrators.
 * Other rules of the space (roles, recruiters…) are the space's own permission.
 */
export async function spaceAllowsByDues(actor: Actor, space: string, now: Date = new Date(), db: Tx = context().db): Promise<boolean> {
	if (!actor) return false;
	if (isAdmin(actor)) return true;
	const reserved = (await db.membershipSpace.count({ where: { space } })) === 1;
	return !reserved || hasCurrentDues(actor, now, db);
}
