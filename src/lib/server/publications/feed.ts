import { context } from '../context.ts';
import { invalid } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { publicationVisibleWhere, requireMember, resolveActor, type ActorRef } from '../access/index.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { feedQuery } from './inputs.ts';
import { cardSelect, decodeCursor, encodeCursor, toCard, type PublicationCard } from './views.ts';

const { sql, empty } = Prisma;
export const FEED_PAGE_SIZE = 20;

/** A live post: published, not hidden by a moderator, not expired. */
const live = (now: Date) => sql`p.state = 'published' AND p."hiddenAt" IS NULL AND (p."expiresAt" IS NULL OR p."expiresAt" > ${now})`;

/**
 * The candidates of one page of a member's home feed, newest first — one indexed range per source,
 * merged: posts of followed members (public and members-only), of followed companies (all their
 * advertisers' posts in its name), private ads to my contacts from authors I am a contact of, ads
 * addressed to me by name or through a contact group, and my own. Each source reads at most `limit`
 * rows from its (author | company | recipient | group, publishedAt) index, so the cost depends on how
 * many sources a member has, not on how many publications exist.
 */
async function candidates(me: string, now: Date, after: { at: Date; id: string } | null, limit: number) {
	const keyset = after ? sql`AND p."publishedAt" <= ${after.at} AND (p."publishedAt" < ${after.at} OR p.id < ${after.id}::uuid)` : empty;
	const order = sql`ORDER BY p."publishedAt" DESC, p.id DESC LIMIT ${limit}`;
	return context().db.$queryRaw<{ id: string; publishedAt: Date }[]>(sql`
		SELECT id, "publishedAt" FROM (
			(SELECT p.id, p."publishedAt"
			   FROM "Follow" f CROSS JOIN LATERAL (
			        SELECT p.id, p."publishedAt" FROM "Publication" p
			         WHERE p."authorId" = f."followedMemberId" AND p.audience IN ('public', 'members') AND ${live(now)} ${keyset} ${order}) p
			  WHERE f."followerId" = ${me}::uuid AND f."followedMemberId" IS NOT NULL)
			UNION ALL
			(SELECT p.id, p."publishedAt"
			   FROM "Follow" f CROSS JOIN LATERAL (
			        SELECT p.id, p."publishedAt" FROM "Publication" p
			         WHERE p."companyId" = f."followedCompanyId" AND p.audience IN ('public', 'members') AND ${live(now)} ${keyset} ${order}) p
			  WHERE f."followerId" = ${me}::uuid AND f."followedCompanyId" IS NOT NULL)
			UNION ALL
			(SELECT p.id, p."publishedAt"
			   FROM "Contact" c CROSS JOIN LATERAL (
			        SELECT p.id, p."publishedAt" FROM "Publication" p
			         WHERE p."authorId" = c."ownerId" AND p.audience = 'contacts' AND ${live(now)} ${keyset} ${order}) p
			  WHERE c."otherId" = ${me}::uuid)
			UNION ALL
			(SELECT p.id, p."publishedAt" FROM "PublicationRecipient" r JOIN "Publication" p ON p.id = r."publicationId"
			  WHERE r."memberId" = ${me}::uuid AND p.audience = 'selected' AND ${live(now)} ${keyset} ${order})
			UNION ALL
			(SELECT p.id, p."publishedAt"
			   FROM "ContactGroupMember" gm JOIN "PublicationGroup" g ON g."groupId" = gm."groupId" JOIN "Publication" p ON p.id = g."publicationId"
			  WHERE gm."memberId" = ${me}::uuid AND p.audience = 'selected' AND ${live(now)} ${keyset} ${order})
			UNION ALL
			(SELECT p.id, p."publishedAt" FROM "Publication" p
			  WHERE p."authorId" = ${me}::uuid AND p.state = 'published' AND (p."expiresAt" IS NULL OR p."expiresAt" > ${now}) ${keyset} ${order})
		) c
		GROUP BY id, "publishedAt"
		ORDER BY "publishedAt" DESC, id DESC
		LIMIT ${limit}`);
}

export interface FeedPage {
	items: PublicationCard[];
	nextCursor: string | null;
}

/**
 * The connected home page's feed (PROETHEEC help points 7–11), newest first, keyset pagination on
 * (publishedAt, id). Being a contact does not mean following: a contact's public posts only come
 * if I follow them; their private ads to me always do. Every candidate then goes through
 * `publicationVisibleWhere` — the one rule of who reads what — before it is shown.
 */
export async function homeFeed(actorRef: ActorRef, raw: unknown = {}, now: Date = new Date(), pageSize = FEED_PAGE_SIZE): Promise<FeedPage> {
	const actor = await resolveActor(actorRef);
	const me = requireMember(actor);
	const { cursor } = parseInput(feedQuery, raw);
	let after = decodeCursor(cursor);
	if (after === 'bad') throw invalid('publications.error.cursor', { cursor: 'publications.error.cursor' });
	const { db } = context();
	const items: PublicationCard[] = [];
	// a candidate the rule refuses (e.g. its author was deactivated) is skipped: read on to fill the page
	for (let round = 0; round < 5 && items.length < pageSize; round++) {
		const found = await candidates(me, now, after, pageSize + 1);
		if (found.length === 0) break;
		const rows = await db.publication.findMany({ where: { AND: [{ id: { in: found.map((f) => f.id) } }, publicationVisibleWhere(actor, now)] }, select: cardSelect });
		const byId = new Map(rows.map((r) => [r.id, r]));
		for (const f of found) {
			const row = byId.get(f.id);
			if (row && items.length < pageSize + 1) items.push(toCard(row, now));
		}
		if (found.length <= pageSize) {
			after = null;
			break;
		}
		after = { at: found[found.length - 1]!.publishedAt, id: found[found.length - 1]!.id };
		if (items.length > pageSize) break;
	}
	const more = items.length > pageSize;
	const page = items.slice(0, pageSize);
	return { items: page, nextCursor: more ? encodeCursor(page[page.length - 1]!) : null };
}
