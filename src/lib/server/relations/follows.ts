import { context } from '../context.ts';
import { notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { mediaUrl } from '../uploads/index.ts';
import { memberCard, reachable, reachableOther, requireMember, type Actor, type MemberCardRow } from './access.ts';
import { memberTarget } from './inputs.ts';

/** Follow is one-way and needs no acceptance (HumHub, PROETHEEC "relations publiques"). */
export async function followMember(actor: Actor, raw: unknown): Promise<void> {
	const followerId = requireMember(actor);
	const { memberId } = parseInput(memberTarget, raw);
	await reachableOther(followerId, memberId, 'relations.error.self_follow');
	// following twice is not an error: the wish is already fulfilled
	await context().db.follow.createMany({ data: [{ followerId, followedMemberId: memberId }], skipDuplicates: true });
}

export async function unfollowMember(actor: Actor, raw: unknown): Promise<void> {
	const followerId = requireMember(actor);
	const { memberId } = parseInput(memberTarget, raw);
	const { count } = await context().db.follow.deleteMany({ where: { followerId, followedMemberId: memberId } });
	if (count === 0) throw notFound('relations.error.not_following');
}

export function toCard(m: MemberCardRow) {
	return {
		id: m.id,
		slug: m.slug,
		firstName: m.firstName,
		lastName: m.lastName,
		category: m.category,
		city: m.city,
		headline: m.profile?.headline ?? null,
		photoUrl: mediaUrl(m.photoPath),
		/** whether /m/<slug> shows this member to others (hidden members keep their relations) */
		linkable: m.status === 'active' && m.visibleInDirectory
	};
}

export type MemberCard = ReturnType<typeof toCard>;

/**
 * "Je suis": the members AND companies the actor follows, newest first. Company follows are
 * created by the companies module; they are only listed here. Members who left or hid themselves
 * drop out of the list (their Follow rows stay, and come back if they do).
 */
export async function listFollowing(actor: Actor) {
	const followerId = requireMember(actor);
	const rows = await context().db.follow.findMany({
		where: { followerId, OR: [{ followedMember: reachable }, { followedCompanyId: { not: null } }] },
		orderBy: { createdAt: 'desc' },
		select: {
			createdAt: true,
			followedMember: { select: memberCard },
			followedCompany: { select: { id: true, slug: true, title: true, city: true, logoPath: true } }
		}
	});
	return {
		members: rows.flatMap((r) => (r.followedMember ? [{ ...toCard(r.followedMember), since: r.createdAt }] : [])),
		companies: rows.flatMap((r) =>
			r.followedCompany ? [{ id: r.followedCompany.id, slug: r.followedCompany.slug, title: r.followedCompany.title, city: r.followedCompany.city, logoUrl: mediaUrl(r.followedCompany.logoPath), since: r.createdAt }] : []
		)
	};
}

/** "Mes abonnés": members who follow the actor and appear in the directory, newest first. */
export async function listFollowers(actor: Actor) {
	const memberId = requireMember(actor);
	const rows = await context().db.follow.findMany({
		where: { followedMemberId: memberId, follower: reachable },
		orderBy: { createdAt: 'desc' },
		select: { createdAt: true, follower: { select: memberCard } }
	});
	return rows.map((r) => ({ ...toCard(r.follower), since: r.createdAt }));
}
