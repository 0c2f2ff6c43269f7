import { z } from 'zod';
import { context } from '../context.ts';
import { publicationVisibleWhere, requireMember, requirePermission, type ActorRef } from '../access/index.ts';
import { enqueue } from '../jobs/queue.ts';
import { addDays, formatLocalDate, isoWeekday, localDateOf, zonedToUtc, type LocalDate } from '../calendar/tz.ts';
import { parseInput } from '../validation.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { CONTRACT_TYPES, SECTORS } from './fields.ts';
import { CAREERS_JOBS, WEEKLY_ALERT_TZ } from './job-kinds.ts';

/**
 * The weekly alert (Datalumni: "chaque jeudi à 13h … uniquement s'il y en a eu"): members who
 * ticked "Je souhaite recevoir la notification hebdomadaire des offres d'emploi", optionally
 * narrowed to contract types and sectors, get on Thursdays at 13:00 Europe/Paris one mail with
 * the offers published during the week before that they may read (the shared visibility rule) —
 * none, no mail. One mail per member and week: JobAlertDelivery (member, Thursday) is written in
 * the transaction that enqueues the mail, so a second run of the same week sends nothing.
 */
const list = <T extends readonly [string, ...string[]]>(values: T) =>
	z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values, { error: 'error.invalid_form' })).max(values.length));

const alertInput = z.object({
	weekly: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
	contractTypes: list(CONTRACT_TYPES),
	sectors: list(SECTORS)
});

export async function alertSettings(actorRef: ActorRef) {
	const actor = await requirePermission(actorRef, 'careers.apply');
	const row = await context().db.jobAlertSubscription.findUnique({ where: { memberId: requireMember(actor) } });
	return { weekly: !!row, contractTypes: row?.contractTypes ?? [], sectors: row?.sectors ?? [] };
}

/** Saves the member's choice; unticking the box removes the subscription. */
export async function saveAlertSettings(actorRef: ActorRef, raw: unknown) {
	const actor = await requirePermission(actorRef, 'careers.apply');
	const memberId = requireMember(actor);
	const input = parseInput(alertInput, raw);
	const { db } = context();
	if (!input.weekly) {
		await db.jobAlertSubscription.deleteMany({ where: { memberId } });
		return { weekly: false, contractTypes: [], sectors: [] };
	}
	const data = { contractTypes: [...new Set(input.contractTypes)], sectors: [...new Set(input.sectors)] };
	await db.jobAlertSubscription.upsert({ where: { memberId }, create: { memberId, ...data }, update: data });
	return { weekly: true, ...data };
}

/**
 * The week an alert run at `now` speaks of: from the Thursday 13:00 (Paris) before the latest one
 * up to the latest one (≤ now). A late or retried run still covers the same week; across a DST
 * change the week is 167 or 169 hours long, as the wall clock says.
 */
export function alertWeek(now: Date): { week: LocalDate; start: Date; end: Date } {
	let day = localDateOf(WEEKLY_ALERT_TZ, now.getTime());
	for (;;) {
		if (isoWeekday(day) === 4 && zonedToUtc(WEEKLY_ALERT_TZ, day, 13 * 60) <= now.getTime()) break;
		day = addDays(day, -1);
	}
	const end = new Date(zonedToUtc(WEEKLY_ALERT_TZ, day, 13 * 60));
	const start = new Date(zonedToUtc(WEEKLY_ALERT_TZ, addDays(day, -7), 13 * 60));
	return { week: day, start, end };
}

/** The offers of the week a subscriber may read and asked for (never their own). */
export async function alertOffersFor(subscriber: { memberId: string; roles: readonly string[]; contractTypes: string[]; sectors: string[] }, start: Date, end: Date, now: Date) {
	const actor = { memberId: subscriber.memberId, roles: subscriber.roles as never };
	const job: Prisma.JobOfferWhereInput = {};
	if (subscriber.contractTypes.length) job.contractType = { in: subscriber.contractTypes as never };
	if (subscriber.sectors.length) job.sector = { in: subscriber.sectors };
	return context().db.publication.findMany({
		where: {
			AND: [
				publicationVisibleWhere(actor, now),
				{ kind: 'job', state: 'published', hiddenAt: null, authorId: { not: subscriber.memberId }, publishedAt: { gt: start, lte: end }, jobOffer: job }
			]
		},
		orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
		select: { id: true },
		take: 50
	});
}

/** What the Thursday schedule runs: one mail job per subscriber with offers this week. */
export async function sendWeeklyAlerts(now: Date = new Date()): Promise<{ week: string; mailed: number }> {
	const { db } = context();
	const { week, start, end } = alertWeek(now);
	const weekDate = new Date(`${formatLocalDate(week)}T00:00:00Z`);
	const subscribers = await db.jobAlertSubscription.findMany({
		where: { member: { status: 'active' } },
		select: { memberId: true, contractTypes: true, sectors: true, member: { select: { roles: true } } }
	});
	let mailed = 0;
	for (const s of subscribers) {
		const offers = await alertOffersFor({ memberId: s.memberId, roles: s.member.roles, contractTypes: s.contractTypes, sectors: s.sectors }, start, end, now);
		if (offers.length === 0) continue;
		await db.$transaction(async (tx) => {
			const fresh = await tx.jobAlertDelivery.createMany({ data: [{ memberId: s.memberId, week: weekDate, offers: offers.length }], skipDuplicates: true });
			if (fresh.count === 0) return;
			await enqueue(
				CAREERS_JOBS.mail,
				{ kind: 'weekly_alert', memberId: s.memberId, week: formatLocalDate(week), offerIds: offers.map((o) => o.id) },
				{ uniqueKey: `${CAREERS_JOBS.mail}:weekly_alert:${s.memberId}:${formatLocalDate(week)}`, tx }
			);
			mailed += 1;
		});
	}
	return { week: formatLocalDate(week), mailed };
}
