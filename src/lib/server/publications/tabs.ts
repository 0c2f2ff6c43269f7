import { context } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { publicationVisibleWhere, resolveActor, type ActorRef } from '../access/index.ts';
import { DEFAULT_RADIUS_KM, resolvePlace, type Place } from '../directory/index.ts';
import { textQuery } from '../directory/words.ts';
import { distanceKm } from '../directory/distance.ts';
import { parseLocalDate, zonedToUtc, addDays } from '../calendar/tz.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { tabQuery, type TabQuery } from './inputs.ts';
import { cardRows, cardSelect, decodeCursor, encodeCursor, toCard, type PublicationCard } from './views.ts';

const { sql, join, empty } = Prisma;
export const TAB_PAGE_SIZE = 20;
/** newest rows a text search first looks through before asking the full-text index (see below) */
const RECENT_WINDOW = 3000;
const ZONE = 'Europe/Paris';

export interface TabPage {
	query: TabQuery;
	place: Place | null;
	placeUnknown: boolean;
	radiusKm: number | null;
	company: { slug: string; title: string } | null;
	page: number;
	pageSize: number;
	items: PublicationCard[];
	hasNext: boolean;
	nextCursor: string | null;
}

const distance = (lat: number, lng: number) => distanceKm('p', lat, lng);

/**
 * The public tabs Actualités, Offres, Demandes, Emploi (and GET /api/v1/publications): live
 * publications whose audience is public — and, for a logged-in member, members-only ones too.
 * Private ads (contacts, chosen contacts, groups) are never listed here, not even to their
 * recipients: they live in the feed. French full text over title, text and place (the directory's
 * machinery: accents, stems, prefixes, typos corrected against the vocabulary), place + radius or
 * département, company, publication dates; newest first, by page or keyset cursor. The page found
 * is then checked row by row with `publicationVisibleWhere`, the one rule of who reads what.
 */
export async function searchPublications(actorRef: ActorRef, raw: unknown, now: Date = new Date(), pageSize = TAB_PAGE_SIZE): Promise<TabPage> {
	const actor = await resolveActor(actorRef);
	const query = parseInput(tabQuery, raw);
	const { db } = context();
	const after = decodeCursor(query.cursor);
	if (after === 'bad') throw invalid('publications.error.cursor', { cursor: 'publications.error.cursor' });
	const place = query.place ? resolvePlace(query.place) : null;
	const placeUnknown = !!query.place && !place;
	const point = place && place.kind !== 'departement' ? place : null;
	const radiusKm = point ? (query.radius ?? DEFAULT_RADIUS_KM) : null;
	let company: TabPage['company'] = null;
	if (query.company) {
		company = await db.company.findUnique({ where: { slug: query.company }, select: { slug: true, title: true } });
	}
	const base = { query, place, placeUnknown, radiusKm, company, page: query.page, pageSize };
	if (placeUnknown || (query.company && !company)) return { ...base, items: [], hasNext: false, nextCursor: null };

	const where: Prisma.Sql[] = [
		sql`p.state = 'published'`,
		sql`p."hiddenAt" IS NULL`,
		sql`(p."expiresAt" IS NULL OR p."expiresAt" > ${now})`,
		actor ? sql`p.audience IN ('public', 'members')` : sql`p.audience = 'public'`
	];
	if (query.type) where.push(sql`p.kind = ${query.type}::"PublicationKind"`);
	const text = await textQuery(db, query.q);
	const textWhere = (text?.words ?? []).map((tsquery) => sql`p.search @@ ${tsquery}::tsquery`);
	if (point && radiusKm !== null) {
		const dLat = radiusKm / 111.2;
		const dLng = radiusKm / (111.2 * Math.max(0.05, Math.cos((point.latitude * Math.PI) / 180)));
		where.push(sql`p.latitude BETWEEN ${point.latitude - dLat} AND ${point.latitude + dLat}`);
		where.push(sql`p.longitude BETWEEN ${point.longitude - dLng} AND ${point.longitude + dLng}`);
		where.push(sql`${distance(point.latitude, point.longitude)} <= ${radiusKm}`);
	}
	if (place?.kind === 'departement') where.push(sql`p.departement = ${place.departement}`);
	if (company) where.push(sql`p."companyId" = (SELECT id FROM "Company" WHERE slug = ${company.slug})`);
	const from = query.from ? parseLocalDate(query.from) : null;
	const to = query.to ? parseLocalDate(query.to) : null;
	if ((query.from && !from) || (query.to && !to)) throw invalid('error.invalid_form', { [query.from && !from ? 'from' : 'to']: 'publications.error.date' });
	if (from) where.push(sql`p."publishedAt" >= ${new Date(zonedToUtc(ZONE, from, 0))}`);
	if (to) where.push(sql`p."publishedAt" < ${new Date(zonedToUtc(ZONE, addDays(to, 1), 0))}`);
	if (after) where.push(sql`p."publishedAt" <= ${after.at} AND (p."publishedAt" < ${after.at} OR p.id < ${after.id}::uuid)`);
	const offset = after ? 0 : (query.page - 1) * pageSize;
	const page = sql`ORDER BY p."publishedAt" DESC, p.id DESC LIMIT ${pageSize + 1} ${offset ? sql`OFFSET ${offset}` : empty}`;
	let found: { id: string }[] | null = null;
	if (textWhere.length && offset + pageSize < RECENT_WINDOW / 10) {
		// a common word: its newest matches are among the newest rows — read those in date order (btree)
		// instead of every match of the word (GIN). Exact whenever the window holds the whole page; a
		// rarer word falls through to the full-text index below.
		const probe = await db.$queryRaw<{ id: string }[]>(sql`
			SELECT p.id FROM (SELECT p.id, p.search, p."publishedAt" FROM "Publication" p WHERE ${join(where, ' AND ')}
			                   ORDER BY p."publishedAt" DESC, p.id DESC LIMIT ${RECENT_WINDOW}) p
			 WHERE ${join(textWhere, ' AND ')} ${page}`);
		if (probe.length === pageSize + 1) found = probe;
	}
	found ??= await db.$queryRaw<{ id: string }[]>(sql`
		SELECT p.id FROM "Publication" p
		 WHERE ${join([...where, ...textWhere], ' AND ')}
		 ${page}`);
	const hasNext = found.length > pageSize;
	const ids = found.slice(0, pageSize).map((f) => f.id);
	// the rule decides which may be shown; the cards load meanwhile (one statement each)
	const [visible, cards] = ids.length
		? await Promise.all([db.publication.findMany({ where: { AND: [{ id: { in: ids } }, publicationVisibleWhere(actor, now)] }, select: { id: true } }), cardRows(ids)])
		: [[], new Map()];
	const allowed = new Set(visible.map((r) => r.id));
	const items = ids.flatMap((id) => {
		const row = cards.get(id);
		return row && allowed.has(id) ? [toCard(row, now)] : [];
	});
	return { ...base, items, hasNext, nextCursor: hasNext && items.length ? encodeCursor(items[items.length - 1]!) : null };
}

/** One publication as its reader may see it (the page /publications/<id>, the API), or not found. */
export async function readablePublication(actorRef: ActorRef, id: string, now: Date = new Date()) {
	const actor = await resolveActor(actorRef);
	if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('publications.error.not_found');
	const row = await context().db.publication.findFirst({ where: { AND: [{ id }, publicationVisibleWhere(actor, now)] }, select: cardSelect });
	if (!row) throw notFound(actor ? 'publications.error.not_found' : 'publications.error.not_found_visitor');
	return { actor, row, card: toCard(row, now) };
}
