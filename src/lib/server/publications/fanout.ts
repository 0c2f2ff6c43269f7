import { context } from '../context.ts';
import type { Database } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';

const { sql, empty } = Prisma;
type Db = Database | Prisma.TransactionClient;

/**
 * Fan-out on write: writes the FeedEntry rows of these publications (null = all) — one per member
 * whose home feed they enter, from the relations as they are now:
 * - its author;
 * - public and members-only posts: the author's followers and, for a company post, the company's
 *   followers (PROETHEEC help point 7 — a contact who does not follow gets none, help point 8);
 * - a private ad: the author's contacts (audience `contacts`), or the chosen contacts still in contact
 *   and the members of the chosen groups (`selected`; help points 9, 11).
 * A job offer enters once published (approved when the job board asks for approval).
 * Idempotent (ON CONFLICT DO NOTHING). Called by the `publication.published` subscriber, the demo seed
 * and the benchmark — one statement, so all three build feeds the same way.
 */
export async function fanOutPublications(db: Db, ids: readonly string[] | null): Promise<number> {
	return db.$executeRaw(sql`
		INSERT INTO "FeedEntry" ("memberId", "publishedAt", "publicationId")
		SELECT x.member, p."publishedAt", p.id
		  FROM "Publication" p
		 CROSS JOIN LATERAL (
		        SELECT p."authorId" AS member
		        UNION SELECT f."followerId" FROM "Follow" f WHERE p.audience IN ('public', 'members') AND f."followedMemberId" = p."authorId"
		        UNION SELECT f."followerId" FROM "Follow" f WHERE p.audience IN ('public', 'members') AND p."companyId" IS NOT NULL AND f."followedCompanyId" = p."companyId"
		        UNION SELECT c."otherId" FROM "Contact" c WHERE p.audience = 'contacts' AND c."ownerId" = p."authorId"
		        UNION SELECT r."memberId" FROM "PublicationRecipient" r JOIN "Contact" c ON c."ownerId" = p."authorId" AND c."otherId" = r."memberId"
		               WHERE p.audience = 'selected' AND r."publicationId" = p.id
		        UNION SELECT gm."memberId" FROM "PublicationGroup" g JOIN "ContactGroupMember" gm ON gm."groupId" = g."groupId"
		               WHERE p.audience = 'selected' AND g."publicationId" = p.id) x
		 WHERE (p.kind <> 'job' OR p.state = 'published') ${ids ? sql`AND p.id = ANY(${ids as string[]}::uuid[])` : empty}
		ON CONFLICT DO NOTHING`);
}

/** The author's own entry, written with the publication so that it shows in their feed at once. */
export async function feedAuthor(tx: Prisma.TransactionClient, publicationId: string, authorId: string, publishedAt: Date): Promise<void> {
	await tx.feedEntry.createMany({ data: [{ memberId: authorId, publicationId, publishedAt }], skipDuplicates: true });
}

/** The bulk form for a database the context does not hold (seed, benchmark). */
export function fanOutAll(db: Db = context().db): Promise<number> {
	return fanOutPublications(db, null);
}
