import { context } from '../context.ts';
import type { Database } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { geocodeAddress } from './places.ts';

const { sql } = Prisma;

/**
 * Rebuilds the search documents of these members from their current rows (identity, profile,
 * skills, education, languages, companies, place, visibility). Call it after any change of what
 * the directory shows; members who are not active or chose not to appear lose their document.
 * Status, visibility, category, name and place changes are also caught by a database trigger, so
 * privacy never depends on a caller remembering. Returns how many documents were written.
 */
export async function refreshMemberSearch(memberIds: readonly string[], db: Database = context().db): Promise<number> {
	const ids = [...new Set(memberIds)];
	if (ids.length === 0) return 0;
	const [{ n }] = await db.$queryRaw<{ n: number }[]>(sql`SELECT relais_refresh_member_search(${ids}::uuid[]) AS n`);
	await geocodeMissing(db, ids);
	return n;
}

/** members per statement of a full rebuild: each batch commits on its own */
export const REBUILD_BATCH = 5_000;

/**
 * Rebuilds every member's document (after an import, a seed, or a change of the document's
 * shape) ONLINE: in batches of REBUILD_BATCH members, each its own short transaction. Searches
 * keep answering from the rows already there, and a member who edits their profile meanwhile
 * waits for one batch's row locks at most (a single statement over a million members held them
 * for minutes and left a million dead rows at once). `db` defaults to the process's client; the
 * seed passes its own.
 *
 * Members are taken in postcode order (then id), so the search rows are written place by place:
 * the matches of a search around a city then sit on a few pages of the table instead of one page
 * each (at a million members, a 50 km search read 2 400 pages for 2 500 candidates; 35–50 % less
 * time once the rows were grouped by place). Each full rebuild groups them again.
 */
export async function refreshAllMemberSearch(db: Database = context().db, options: { batch?: number } = {}): Promise<number> {
	const batch = options.batch ?? REBUILD_BATCH;
	let written = 0;
	let after: { place: string; id: string } | null = null;
	for (;;) {
		// keyset on the expression index Member_place_order_idx (migration directory_rebuild_by_place)
		const rows: { place: string; id: string }[] = await db.$queryRaw<{ place: string; id: string }[]>(sql`
			SELECT coalesce(postcode, '') AS place, id FROM "Member"
			 ${after ? sql`WHERE (coalesce(postcode, ''), id) > (${after.place}, ${after.id}::uuid)` : Prisma.empty}
			 ORDER BY coalesce(postcode, ''), id LIMIT ${batch}`);
		if (rows.length === 0) break;
		const [{ n }] = await db.$queryRaw<{ n: number }[]>(sql`SELECT relais_refresh_member_search(${rows.map((r) => r.id)}::uuid[]) AS n`);
		written += n;
		after = rows[rows.length - 1];
	}
	await geocodeMissing(db, null);
	return written;
}

/** Company documents follow their row through a trigger; this rebuilds them all (bulk imports). */
export async function refreshAllCompanySearch(db: Database = context().db): Promise<number> {
	const [{ n }] = await db.$queryRaw<{ n: number }[]>(sql`SELECT relais_refresh_company_search(NULL) AS n`);
	return n;
}

/** Members whose row has no coordinates: placed from their postcode or city with the offline gazetteer. */
async function geocodeMissing(db: Database, ids: string[] | null): Promise<void> {
	const missing = await db.$queryRaw<{ id: string; postcode: string | null; city: string | null; country: string }[]>(sql`
		SELECT m.id, m.postcode, m.city, m.country
		  FROM "MemberSearch" s JOIN "Member" m ON m.id = s."memberId"
		 WHERE s.latitude IS NULL AND s.place IS NOT NULL ${ids ? sql`AND s."memberId" = ANY(${ids}::uuid[])` : Prisma.empty}`);
	const located = missing.flatMap((m) => {
		const point = geocodeAddress(m.postcode, m.city, m.country);
		return point ? [{ id: m.id, ...point }] : [];
	});
	if (located.length === 0) return;
	await db.$executeRaw(sql`
		UPDATE "MemberSearch" s SET latitude = v.lat, longitude = v.lng
		  FROM unnest(${located.map((l) => l.id)}::uuid[], ${located.map((l) => l.latitude)}::float8[], ${located.map((l) => l.longitude)}::float8[]) AS v(id, lat, lng)
		 WHERE s."memberId" = v.id`);
}
