import { context } from '../context.ts';
import { loadActor, publicationVisibleWhere, visibilitySelect, visibleMembers, type Actor } from '../access/index.ts';
import { textQuery } from '../directory/words.ts';
import { memberMatches } from '../directory/matches.ts';
import { distanceKm } from '../directory/distance.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { notify, publishUnread } from '../notifications/index.ts';
import { formatLocalDate, localDateOf } from '../calendar/tz.ts';

const { sql, join } = Prisma;
const PER_RUN = 50;

type Alert = Prisma.KeywordAlertGetPayload<{}>;
interface Found {
	itemId: string;
	label: string;
	href: string;
}

function placeWhere(alert: Alert, col: 's' | 'p' | 'c'): Prisma.Sql[] {
	if (alert.departement) return [sql`${Prisma.raw(`${col}.departement`)} = ${alert.departement}`];
	if (alert.latitude === null || alert.longitude === null || !alert.radiusKm) return [];
	return [sql`${distanceKm(col, alert.latitude, alert.longitude)} <= ${alert.radiusKm}`];
}

/** Ads: public or members-only, live, new or updated since the last check — then the owner's visibility rule. Never a private ad. */
async function matchAds(alert: Alert, actor: Actor, words: string[], now: Date): Promise<Found[]> {
	const { db } = context();
	const where = [
		...words.map((w) => sql`p.search @@ ${w}::tsquery`),
		sql`p.audience IN ('public', 'members')`,
		sql`p.state = 'published' AND p."hiddenAt" IS NULL AND (p."expiresAt" IS NULL OR p."expiresAt" > ${now})`,
		sql`(p."publishedAt" > ${alert.checkedAt} OR p."updatedAt" > ${alert.checkedAt})`,
		sql`p."authorId" <> ${alert.memberId}::uuid`,
		alert.kinds.length ? sql`p.kind::text = ANY(${alert.kinds as string[]}::text[])` : sql`p.kind <> 'news'`,
		...placeWhere(alert, 'p')
	];
	const ids = await db.$queryRaw<{ id: string }[]>(sql`SELECT p.id FROM "Publication" p WHERE ${join(where, ' AND ')} ORDER BY p."publishedAt" DESC LIMIT ${PER_RUN}`);
	if (!ids.length) return [];
	const rows = await db.publication.findMany({ where: { AND: [{ id: { in: ids.map((r) => r.id) } }, publicationVisibleWhere(actor, now)] }, select: { id: true, title: true, kind: true, audience: true } });
	return rows.filter((r) => r.audience === 'public' || r.audience === 'members').map((r) => ({ itemId: r.id, label: r.title, href: r.kind === 'job' ? `/emplois/${r.id}` : `/publications/${r.id}` }));
}

/** Member profiles: listed in the directory, refreshed since the last check, visible to the owner (never an unlisted member). */
async function matchMembers(alert: Alert, actor: Actor, words: string[]): Promise<Found[]> {
	const { db } = context();
	const where = [sql`s.listed`, ...words.map((w) => sql`s.document @@ ${w}::tsquery`), sql`s."refreshedAt" > ${alert.checkedAt}`, sql`s."memberId" <> ${alert.memberId}::uuid`, ...placeWhere(alert, 's')];
	const ids = await db.$queryRaw<{ id: string }[]>(memberMatches(sql`s."memberId" AS id`, where, PER_RUN));
	if (!ids.length) return [];
	const rows = await db.member.findMany({ where: { id: { in: ids.map((r) => r.id) } }, select: { ...visibilitySelect, firstName: true, lastName: true, slug: true } });
	return visibleMembers(actor, rows).map((m) => ({ itemId: m.id, label: `${m.firstName} ${m.lastName}`, href: `/m/${m.slug}` }));
}

/** Companies (public pages) whose search document changed since the last check. */
async function matchCompanies(alert: Alert, words: string[]): Promise<Found[]> {
	const where = [...words.map((w) => sql`s.document @@ ${w}::tsquery`), sql`s."refreshedAt" > ${alert.checkedAt}`, ...(alert.departement ? [sql`s.departement = ${alert.departement}`] : placeWhere(alert, 'c'))];
	return context().db.$queryRaw<Found[]>(sql`
		SELECT c.id AS "itemId", c.title AS label, '/c/' || c.slug AS href
		  FROM "CompanySearch" s JOIN "Company" c ON c.id = s."companyId"
		 WHERE ${join(where, ' AND ')} LIMIT ${PER_RUN}`);
}

/**
 * The daily run (server/jobs/schedules.ts): every active alert looks at what is new or updated since
 * its last check, with the same French text rules as the search (accents, stems, typos) and its
 * owner's visibility rules — never a private ad, never a member who chose not to appear. Each item is
 * reported once per alert (AlertMatch); the owner gets at most one notification per alert and day
 * (the notification's source key is the alert and the Paris day), so at most one mail. Idempotent.
 * Returns how many new matches were found.
 */
export async function runAlerts(now: Date = new Date()): Promise<number> {
	const { db } = context();
	const alerts = await db.keywordAlert.findMany({ where: { pausedAt: null, member: { status: 'active' } } });
	const day = formatLocalDate(localDateOf('Europe/Paris', now.getTime()));
	let total = 0;
	for (const alert of alerts) {
		const actor = await loadActor(alert.memberId);
		const text = await textQuery(db, alert.phrase);
		if (!actor || !text) continue;
		const found = alert.scope === 'ads' ? await matchAds(alert, actor, text.words, now) : alert.scope === 'members' ? await matchMembers(alert, actor, text.words) : await matchCompanies(alert, text.words);
		const told = await db.$transaction(async (tx) => {
			const { count } = found.length ? await tx.alertMatch.createMany({ data: found.map((f) => ({ alertId: alert.id, ...f, createdAt: now })), skipDuplicates: true }) : { count: 0 };
			await tx.keywordAlert.update({ where: { id: alert.id }, data: { checkedAt: now } });
			if (count === 0) return false;
			total += count;
			const result = await notify(
				tx,
				{
					recipientId: alert.memberId,
					type: 'alert.matched',
					object: { type: 'alert', id: alert.id },
					data: { title: alert.phrase, name: String(count) },
					groupKey: `alert:${alert.id}`,
					sourceKey: `alert:${alert.id}:${day}`
				},
				now
			);
			return result.created;
		});
		if (told) await publishUnread(alert.memberId);
	}
	return total;
}
