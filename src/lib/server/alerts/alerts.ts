import { context } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { requireMember, type ActorRef } from '../access/index.ts';
import { resolvePlace } from '../directory/places.ts';
import { alertInput, alertTarget, MAX_ALERTS } from './inputs.ts';

/**
 * Keyword alerts (PROETHEEC help point 12 "Alertes"): a member saves a word or phrase with a scope —
 * ads (optionally some kinds), member profiles, companies — and optionally a place + radius; the
 * daily run (match.ts) tells them what new or updated item contains it. Listed, edited, paused and
 * deleted in /settings/alerts; each member manages their own only.
 */
function fieldsOf(raw: unknown) {
	const input = parseInput(alertInput, raw);
	let place: ReturnType<typeof resolvePlace> = null;
	if (input.place) {
		place = resolvePlace(input.place);
		if (!place) throw invalid('error.invalid_form', { place: 'publications.error.place' });
	}
	const point = place && place.kind !== 'departement';
	return {
		phrase: input.phrase,
		scope: input.scope,
		kinds: input.scope === 'ads' ? input.kinds : [],
		place: place?.label ?? null,
		departement: place?.kind === 'departement' ? place.departement : null,
		latitude: point ? place!.latitude : null,
		longitude: point ? place!.longitude : null,
		radiusKm: point ? (input.radius ?? 20) : null
	};
}

export async function listAlerts(actor: ActorRef) {
	const me = requireMember(actor);
	const rows = await context().db.keywordAlert.findMany({
		where: { memberId: me },
		orderBy: { createdAt: 'asc' },
		select: {
			id: true,
			phrase: true,
			scope: true,
			kinds: true,
			place: true,
			radiusKm: true,
			pausedAt: true,
			createdAt: true,
			matches: { orderBy: { createdAt: 'desc' }, take: 5, select: { itemId: true, label: true, href: true, createdAt: true } }
		}
	});
	return rows.map((r) => ({ ...r, paused: !!r.pausedAt, createdAt: r.createdAt.toISOString(), pausedAt: r.pausedAt?.toISOString() ?? null, matches: r.matches.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) }));
}

export async function createAlert(actor: ActorRef, raw: unknown, now: Date = new Date()): Promise<{ id: string }> {
	const me = requireMember(actor);
	const data = fieldsOf(raw);
	const { db } = context();
	if ((await db.keywordAlert.count({ where: { memberId: me } })) >= MAX_ALERTS) throw conflict('alerts.error.too_many');
	// only what is published from now on is news to this alert
	return db.keywordAlert.create({ data: { memberId: me, ...data, checkedAt: now, createdAt: now }, select: { id: true } });
}

async function own(actor: ActorRef, raw: unknown) {
	const me = requireMember(actor);
	const { alertId } = parseInput(alertTarget, raw);
	const row = await context().db.keywordAlert.findFirst({ where: { id: alertId, memberId: me }, select: { id: true } });
	if (!row) throw notFound('alerts.error.not_found');
	return row.id;
}

export async function updateAlert(actor: ActorRef, raw: unknown): Promise<void> {
	const id = await own(actor, raw);
	await context().db.keywordAlert.update({ where: { id }, data: fieldsOf(raw) });
}

export async function pauseAlert(actor: ActorRef, raw: unknown, paused: boolean, now: Date = new Date()): Promise<void> {
	const id = await own(actor, raw);
	// resuming does not dig up what was published during the pause
	await context().db.keywordAlert.update({ where: { id }, data: paused ? { pausedAt: now } : { pausedAt: null, checkedAt: now } });
}

export async function deleteAlert(actor: ActorRef, raw: unknown): Promise<void> {
	const id = await own(actor, raw);
	await context().db.keywordAlert.delete({ where: { id } });
}
