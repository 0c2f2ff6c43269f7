import { context } from '../context.ts';
import type { Actor } from '../auth/accounts.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { parseInput } from '../validation.ts';
import { companySearchQuery, MAX_COUNTED, type CompanySearchQuery } from './query.ts';
import { departementName } from './places.ts';
import { containsPattern } from './text.ts';
import { textQuery } from './words.ts';

export const COMPANY_PAGE_SIZE = 20;

export interface CompanyResult {
	slug: string;
	title: string;
	sector: string | null;
	city: string | null;
	postcode: string | null;
	keywords: string[];
	description: string | null;
}

export interface CompanySearchPage {
	query: CompanySearchQuery;
	departementLabel: string | null;
	/** matches, counted up to MAX_COUNTED */
	total: number;
	/** more than MAX_COUNTED matched */
	more: boolean;
	page: number;
	pages: number;
	pageSize: number;
	results: CompanyResult[];
}

const { sql, join } = Prisma;

/**
 * Company search (coop seed: "implantation géographique (département), secteur d'activité,
 * compétences"): name, keywords and description in French-aware full text (accents, plurals,
 * typos on names and keywords), sector, département. Companies are public: any actor, or none.
 */
export async function searchCompanies(actor: Actor, raw: unknown): Promise<CompanySearchPage> {
	void actor; // companies are public; the actor is still explicit, as for every domain call
	const query = parseInput(companySearchQuery, raw);
	const { db } = context();
	const text = await textQuery(db, query.q, { expandPrefixes: true });
	const where: Prisma.Sql[] = [sql`true`];
	for (const tsquery of text?.words ?? []) where.push(sql`s.document @@ ${tsquery}::tsquery`);
	if (query.sector) where.push(sql`s.sector LIKE ${containsPattern(query.sector)}`);
	if (query.departement) where.push(sql`s.departement = ${query.departement}`);
	const filter = join(where, ' AND ');
	const offset = (query.page - 1) * COMPANY_PAGE_SIZE;
	const limit = Math.max(0, Math.min(COMPANY_PAGE_SIZE, MAX_COUNTED - offset));
	// as for members (search.ts, MAX_COUNTED): rank and count a bounded set of matches; the search
	// row carries the company's createdAt, so only the page's companies are looked up
	const rank = text ? sql`ts_rank('{0.1, 0.2, 0.4, 1.0}', s.document, ${text.any}::tsquery)` : sql`0::float4`;
	// one round trip: the page of matches, then the cards of those 20 only
	const rows = await db.$queryRaw<(CompanyResult & { total: bigint })[]>(sql`
		WITH candidates AS MATERIALIZED (
			SELECT s."companyId", s."createdAt", ${text ? sql`s.document` : sql`NULL::tsvector AS document`}
			  FROM "CompanySearch" s WHERE ${filter} LIMIT ${MAX_COUNTED + 1}),
		page AS (
			SELECT s."companyId", s."createdAt", ${rank} AS rank, (SELECT count(*) FROM candidates) AS total
			  FROM candidates s
			 ORDER BY rank DESC, s."createdAt" DESC, s."companyId"
			 LIMIT ${limit} OFFSET ${offset})
		SELECT p.total, c.slug, c.title, c.sector, c.city, c.postcode, c.keywords, c.description
		  FROM page p JOIN "Company" c ON c.id = p."companyId"
		 ORDER BY p.rank DESC, p."createdAt" DESC, p."companyId"`);
	let total = rows.length ? Number(rows[0].total) : 0;
	if (rows.length === 0 && offset > 0) {
		const [{ n }] = await db.$queryRaw<{ n: bigint }[]>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM "CompanySearch" s WHERE ${filter} LIMIT ${MAX_COUNTED + 1}) x`);
		total = Number(n);
	}
	const more = total > MAX_COUNTED;
	if (more) total = MAX_COUNTED;
	const results: CompanyResult[] = rows.map(({ slug, title, sector, city, postcode, keywords, description }) => ({ slug, title, sector, city, postcode, keywords, description }));
	return {
		query,
		departementLabel: query.departement ? departementName(query.departement) : null,
		total,
		more,
		page: query.page,
		pages: Math.ceil(total / COMPANY_PAGE_SIZE),
		pageSize: COMPANY_PAGE_SIZE,
		results
	};
}

/** Sectors in use, most common first: the sector filter's suggestions. */
export async function companySectors(): Promise<string[]> {
	const { db } = context();
	const rows = await db.company.groupBy({ by: ['sector'], where: { sector: { not: null } }, _count: { _all: true }, orderBy: { _count: { sector: 'desc' } }, take: 40 });
	return rows.map((r) => r.sector).filter((s): s is string => !!s);
}
