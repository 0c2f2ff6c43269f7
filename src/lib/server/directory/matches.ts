import { Prisma } from '../generated/prisma/client.ts';

const { sql, join } = Prisma;

/**
 * The member search rows (alias `s`) matching `where`, at most `limit`, in the order the indexes
 * hand them over.
 *
 * GIN has no ordered scan that could stop early: a frequent word ("plombier", 6 % of a million
 * members) collected all 63 000 matches into a bitmap before the first 1 001 were taken, so the
 * cost grew with the directory. The filters index is therefore split by a fixed hash of the member
 * id (migration directory_match_tiers): one member in eight, then the others. The small part is
 * read first and, when it alone holds `limit` matches, the other is never opened, so a frequent
 * word reads an eighth of its posting lists. Below `limit` matches both parts are read: every
 * match is still found and counted. The two predicates must stay word for word those of the two
 * partial indexes, or PostgreSQL cannot use them.
 */
export function memberMatches(columns: Prisma.Sql, where: Prisma.Sql[], limit: number): Prisma.Sql {
	const filter = join(where, ' AND ');
	return sql`(SELECT ${columns} FROM "MemberSearch" s WHERE ${filter} AND (uuid_hash(s."memberId") & 7) = 0 LIMIT ${limit})
		UNION ALL
		(SELECT ${columns} FROM "MemberSearch" s WHERE ${filter} AND (uuid_hash(s."memberId") & 7) <> 0 LIMIT ${limit})
		LIMIT ${limit}`;
}
