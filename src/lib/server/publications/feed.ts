import { context } from '../context.ts';
import { invalid } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { publicationVisibleWhere, requireMember, resolveActor, type ActorRef } from '../access/index.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { feedQuery } from './inputs.ts';
import { cardRows, decodeCursor, encodeCursor, toCard, type PublicationCard } from './views.ts';

const { sql, empty } = Prisma;
export const FEED_PAGE_SIZE = 20;

/**
 * The candidates of one page of a member's home feed, newest first: one range of the member's
 * FeedEntry rows (fan-out on write, fanout.ts), so the cost does not depend on how many members and
 * companies they follow nor on how many publications exist. What a row promised when it was written is
 * checked again here — the post is live (published, not hidden, not expired; the author also sees
 * their hidden ones), and a public post still comes from a followed member or company, or is the
 * member's own: unfollowing empties the feed of that source at once.
 */
export async function feedCandidates(me: string, now: Date, after: { at: Date; id: string } | null, limit: number) {
	return context().db.$queryRaw<{ id: string; publishedAt: Date }[]>(sql`
		SELECT e."publicationId" AS id, e."publishedAt"
		  FROM "FeedEntry" e JOIN "Publication" p ON p.id = e."publicationId"
		 WHERE e."memberId" = ${me}::uuid
		   ${after ? sql`AND e."publishedAt" <= ${after.at} AND (e."publishedAt" < ${after.at} OR e."publicationId" < ${after.id}::uuid)` : empty}
		   AND p.state = 'published' AND (p."expiresAt" IS NULL OR p."expiresAt" > ${now})
		   AND (p."hiddenAt" IS NULL OR p."authorId" = ${me}::uuid)
		   AND (p."authorId" = ${me}::uuid
		        OR p.audience IN ('contacts', 'selected')
		        OR EXISTS (SELECT 1 FROM "Follow" f WHERE f."followerId" = ${me}::uuid AND f."followedMemberId" = p."authorId")
		        OR (p."companyId" IS NOT NULL AND EXISTS (SELECT 1 FROM "Follow" f WHERE f."followerId" = ${me}::uuid AND f."followedCompanyId" = p."companyId")))
		 ORDER BY e."publishedAt" DESC, e."publicationId" DESC
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
		const found = await feedCandidates(me, now, after, pageSize + 1);
		if (found.length === 0) break;
		const ids = found.map((f) => f.id);
		// the rule decides which may be shown; the cards load meanwhile (one statement each)
		const [visible, cards] = await Promise.all([db.publication.findMany({ where: { AND: [{ id: { in: ids } }, publicationVisibleWhere(actor, now)] }, select: { id: true } }), cardRows(ids)]);
		const allowed = new Set(visible.map((r) => r.id));
		for (const f of found) {
			const row = cards.get(f.id);
			if (row && allowed.has(f.id) && items.length < pageSize + 1) items.push(toCard(row, now));
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
