import { context } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import type { Prisma } from '../generated/prisma/client.ts';

export { requireMember, type ActorRef as Actor } from '../access/index.ts';

/** Active members who appear in the directory: the only ones a new relation can reach. */
export const reachable = { status: 'active', visibleInDirectory: true } satisfies Prisma.MemberWhereInput;

/** The other member of a new relation: not oneself, and reachable (else `not_found`). */
export async function reachableOther(actorId: string, otherId: string, selfKey: 'relations.error.self_follow' | 'relations.error.self_request') {
	if (otherId === actorId) throw invalid(selfKey);
	const other = await context().db.member.findFirst({ where: { id: otherId, ...reachable }, select: { id: true, acceptsContactRequests: true } });
	if (!other) throw notFound('relations.error.member_not_found');
	return other;
}

/** Card of a member shown in relation lists. */
export const memberCard = {
	id: true,
	slug: true,
	firstName: true,
	lastName: true,
	category: true,
	city: true,
	photoPath: true,
	status: true,
	visibleInDirectory: true,
	profile: { select: { headline: true } }
} satisfies Prisma.MemberSelect;

export type MemberCardRow = Prisma.MemberGetPayload<{ select: typeof memberCard }>;
