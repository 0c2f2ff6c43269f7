import { connectedMemberIds } from '../presence/index.ts';
import { context } from '../context.ts';
import { PROVIDER_CATEGORIES } from '../../categories.ts';
import { requirePermission, type ActorRef as Actor } from '../access/index.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { MemberCategory } from '../generated/prisma/enums.ts';
import { parseInput } from '../validation.ts';
import { memberSearchQuery, DEFAULT_RADIUS_KM, type MemberSearchQuery, type Sort } from './query.ts';
import { resolvePlace, type Place } from './places.ts';
import { containsPattern, fold } from './text.ts';
import { textQuery } from './words.ts';
import { mediaUrl } from '../uploads/index.ts';

export const PAGE_SIZE = 20;

export interface MemberResult {
	id: string;
	slug: string;
	name: string;
	category: MemberCategory;
	city: string | null;
	headline: string | null;
	skills: string[];
	/** km from the searched place, rounded to 0.1; null without a place */
	distanceKm: number | null;
	/** the member's photo (/media/…); null without one: the card shows initials */
	photoUrl: string | null;
}

export interface MemberSearchPage {
	query: MemberSearchQuery;
	/** the place "Où ?" resolved to; null without one */
	place: Place | null;
	/** "Où ?" was given but names no known place: no results rather than results from anywhere */
	placeUnknown: boolean;
	/** km actually applied around the place (null for a département or without a place) */
	radiusKm: number | null;
	sort: Sort;
	total: number;
	page: number;
	pages: number;
	pageSize: number;
	/** no session: only providers are searched */
	providersOnly: boolean;
	results: MemberResult[];
}

const { sql, join, empty } = Prisma;

interface PageRow {
	memberId: string;
	dist: number | null;
	total: bigint;
	slug: string;
	firstName: string;
	lastName: string;
	category: MemberCategory;
	city: string | null;
	headline: string | null;
	skills: string[];
	photoPath: string | null;
}

/** great-circle distance in km between the row and a point (haversine) */
const distance = (lat: number, lng: number) =>
	sql`(12742.0 * asin(sqrt(power(sin(radians(s.latitude - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(s.latitude)) * power(sin(radians(s.longitude - ${lng}) / 2), 2))))`;

/**
 * The directory search (ECE and coop seeds): active members who chose to appear; visitors (no
 * session) only see providers. French-aware text (accents, plurals, typos), place + radius or
 * département, filters; sorted by relevance or distance; paginated. Never returns an e-mail.
 */
export async function searchMembers(actor: Actor, raw: unknown): Promise<MemberSearchPage> {
	await requirePermission(actor, 'directory.search');
	const query = parseInput(memberSearchQuery, raw);
	const { db } = context();
	const text = await textQuery(db, query.q);
	const place = query.where ? resolvePlace(query.where) : null;
	const placeUnknown = Boolean(query.where) && !place;
	const point = place && place.kind !== 'departement' ? place : null;
	const radiusKm = point ? (query.radius ?? DEFAULT_RADIUS_KM) : null;
	const sort: Sort = query.sort === 'distance' && point ? 'distance' : !text && point && !query.sort ? 'distance' : 'relevance';
	const providersOnly = !actor;
	const base = { query, place, placeUnknown, radiusKm, sort, page: query.page, pageSize: PAGE_SIZE, providersOnly };
	if (placeUnknown) return { ...base, total: 0, pages: 0, results: [] };

	const where: Prisma.Sql[] = [sql`s.listed`];
	if (providersOnly) where.push(sql`s.provider`);
	for (const tsquery of text?.words ?? []) where.push(sql`s.document @@ ${tsquery}::tsquery`);
	if (point && radiusKm !== null) {
		const dLat = radiusKm / 111.2;
		const dLng = radiusKm / (111.2 * Math.max(0.05, Math.cos((point.latitude * Math.PI) / 180)));
		where.push(sql`s.latitude BETWEEN ${point.latitude - dLat} AND ${point.latitude + dLat}`);
		where.push(sql`s.longitude BETWEEN ${point.longitude - dLng} AND ${point.longitude + dLng}`);
		where.push(sql`${distance(point.latitude, point.longitude)} <= ${radiusKm}`);
	}
	if (place?.kind === 'departement') where.push(sql`s.departement = ${place.departement}`);
	if (query.departement) where.push(sql`s.departement = ${query.departement}`);
	if (query.category) where.push(sql`s.category = ${query.category}::"MemberCategory"`);
	if (query.skill) where.push(sql`s."skillKeys" @> ARRAY[${fold(query.skill)}]::text[]`);
	if (query.company) where.push(sql`s.companies LIKE ${containsPattern(query.company)}`);
	if (query.school) where.push(sql`s.schools LIKE ${containsPattern(query.school)}`);
	if (query.diploma) where.push(sql`s.diplomas LIKE ${containsPattern(query.diploma)}`);
	if (query.promo) where.push(sql`s."promoYears" @> ARRAY[${query.promo}]::int[]`);
	if (query.language) where.push(sql`s.languages @> ARRAY[${query.language}]::text[]`);
	if (query.online) {
		const online = connectedMemberIds();
		if (online.length === 0) return { ...base, total: 0, pages: 0, results: [] };
		where.push(sql`s."memberId" = ANY(${online}::uuid[])`);
	}

	const rank = text ? sql`ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', s.document, ${text.any}::tsquery)` : sql`0::float8`;
	const dist = point ? distance(point.latitude, point.longitude) : sql`NULL::float8`;
	// the same order inside (to pick the page) and outside (to return it): bare names resolve in both
	const order =
		sort === 'distance'
			? sql`ORDER BY dist ASC, rank DESC, "memberId"`
			: text
				? sql`ORDER BY rank DESC, ${point ? sql`dist ASC,` : empty} "memberId"`
				: sql`ORDER BY ${point ? sql`dist ASC,` : empty} "joinedAt" DESC, "memberId"`;
	const offset = (query.page - 1) * PAGE_SIZE;
	// one round trip: the page of matches, then what to show of those 20 only (checked again on the
	// source of truth: active and visible, and a provider for visitors)
	const rows = await db.$queryRaw<PageRow[]>(sql`
		WITH found AS (
			SELECT s."memberId", s."joinedAt", ${rank} AS rank, ${dist} AS dist, count(*) OVER () AS total
			  FROM "MemberSearch" s
			 WHERE ${join(where, ' AND ')}
			 ${order}
			 LIMIT ${PAGE_SIZE} OFFSET ${offset})
		SELECT f."memberId", f."joinedAt", f.rank, f.dist, f.total, m.slug, m."firstName", m."lastName", m.category::text AS category, m.city, m."photoPath", p.headline,
		       ARRAY(SELECT sl.label FROM "MemberSkill" ms JOIN "Skill" sl ON sl.id = ms."skillId"
		              WHERE ms."memberId" = m.id ORDER BY ms.position LIMIT 5) AS skills
		  FROM found f
		  JOIN "Member" m ON m.id = f."memberId" AND m.status = 'active' AND m."visibleInDirectory"
		  LEFT JOIN "Profile" p ON p."memberId" = m.id
		 ${order}`);

	let total = rows.length > 0 ? Number(rows[0].total) : 0;
	if (rows.length === 0 && offset > 0) {
		// past the last page: still say how many there are
		const [{ n }] = await db.$queryRaw<{ n: bigint }[]>(sql`SELECT count(*) AS n FROM "MemberSearch" s WHERE ${join(where, ' AND ')}`);
		total = Number(n);
	}
	const results: MemberResult[] = rows
		.filter((m) => !providersOnly || PROVIDERS.has(m.category))
		.map((m) => ({
			id: m.memberId,
			slug: m.slug,
			name: `${m.firstName} ${m.lastName}`.trim(),
			category: m.category,
			city: m.city,
			headline: m.headline,
			skills: m.skills,
			distanceKm: m.dist === null ? null : Math.round(Number(m.dist) * 10) / 10,
			photoUrl: mediaUrl(m.photoPath)
		}));
	return { ...base, total, pages: Math.ceil(total / PAGE_SIZE), results };
}

const PROVIDERS = new Set<string>(PROVIDER_CATEGORIES);

/** @deprecated the first directory's name, kept for existing callers: use searchMembers */
export const searchDirectory = searchMembers;
