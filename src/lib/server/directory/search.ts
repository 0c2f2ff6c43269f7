import { connectedMemberIds } from '../presence/index.ts';
import { context } from '../context.ts';
import { PROVIDER_CATEGORIES } from '../../categories.ts';
import { requirePermission, type ActorRef as Actor } from '../access/index.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { MemberCategory } from '../generated/prisma/enums.ts';
import { parseInput } from '../validation.ts';
import { memberSearchQuery, DEFAULT_RADIUS_KM, MAX_COUNTED, type MemberSearchQuery, type Sort } from './query.ts';
import { resolvePlace, type Place } from './places.ts';
import { containsPattern, fold } from './text.ts';
import { textQuery } from './words.ts';
import { coveringCells } from './cells.ts';
import { memberMatches } from './matches.ts';
import { distanceKm } from './distance.ts';
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
	/** matches, counted up to MAX_COUNTED */
	total: number;
	/** more than MAX_COUNTED matched: "plus de 1 000 résultats", refine to see the others */
	more: boolean;
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

const distance = (lat: number, lng: number) => distanceKm('s', lat, lng);


/** the point as earthdistance sees it: the GiST index on ll_to_earth(latitude, longitude) orders by it */
const earthPoint = (lat: number, lng: number) => sql`ll_to_earth(${lat}::float8, ${lng}::float8)`;
const memberEarth = sql`ll_to_earth(s.latitude, s.longitude)`;

interface PagePlan {
	where: Prisma.Sql[];
	box: Prisma.Sql[];
	text: { any: string } | null;
	point: { latitude: number; longitude: number } | null;
	sort: Sort;
	offset: number;
}

/**
 * One round trip: the page of matches, then what to show of those 20 only (checked again on the
 * source of truth: active and visible). Bounded whatever the number of matches:
 * - sorted by distance without text: the GiST index walks members nearest first (KNN), filters
 *   applied on the way, so page 1 reads about 20 rows;
 * - otherwise the matches, at most MAX_COUNTED + 1 as the indexes hand them over, are counted,
 *   ranked (relevance, distance or newest first) and paged: exact up to MAX_COUNTED matches,
 *   "plus de 1 000 résultats" beyond, and page 20 costs what page 1 does.
 */
function pageQuery({ where, box, text, point, sort, offset }: PagePlan): Prisma.Sql {
	// pages end with the MAX_COUNTED-th match, whatever the shape
	const limit = Math.max(0, Math.min(PAGE_SIZE, MAX_COUNTED - offset));
	const dist = point ? distance(point.latitude, point.longitude) : sql`NULL::float8`;
	const show = (found: Prisma.Sql, order: Prisma.Sql) => sql`
		WITH found AS (${found})
		SELECT f."memberId", f.rank, f.dist, f.total, m.slug, m."firstName", m."lastName", m.category::text AS category, m.city, m."photoPath", p.headline,
		       ARRAY(SELECT sl.label FROM "MemberSkill" ms JOIN "Skill" sl ON sl.id = ms."skillId"
		              WHERE ms."memberId" = m.id ORDER BY ms.position LIMIT 5) AS skills
		  FROM found f
		  JOIN "Member" m ON m.id = f."memberId" AND m.status = 'active' AND m."visibleInDirectory"
		  LEFT JOIN "Profile" p ON p."memberId" = m.id
		 ${order}`;
	if (!text && point && sort === 'distance') {
		const filter = join(where, ' AND ');
		return show(
			sql`
			SELECT s."memberId", s."joinedAt", 0::float8 AS rank, ${dist} AS dist,
			       (SELECT count(*) FROM (${memberMatches(sql`1`, [...where, ...box], MAX_COUNTED + 1)}) x) AS total
			  FROM "MemberSearch" s
			 WHERE ${filter}
			 ORDER BY ${memberEarth} <-> ${earthPoint(point.latitude, point.longitude)}, s."memberId"
			 LIMIT ${limit} OFFSET ${offset}`,
			sql`ORDER BY dist ASC, "memberId"`
		);
	}
	const order =
		sort === 'distance'
			? sql`ORDER BY dist ASC, rank DESC, "memberId"`
			: text
				? sql`ORDER BY rank DESC, ${point ? sql`dist ASC,` : empty} "memberId"`
				: sql`ORDER BY ${point ? sql`dist ASC,` : empty} "joinedAt" DESC, "memberId"`;
	const rank = text ? sql`ts_rank('{0.1, 0.2, 0.4, 1.0}', s.document, ${text.any}::tsquery)` : sql`0::float8`;
	return show(
		sql`
		WITH candidates AS MATERIALIZED (
			${memberMatches(sql`s."memberId", s."joinedAt", ${text ? sql`s.document` : sql`NULL::tsvector AS document`}, s.latitude, s.longitude`, [...where, ...box], MAX_COUNTED + 1)})
		SELECT s."memberId", s."joinedAt", ${rank} AS rank, ${dist} AS dist, (SELECT count(*) FROM candidates) AS total
		  FROM candidates s
		 ${order}
		 LIMIT ${limit} OFFSET ${offset}`,
		text ? order : sql`ORDER BY ${point ? sql`dist ASC,` : empty} f."joinedAt" DESC, "memberId"`
	);
}

/**
 * The directory search (ECE and coop seeds): active members who chose to appear; visitors (no
 * session) only see providers. French-aware text (accents, plurals, typos), place + radius or
 * département, filters; sorted by relevance or distance; paginated. Never returns an e-mail.
 */
export async function searchMembers(actor: Actor, raw: unknown): Promise<MemberSearchPage> {
	await requirePermission(actor, 'directory.search');
	const query = parseInput(memberSearchQuery, raw);
	const { db } = context();
	const text = await textQuery(db, query.q, { expandPrefixes: true });
	const place = query.where ? resolvePlace(query.where) : null;
	const placeUnknown = Boolean(query.where) && !place;
	const point = place && place.kind !== 'departement' ? place : null;
	const radiusKm = point ? (query.radius ?? DEFAULT_RADIUS_KM) : null;
	const sort: Sort = query.sort === 'distance' && point ? 'distance' : !text && point && !query.sort ? 'distance' : 'relevance';
	const providersOnly = !actor;
	const base = { query, place, placeUnknown, radiusKm, sort, page: query.page, pageSize: PAGE_SIZE, providersOnly };
	if (placeUnknown) return { ...base, total: 0, more: false, pages: 0, results: [] };

	const where: Prisma.Sql[] = [sql`s.listed`];
	// the cells covering the radius (cells.ts): matched in the same GIN index scan as the text, so
	// a frequent word is skipped through rather than read whole — except when walking nearest
	// first, where the GiST index must drive (with the cells, PostgreSQL would rather sort every
	// member in them)
	const box: Prisma.Sql[] = [];
	if (providersOnly) where.push(sql`s.provider`);
	for (const tsquery of text?.words ?? []) where.push(sql`s.document @@ ${tsquery}::tsquery`);
	if (point && radiusKm !== null) {
		box.push(sql`relais_geo_cells(s.latitude, s.longitude) && ${coveringCells(point, radiusKm)}::text[]`);
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
		if (online.length === 0) return { ...base, total: 0, more: false, pages: 0, results: [] };
		where.push(sql`s."memberId" = ANY(${online}::uuid[])`);
	}

	const offset = (query.page - 1) * PAGE_SIZE;
	const rows = await db.$queryRaw<PageRow[]>(pageQuery({ where, box, text, point, sort, offset }));
	let total = rows.length > 0 ? Number(rows[0].total) : 0;
	if (rows.length === 0 && offset > 0) {
		// past the last page: still say how many there are (counted up to the same bound)
		const [{ n }] = await db.$queryRaw<{ n: bigint }[]>(sql`SELECT count(*) AS n FROM (${memberMatches(sql`1`, [...where, ...box], MAX_COUNTED + 1)}) x`);
		total = Number(n);
	}
	const more = total > MAX_COUNTED;
	if (more) total = MAX_COUNTED;
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
	return { ...base, total, more, pages: Math.ceil(total / PAGE_SIZE), results };
}

const PROVIDERS = new Set<string>(PROVIDER_CATEGORIES);

/** @deprecated the first directory's name, kept for existing callers: use searchMembers */
export const searchDirectory = searchMembers;
