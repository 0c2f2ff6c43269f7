import { z } from 'zod';
import { context } from '../context.ts';
import { notFound } from '../errors.ts';
import { can, publicationVisibleWhere, requireMember, requirePermission, resolveActor, type Actor, type ActorRef } from '../access/index.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { resolvePlace } from '../directory/places.ts';
import { textQuery } from '../directory/words.ts';
import { distanceKm } from '../directory/distance.ts';
import { parseInput } from '../validation.ts';
import { CONTRACT_TYPES, isoDay, plainText, SECTORS } from './fields.ts';
import type { OfferState } from './offers.ts';

/**
 * The board (ECE "Carrière", Datalumni "Stages / Emplois"): published offers the actor may read —
 * ALWAYS through publicationVisibleWhere, the publications' one rule — with filters (contract
 * type, sector, place + radius, date, remote) and French full-text search (the directory's
 * `relais_fr` configuration and typo machinery, computed on the fly over title, employer and
 * description: fine at an association's scale, see the README).
 */
export const BOARD_PAGE_SIZE = 20;
export const DEFAULT_RADIUS_KM = 30;
const SINCE_DAYS = ['1', '7', '30'] as const;

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
export const boardQuery = z.object({
	q: z.preprocess(blank, z.string().trim().max(200, { error: 'error.too_long' }).optional()),
	contract: z.preprocess(blank, z.enum(CONTRACT_TYPES, { error: 'careers.error.contract' }).optional()),
	sector: z.preprocess(blank, z.enum(SECTORS, { error: 'careers.error.sector' }).optional()),
	place: z.preprocess(blank, z.string().trim().max(120, { error: 'error.too_long' }).optional()),
	radius: z.preprocess(blank, z.coerce.number({ error: 'error.invalid_form' }).int().min(1).max(500).optional()),
	since: z.preprocess(blank, z.enum(SINCE_DAYS, { error: 'error.invalid_form' }).optional()),
	remote: z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean()),
	page: z.preprocess(blank, z.coerce.number().int().min(1).max(500).default(1))
});
export type BoardQuery = z.infer<typeof boardQuery>;

const { sql, join } = Prisma;

const cardSelect = {
	id: true,
	title: true,
	city: true,
	audience: true,
	publishedAt: true,
	company: { select: { title: true, slug: true } },
	jobOffer: { select: { employer: true, contractType: true, sector: true, remote: true, deadline: true, startsOn: true } }
} satisfies Prisma.PublicationSelect;

type CardRow = Prisma.PublicationGetPayload<{ select: typeof cardSelect }>;

function card(r: CardRow) {
	return {
		id: r.id,
		title: r.title,
		place: r.city,
		audience: r.audience,
		publishedAt: r.publishedAt.toISOString(),
		companyName: r.company?.title ?? null,
		companySlug: r.company?.slug ?? null,
		employer: r.jobOffer?.employer ?? '',
		contractType: r.jobOffer?.contractType ?? 'other',
		sector: r.jobOffer?.sector ?? null,
		remote: r.jobOffer?.remote ?? false,
		deadline: isoDay(r.jobOffer?.deadline),
		startsOn: isoDay(r.jobOffer?.startsOn)
	};
}
export type OfferCard = ReturnType<typeof card>;

/** The offers' searchable text, as the on-the-fly tsvector reads it (title weighs most). */
const DOCUMENT = sql`(setweight(to_tsvector('relais_fr', p.title), 'A')
	|| setweight(to_tsvector('relais_fr', concat_ws(' ', j.employer, j.sector)), 'B')
	|| setweight(to_tsvector('relais_fr', regexp_replace(p.body, '<[^>]+>', ' ', 'g')), 'C'))`;

/** Ids of published job offers matching the text and the place (null: no such filter asked). */
async function prefilter(query: BoardQuery): Promise<{ ids: string[] | null; placeLabel: string | null; placeUnknown: boolean }> {
	const { db } = context();
	const text = await textQuery(db, query.q);
	const place = query.place ? resolvePlace(query.place) : null;
	const placeUnknown = !!query.place && !place;
	if (!text && !place) return { ids: query.q && !text ? [] : null, placeLabel: null, placeUnknown };
	const where: Prisma.Sql[] = [sql`p.kind = 'job'`, sql`p.state = 'published'`];
	for (const tsquery of text?.words ?? []) where.push(sql`${DOCUMENT} @@ ${tsquery}::tsquery`);
	if (place) {
		const radius = query.radius ?? DEFAULT_RADIUS_KM;
		where.push(sql`p.latitude IS NOT NULL AND ${distanceKm('p', place.latitude, place.longitude)} <= ${radius}`);
	}
	const rank = text ? sql`ts_rank_cd(${DOCUMENT}, ${text.any}::tsquery)` : sql`0::float8`;
	const rows = await db.$queryRaw<{ id: string }[]>(sql`
		SELECT p.id FROM "Publication" p JOIN "JobOffer" j ON j."publicationId" = p.id
		 WHERE ${join(where, ' AND ')}
		 ORDER BY ${rank} DESC, p."publishedAt" DESC
		 LIMIT 2000`);
	return { ids: rows.map((r) => r.id), placeLabel: place?.label ?? null, placeUnknown };
}

/** The listing /emplois: what the actor may read, filtered, newest first. */
export async function searchOffers(actorRef: ActorRef, raw: unknown, now: Date = new Date()) {
	const actor = await resolveActor(actorRef);
	const query = parseInput(boardQuery, raw);
	const { db } = context();
	const { ids, placeLabel, placeUnknown } = await prefilter(query);
	const and: Prisma.PublicationWhereInput[] = [publicationVisibleWhere(actor, now), { kind: 'job', state: 'published', hiddenAt: null }];
	const job: Prisma.JobOfferWhereInput = {};
	if (query.contract) job.contractType = query.contract;
	if (query.sector) job.sector = query.sector;
	if (query.remote) job.remote = true;
	if (Object.keys(job).length) and.push({ jobOffer: job });
	if (query.since) and.push({ publishedAt: { gte: new Date(now.getTime() - Number(query.since) * 86_400_000) } });
	if (ids) and.push({ id: { in: ids } });
	const where = { AND: and };
	const [total, rows] = await Promise.all([
		db.publication.count({ where }),
		db.publication.findMany({ where, select: cardSelect, orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }], skip: (query.page - 1) * BOARD_PAGE_SIZE, take: BOARD_PAGE_SIZE })
	]);
	return {
		query,
		placeLabel,
		placeUnknown,
		total,
		page: query.page,
		pages: Math.max(1, Math.ceil(total / BOARD_PAGE_SIZE)),
		offers: rows.map(card),
		canPost: await can(actor, 'careers.post'),
		canModerate: await can(actor, 'careers.moderate')
	};
}

/** One offer, if the actor may read it (same rule), with what the actor may do with it. */
export async function offerPage(actorRef: ActorRef, offerId: string, now: Date = new Date()) {
	const actor = await resolveActor(actorRef);
	const { db } = context();
	const row = await db.publication.findFirst({
		where: { AND: [publicationVisibleWhere(actor, now), { id: offerId, kind: 'job' }] },
		select: {
			...cardSelect,
			body: true,
			state: true,
			authorId: true,
			companyId: true,
			hiddenAt: true,
			author: { select: { firstName: true, lastName: true } },
			jobOffer: {
				select: {
					employer: true,
					contractType: true,
					sector: true,
					remote: true,
					deadline: true,
					startsOn: true,
					applyEmail: true,
					reviewNote: true,
					archiveReason: true,
					outcome: true
				}
			}
		}
	});
	if (!row || !row.jobOffer) throw notFound(actor ? 'careers.error.not_found' : 'careers.error.not_found_visitor');
	const canManage = await can(actor, 'careers.offer.manage', { authorId: row.authorId, companyId: row.companyId });
	const applied = actor ? await db.jobApplication.findUnique({ where: { publicationId_applicantId: { publicationId: row.id, applicantId: actor.memberId } }, select: { createdAt: true } }) : null;
	const deadlinePassed = !!row.jobOffer.deadline && row.jobOffer.deadline.getTime() + 86_400_000 <= now.getTime();
	const applications = canManage ? await applicationsOf(row.id) : [];
	return {
		offer: {
			...card(row as CardRow),
			body: row.body,
			/** the share preview's text (OpenGraph), for public offers only */
			summary: row.audience === 'public' ? plainText(row.body).replace(/\s+/g, ' ').slice(0, 200) : null,
			state: row.state as OfferState,
			authorName: `${row.author.firstName} ${row.author.lastName}`.trim(),
			applyEmail: canManage ? row.jobOffer.applyEmail : null,
			reviewNote: canManage ? row.jobOffer.reviewNote : null,
			archiveReason: row.jobOffer.archiveReason,
			outcome: canManage ? row.jobOffer.outcome : null
		},
		canManage,
		canApply: !!actor && row.state === 'published' && row.authorId !== actor.memberId && !applied && !deadlinePassed && (await can(actor, 'careers.apply')),
		appliedAt: applied?.createdAt.toISOString() ?? null,
		deadlinePassed,
		loginToApply: !actor && row.state === 'published',
		applications
	};
}

async function applicationsOf(offerId: string) {
	const rows = await context().db.jobApplication.findMany({
		where: { publicationId: offerId },
		orderBy: { createdAt: 'desc' },
		select: { id: true, message: true, cvTitle: true, createdAt: true, applicant: { select: { firstName: true, lastName: true, email: true } } }
	});
	return rows.map((a) => ({
		id: a.id,
		message: a.message,
		cvTitle: a.cvTitle,
		createdAt: a.createdAt.toISOString(),
		applicantName: `${a.applicant.firstName} ${a.applicant.lastName}`.trim(),
		applicantEmail: a.applicant.email
	}));
}

/**
 * "Offres archivées": moderators see every archived offer (the board's history, Datalumni), an
 * author their own — the shared rule says exactly that for a non-published state.
 */
export async function archivedOffers(actorRef: ActorRef, now: Date = new Date()) {
	const actor = await resolveActor(actorRef);
	requireMember(actor);
	const rows = await context().db.publication.findMany({
		where: { AND: [publicationVisibleWhere(actor, now), { kind: 'job', state: 'archived' }] },
		orderBy: [{ jobOffer: { archivedAt: 'desc' } }, { id: 'desc' }],
		select: {
			...cardSelect,
			createdAt: true,
			author: { select: { firstName: true, lastName: true } },
			jobOffer: { select: { ...cardSelect.jobOffer.select, archivedAt: true, archiveReason: true, outcome: true, outcomeAt: true, _count: { select: { applications: true } } } }
		}
	});
	return rows.map((r) => ({
		...card(r as unknown as CardRow),
		createdAt: r.createdAt.toISOString(),
		authorName: `${r.author.firstName} ${r.author.lastName}`.trim(),
		archivedAt: r.jobOffer?.archivedAt?.toISOString() ?? null,
		archiveReason: r.jobOffer?.archiveReason ?? null,
		outcome: r.jobOffer?.outcome ?? null,
		outcomeAt: r.jobOffer?.outcomeAt?.toISOString() ?? null,
		applications: r.jobOffer?._count.applications ?? 0
	}));
}

const csvCell = (value: string | number | null | undefined) => {
	let text = value === null || value === undefined ? '' : String(value);
	// a cell a spreadsheet would read as a formula (CSV injection) is kept as text
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * "Exporter les offres archivées" with the authors' answers: CSV in UTF-8 with a BOM and `;`
 * (what French spreadsheets open as is). Moderators export every archived offer; `labels`
 * are the column titles and values in the reader's language.
 */
export async function archivedOffersCsv(actorRef: ActorRef, labels: { header: string[]; contract: (c: string) => string; sector: (s: string | null) => string; reason: (r: string | null) => string; outcome: (o: string | null) => string }, now: Date = new Date()): Promise<string> {
	await requirePermission(actorRef, 'careers.moderate');
	const rows = await archivedOffers(actorRef, now);
	const lines = [labels.header.map(csvCell).join(';')];
	for (const r of rows) {
		lines.push(
			[
				r.title,
				r.employer,
				labels.contract(r.contractType),
				labels.sector(r.sector),
				r.place,
				r.authorName,
				r.publishedAt.slice(0, 10),
				r.deadline,
				r.archivedAt?.slice(0, 10),
				labels.reason(r.archiveReason),
				labels.outcome(r.outcome),
				r.outcomeAt?.slice(0, 10),
				r.applications
			]
				.map(csvCell)
				.join(';')
		);
	}
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export type BoardActor = Actor;
