import { context } from '../context.ts';
import { sameSignature, signature } from '../signing.ts';
import { invalid, notFound } from '../errors.ts';
import { enqueue } from '../jobs/queue.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { JobOutcome } from '../generated/prisma/enums.ts';
import { CAREERS_JOBS } from './job-kinds.ts';

/**
 * The archive (Datalumni "offres archivées"): an offer is archived three months after its
 * application deadline or its start date (the earlier one set; neither: its publication), or at
 * once when its author withdraws it. Thirty and sixty days after archiving, its author is asked
 * "pourvue ? grâce au réseau ? toujours à pourvoir ?" with one-click signed answers; the answers
 * feed the archived offers' export. Run daily by the schedule `careers.archive`; `now` is a
 * parameter, so tests move the clock instead of waiting. Idempotent: each step is recorded on the
 * offer (archivedAt, followUp30At, followUp60At) in the transaction that enqueues its mail.
 */
export const ARCHIVE_AFTER_MONTHS = 3;
export const FOLLOW_UP_DAYS = [30, 60] as const;
export const OUTCOMES = ['filled_network', 'filled_other', 'open'] as const satisfies readonly JobOutcome[];

const DAY = 86_400_000;
const { sql } = Prisma;

/** Archives every published offer past its date + 3 months; returns their ids. */
export async function archiveDueOffers(now: Date = new Date()): Promise<string[]> {
	const { db } = context();
	return db.$transaction(async (tx) => {
		const rows = await tx.$queryRaw<{ id: string }[]>(sql`
			UPDATE "Publication" p SET state = 'archived', "updatedAt" = ${now}
			  FROM "JobOffer" j
			 WHERE j."publicationId" = p.id AND p.kind = 'job' AND p.state = 'published'
			   AND (COALESCE(LEAST(j.deadline, j."startsOn"), p."publishedAt"::date) + ${`${ARCHIVE_AFTER_MONTHS} months`}::interval) <= (${now}::timestamptz AT TIME ZONE 'UTC')
			RETURNING p.id`);
		const ids = rows.map((r) => r.id);
		if (ids.length) await tx.jobOffer.updateMany({ where: { publicationId: { in: ids } }, data: { archivedAt: now, archiveReason: 'expired' } });
		return ids;
	});
}

/**
 * The D+30 and D+60 follow-ups due at `now`: one mail job each, enqueued with the mark that it was
 * sent. The D+60 one is skipped for an offer its author already said was filled.
 */
export async function sendFollowUps(now: Date = new Date()): Promise<{ round: number; offerId: string }[]> {
	const { db } = context();
	const sent: { round: number; offerId: string }[] = [];
	// the later round first: an offer 60 days archived that never got its D+30 mail gets one mail, not two
	for (const round of [60, 30] as const) {
		const column = round === 30 ? 'followUp30At' : 'followUp60At';
		const due = await db.jobOffer.findMany({
			where: {
				archivedAt: { lte: new Date(now.getTime() - round * DAY) },
				[column]: null,
				...(round === 60 ? { OR: [{ outcome: null }, { outcome: 'open' }] } : { outcome: null }),
				publication: { state: 'archived' }
			},
			select: { publicationId: true },
			take: 500
		});
		for (const { publicationId } of due) {
			await db.$transaction(async (tx) => {
				const marked = await tx.jobOffer.updateMany({
					where: { publicationId, [column]: null },
					data: round === 60 ? { followUp60At: now, followUp30At: now } : { followUp30At: now }
				});
				if (marked.count === 0) return;
				// the D+60 mark also closes the D+30 round when it was never sent (a late run)
				await enqueue(CAREERS_JOBS.mail, { kind: 'follow_up', offerId: publicationId, round }, { uniqueKey: `${CAREERS_JOBS.mail}:follow_up:${publicationId}:${round}`, tx });
				sent.push({ round, offerId: publicationId });
			});
		}
	}
	return sent;
}

/** What the daily schedule runs. */
export async function runArchiveSchedule(now: Date = new Date()) {
	const archived = await archiveDueOffers(now);
	const followUps = await sendFollowUps(now);
	return { archived: archived.length, followUps: followUps.length };
}

// --- one-click answers ---

const SECRET_NAME = 'careers.outcome';
const sign = (body: string) => signature(SECRET_NAME, body);

export async function outcomeToken(offerId: string, outcome: JobOutcome): Promise<string> {
	const body = Buffer.from(`${offerId}:${outcome}`).toString('base64url');
	return `${body}.${await sign(body)}`;
}

/** The three answer links of a follow-up mail. */
export async function outcomeLinks(offerId: string): Promise<Record<JobOutcome, string>> {
	const base = `${context().config.publicUrl}/emplois/reponse/`;
	const entries = await Promise.all(OUTCOMES.map(async (o) => [o, base + (await outcomeToken(offerId, o))] as const));
	return Object.fromEntries(entries) as Record<JobOutcome, string>;
}

async function readToken(token: unknown): Promise<{ offerId: string; outcome: JobOutcome }> {
	const bad = () => invalid('careers.error.bad_link');
	if (typeof token !== 'string' || token.length > 300) throw bad();
	const [body, mac] = token.split('.');
	if (!body || !mac) throw bad();
	if (!sameSignature(mac, await sign(body))) throw bad();
	const [offerId, outcome] = Buffer.from(body, 'base64url').toString('utf8').split(':');
	if (!offerId || !(OUTCOMES as readonly string[]).includes(outcome ?? '')) throw bad();
	return { offerId, outcome: outcome as JobOutcome };
}

/** What the answer page shows before the click that records it (GET never changes anything). */
export async function outcomeAnswer(token: unknown) {
	const { offerId, outcome } = await readToken(token);
	const row = await context().db.jobOffer.findUnique({ where: { publicationId: offerId }, select: { employer: true, outcome: true, publication: { select: { title: true } } } });
	if (!row) throw notFound('careers.error.not_found');
	return { title: row.publication.title, employer: row.employer, outcome, current: row.outcome };
}

/** Records the author's answer (no login: the signed link is the proof); answering again replaces it. */
export async function recordOutcome(token: unknown, now: Date = new Date()) {
	const { offerId, outcome } = await readToken(token);
	const updated = await context().db.jobOffer.updateMany({ where: { publicationId: offerId }, data: { outcome, outcomeAt: now } });
	if (updated.count === 0) throw notFound('careers.error.not_found');
	return { outcome };
}
