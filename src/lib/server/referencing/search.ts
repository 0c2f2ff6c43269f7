import { z } from 'zod';
import { context } from '../context.ts';
import { notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { can, type ActorRef } from '../access/index.ts';
import { listDepartements } from '../directory/index.ts';
import { textQuery } from '../directory/words.ts';
import { fold } from '../directory/text.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { mediaUrl } from '../uploads/index.ts';
import { GOODS, SECTORS, splitSkills } from './catalog.ts';
import { contactsOf, establishmentsOf, referencesOf } from './records.ts';

export const PAGE_SIZE = 20;
const { sql, join } = Prisma;
const list = (v: unknown) => (Array.isArray(v) ? v : typeof v === 'string' && v.trim() ? v.split(',') : []).map((s) => String(s).trim()).filter(Boolean);
const departementCodes = new Set<string>();

/** The search criteria (form, saved searches and /api/v1/cooperatives share them). */
export const criteriaInput = z.object({
	departements: z.preprocess(list, z.array(z.string().refine((c) => (departementCodes.size || listDepartements().forEach((d) => departementCodes.add(d.code)), departementCodes.has(c)), { error: 'referencing.error.departement' })).max(20, { error: 'referencing.error.too_many' })),
	sector: z.preprocess((v) => (v === '' ? undefined : v), z.enum(SECTORS, { error: 'referencing.error.sector' }).optional()),
	goods: z.preprocess(list, z.array(z.enum(GOODS, { error: 'referencing.error.goods_unknown' })).max(GOODS.length)),
	skills: z.preprocess((v) => (typeof v === 'string' ? v.slice(0, 300) : ''), z.string()),
	q: z.preprocess((v) => (typeof v === 'string' ? v.slice(0, 200).trim() : ''), z.string()),
	page: z.preprocess((v) => (v === undefined || v === '' ? 1 : Number(v)), z.number().int().min(1).max(500).catch(1))
});
export type Criteria = z.infer<typeof criteriaInput>;

/** Criteria as a query string (links, saved searches). */
export function criteriaParams(c: Partial<Criteria>): string {
	const p = new URLSearchParams();
	for (const d of c.departements ?? []) p.append('departements', d);
	if (c.sector) p.set('sector', c.sector);
	for (const g of c.goods ?? []) p.append('goods', g);
	if (c.skills) p.set('skills', c.skills);
	if (c.q) p.set('q', c.q);
	return p.toString();
}

export interface CooperativeResult {
	id: string;
	name: string;
	sector: string | null;
	city: string | null;
	postcode: string | null;
	departements: string[];
	goods: string[];
	skills: string[];
	activity: string | null;
	logoUrl: string | null;
}

/** Only approved records are ever listed: the one visibility rule of the search and the lists. */
const LISTED = sql`r.status = 'approved'::"CooperativeStatus"`;

/**
 * Multi-criteria search (département(s), sector, goods and services, skills, free keywords in French
 * full text — accents, stems, prefixes, typos through the directory's `relais_fr` text query): every
 * criterion given must hold; no criterion lists every approved record ("voir toutes les entreprises").
 */
export async function searchCooperatives(actor: ActorRef, raw: unknown) {
	void actor; // approved records are public
	const criteria = parseInput(criteriaInput, raw);
	const { db } = context();
	const where: Prisma.Sql[] = [LISTED];
	if (criteria.departements.length) where.push(sql`r.departements && ${criteria.departements}::text[]`);
	if (criteria.sector) where.push(sql`c.sector = ${criteria.sector}`);
	if (criteria.goods.length) where.push(sql`r.goods && ${criteria.goods}::text[]`);
	for (const skill of splitSkills(criteria.skills).slice(0, 10)) {
		where.push(sql`EXISTS (SELECT 1 FROM unnest(r.skills) s WHERE relais_fold(s) LIKE ${`%${fold(skill).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`})`);
	}
	const document = sql`(setweight(to_tsvector('relais_fr', concat_ws(' ', c.title, c."legalName", array_to_string(r.skills, ' '))), 'A')
		|| setweight(to_tsvector('relais_fr', concat_ws(' ', r.activity, r.certifications)), 'B')
		|| setweight(to_tsvector('relais_fr', concat_ws(' ', c.city, r."managerName", r."references"::text)), 'C'))`;
	const text = await textQuery(db, criteria.q);
	for (const tsquery of text?.words ?? []) where.push(sql`${document} @@ ${tsquery}::tsquery`);
	const rank = text ? sql`ts_rank_cd(${document}, ${text.any}::tsquery)` : sql`0::float8`;
	const offset = (criteria.page - 1) * PAGE_SIZE;
	const rows = await db.$queryRaw<{ id: string; total: bigint }[]>(sql`
		SELECT r.id, count(*) OVER () AS total
		  FROM "CooperativeRecord" r JOIN "Company" c ON c.id = r."companyId"
		 WHERE ${join(where, ' AND ')}
		 ORDER BY ${rank} DESC, c.title, r.id
		 LIMIT ${PAGE_SIZE} OFFSET ${offset}`);
	const total = rows.length ? Number(rows[0]!.total) : 0;
	return { criteria, total, page: criteria.page, pages: Math.ceil(total / PAGE_SIZE), results: await resultsOf(rows.map((r) => r.id)) };
}

async function resultsOf(ids: string[]): Promise<CooperativeResult[]> {
	if (!ids.length) return [];
	const records = await context().db.cooperativeRecord.findMany({ where: { id: { in: ids } }, include: { company: true } });
	const byId = new Map(records.map((r) => [r.id, r]));
	return ids.flatMap((id) => {
		const r = byId.get(id);
		if (!r?.company) return [];
		return [{ id: r.id, name: r.company.title, sector: r.company.sector, city: r.company.city, postcode: r.company.postcode, departements: r.departements, goods: r.goods, skills: r.skills, activity: r.activity, logoUrl: mediaUrl(r.company.logoPath) }];
	});
}

/** "Mots-clés les plus répandus": the skills most approved records share (folded, counted once per record). */
export async function topKeywords(limit = 12): Promise<{ keyword: string; count: number }[]> {
	const rows = await context().db.$queryRaw<{ keyword: string; count: bigint }[]>(sql`
		SELECT min(s) AS keyword, count(DISTINCT r.id) AS count
		  FROM "CooperativeRecord" r, unnest(r.skills) s
		 WHERE ${LISTED}
		 GROUP BY relais_fold(s)
		 ORDER BY count(DISTINCT r.id) DESC, relais_fold(s)
		 LIMIT ${limit}`);
	return rows.map((r) => ({ keyword: r.keyword, count: Number(r.count) }));
}

/** "Les dernières coopératives enregistrées", newest approval first. */
export async function latestCooperatives(limit = 6): Promise<CooperativeResult[]> {
	const rows = await context().db.cooperativeRecord.findMany({ where: { status: 'approved' }, orderBy: { approvedAt: 'desc' }, take: limit, select: { id: true } });
	return resultsOf(rows.map((r) => r.id));
}

/**
 * A record page: everything a buyer needs. An approved record is public; any other is seen only
 * by its owner and the moderators (for others it does not exist).
 */
export async function cooperativePage(actor: ActorRef, id: string) {
	const { db } = context();
	const record = await db.cooperativeRecord.findUnique({ where: { id }, include: { company: true, owner: { select: { email: true } } } });
	if (!record?.company || !(await can(actor, 'cooperative.view', { status: record.status, ownerId: record.ownerId }))) throw notFound('referencing.error.no_record');
	const favorite = actor ? await db.cooperativeFavorite.findUnique({ where: { memberId_recordId: { memberId: actor.memberId, recordId: id } } }) : null;
	const c = record.company;
	return {
		id: record.id,
		status: record.status,
		name: c.title,
		legalName: c.legalName,
		legalForm: record.legalForm,
		sector: c.sector,
		activity: record.activity,
		goods: record.goods,
		skills: record.skills,
		certifications: record.certifications,
		carbonFootprint: record.carbonFootprint,
		guarantees: record.guarantees,
		turnover: record.turnover,
		turnoverYear: record.turnoverYear,
		workforce: record.workforce,
		headOffice: { address: c.address, postcode: c.postcode, city: c.city },
		phone: c.phone,
		website: c.website,
		companySlug: c.slug,
		logoUrl: mediaUrl(c.logoPath),
		brochureUrl: mediaUrl(record.brochurePath),
		brochureType: record.brochureType,
		manager: { name: record.managerName, title: record.managerTitle },
		contacts: contactsOf(record),
		establishments: establishmentsOf(record),
		references: referencesOf(record),
		consultationEmail: record.consultationEmail ?? record.owner?.email ?? null,
		approvedAt: record.approvedAt,
		favorite: favorite ? { comment: favorite.comment, createdAt: favorite.createdAt } : null,
		canUseFavorites: await can(actor, 'referencing.use')
	};
}
