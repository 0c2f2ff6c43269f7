import { context } from '../context.ts';
import { DomainError, conflict, notFound } from '../errors.ts';
import { requireMember, requirePermission, type ActorRef } from '../access/index.ts';
import { recordEvent, type Tx } from '../outbox/index.ts';
import { inviteToRoom } from '../rooms/index.ts';
import { openCheckout, paymentsOnline, recordOfflinePayment } from '../payments/index.ts';
import type { RegistrationStatus } from '../generated/prisma/enums.ts';
import { newTicketCode, readToken, signToken } from './tokens.ts';

/**
 * Registrations: one per member and event, taken under the event's row lock (SELECT … FOR UPDATE),
 * so that however many register at once for the last place, exactly `capacity` hold a place and
 * the others wait in the order the lock let them in (waitPosition). A place that frees promotes
 * the first of the waiting list at once, in the same transaction. Paid events: with Stripe, the
 * place is held (payment_pending) until the signed webhook says it is paid; without Stripe the
 * member is registered "à régler sur place" and the organiser marks the payment.
 */

const TX = { maxWait: 60_000, timeout: 60_000 } as const;
/** statuses that hold a place */
const HOLDING: RegistrationStatus[] = ['registered', 'payment_pending'];

export type RegisterOutcome = { registrationId: string; gatheringId: string; status: RegistrationStatus; waitPosition: number | null; checkoutUrl?: string };

export async function lockGathering(tx: Tx, gatheringId: string) {
	await tx.$queryRaw`SELECT 1 AS locked FROM "Gathering" WHERE "id" = ${gatheringId}::uuid FOR UPDATE`;
	const g = await tx.gathering.findUnique({
		where: { id: gatheringId },
		select: { id: true, title: true, startAt: true, registrationDeadline: true, cancelledAt: true, capacity: true, priceCents: true, roomSlug: true }
	});
	if (!g) throw notFound('gatherings.error.not_found');
	return g;
}
export type Locked = Awaited<ReturnType<typeof lockGathering>>;

/**
 * A member promoted from the waiting list of a paid event (online payment) has 48 hours to pay —
 * two days leave time to someone who reads their mail once a day, without freezing a place for a
 * week — or until the start when it is sooner (a place unpaid at the start is of no use to anyone).
 * Unpaid by then, the place goes to the next waiting member (deadline.ts).
 */
export const PAY_WITHIN_MS = 48 * 3600_000;
export const payDeadline = (g: Pick<Locked, 'startAt'>, now: Date) => new Date(Math.min(now.getTime() + PAY_WITHIN_MS, g.startAt.getTime()));

function assertOpen(g: Locked, now: Date) {
	if (g.cancelledAt) throw conflict('gatherings.error.cancelled');
	if (g.startAt <= now) throw conflict('gatherings.error.started');
	if (g.registrationDeadline && g.registrationDeadline <= now) throw conflict('gatherings.error.deadline_passed');
}

export const placesTaken = (tx: Tx, gatheringId: string) => tx.gatheringRegistration.count({ where: { gatheringId, status: { in: HOLDING } } });

/** The status a newcomer (or a promoted member) gets when a place is there for them. */
function placeStatus(g: Locked): { status: RegistrationStatus; payment: 'free' | 'on_site_due' } {
	if (g.priceCents === 0) return { status: 'registered', payment: 'free' };
	return paymentsOnline() ? { status: 'payment_pending', payment: 'free' } : { status: 'registered', payment: 'on_site_due' };
}

/** Registers `memberId` inside the caller's transaction (the event row locked here). Idempotent for a live registration. */
export async function registerInTx(tx: Tx, gatheringId: string, memberId: string, now: Date): Promise<RegisterOutcome> {
	const g = await lockGathering(tx, gatheringId);
	const existing = await tx.gatheringRegistration.findUnique({ where: { gatheringId_memberId: { gatheringId, memberId } } });
	if (existing && existing.status !== 'cancelled') return { registrationId: existing.id, gatheringId, status: existing.status, waitPosition: existing.waitPosition };
	assertOpen(g, now);
	const full = g.capacity !== null && (await placesTaken(tx, gatheringId)) >= g.capacity;
	let data: { status: RegistrationStatus; payment: 'free' | 'on_site_due'; waitPosition: number | null };
	if (full) {
		const last = await tx.gatheringRegistration.aggregate({ where: { gatheringId, status: 'waiting' }, _max: { waitPosition: true } });
		data = { status: 'waiting', payment: 'free', waitPosition: (last._max.waitPosition ?? 0) + 1 };
	} else data = { ...placeStatus(g), waitPosition: null };
	const row = existing
		? await tx.gatheringRegistration.update({ where: { id: existing.id }, data: { ...data, registeredAt: now, checkedInAt: null, paymentId: null, payBy: null } })
		: await tx.gatheringRegistration.create({ data: { gatheringId, memberId, ticketCode: newTicketCode(), registeredAt: now, ...data } });
	if (row.status === 'registered' && g.roomSlug) await inviteToRoom(tx, g.roomSlug, memberId);
	await recordEvent(tx, 'gathering.registration', { registrationId: row.id, kind: row.status === 'waiting' ? 'waiting' : row.status === 'payment_pending' ? 'payment_pending' : 'registered' });
	return { registrationId: row.id, gatheringId, status: row.status, waitPosition: row.waitPosition };
}

/**
 * Gives free places to the first of the waiting list, in order; each is told by e-mail (subscribers.ts).
 * A place to pay online gets its deadline (`payBy`, see PAY_WITHIN_MS), in the promotion mail.
 */
export async function promoteWaiting(tx: Tx, g: Locked, now: Date): Promise<number> {
	if (g.cancelledAt) return 0;
	let promoted = 0;
	for (;;) {
		if (g.capacity !== null && (await placesTaken(tx, g.id)) >= g.capacity) return promoted;
		const next = await tx.gatheringRegistration.findFirst({ where: { gatheringId: g.id, status: 'waiting' }, orderBy: [{ waitPosition: 'asc' }, { registeredAt: 'asc' }] });
		if (!next) return promoted;
		const status = placeStatus(g);
		const payBy = status.status === 'payment_pending' ? payDeadline(g, now) : null;
		const row = await tx.gatheringRegistration.update({ where: { id: next.id }, data: { ...status, waitPosition: null, payBy } });
		if (row.status === 'registered' && g.roomSlug) await inviteToRoom(tx, g.roomSlug, row.memberId);
		await recordEvent(tx, 'gathering.registration', { registrationId: row.id, kind: 'promoted' });
		promoted++;
	}
}

/** Opens the Stripe Checkout of a place held for payment; a failure gives the place back. */
async function checkoutFor(registrationId: string, now: Date): Promise<string> {
	const { db, config } = context();
	const reg = await db.gatheringRegistration.findUniqueOrThrow({
		where: { id: registrationId },
		select: { id: true, memberId: true, gatheringId: true, member: { select: { email: true } }, gathering: { select: { title: true, priceCents: true } } }
	});
	const base = `${config.publicUrl}/evenements/${reg.gatheringId}`;
	try {
		const { url } = await openCheckout({
			memberId: reg.memberId,
			purpose: 'ticket',
			reference: reg.id,
			amountCents: reg.gathering.priceCents,
			label: reg.gathering.title,
			email: reg.member.email,
			successUrl: `${base}?paiement=ok`,
			cancelUrl: `${base}?paiement=annule`,
			now
		});
		return url;
	} catch (error) {
		await releasePlace(registrationId, now);
		throw error;
	}
}

/** A member registers from the event's page (session). Paid with Stripe: returns the checkout to go to. */
export async function register(actor: ActorRef, gatheringId: string, now: Date = new Date()): Promise<RegisterOutcome> {
	const resolved = await requirePermission(actor, 'gathering.view', gatheringId);
	const me = requireMember(resolved);
	const outcome = await context().db.$transaction((tx) => registerInTx(tx, gatheringId, me, now), TX);
	if (outcome.status === 'payment_pending') return { ...outcome, checkoutUrl: await checkoutFor(outcome.registrationId, now) };
	return outcome;
}

/** Pays a place held for the member (e.g. after a promotion from the waiting list of a paid event). */
export async function payPlace(actor: ActorRef, gatheringId: string, now: Date = new Date()): Promise<{ checkoutUrl: string }> {
	const me = requireMember(actor);
	const reg = await context().db.gatheringRegistration.findUnique({ where: { gatheringId_memberId: { gatheringId, memberId: me } }, select: { id: true, status: true, payBy: true } });
	if (!reg || reg.status !== 'payment_pending') throw conflict('gatherings.error.nothing_to_pay');
	if (reg.payBy && reg.payBy <= now) throw conflict('gatherings.error.pay_deadline_passed');
	return { checkoutUrl: await checkoutFor(reg.id, now) };
}

/** Cancels a registration and gives its place to the next waiting member. */
async function releasePlace(registrationId: string, now: Date, kind: 'unregistered' | null = null): Promise<void> {
	await context().db.$transaction(async (tx) => {
		const reg = await tx.gatheringRegistration.findUnique({ where: { id: registrationId }, select: { gatheringId: true } });
		if (!reg) return;
		const g = await lockGathering(tx, reg.gatheringId);
		const current = await tx.gatheringRegistration.findUniqueOrThrow({ where: { id: registrationId } });
		if (current.status === 'cancelled') return;
		await tx.gatheringRegistration.update({ where: { id: registrationId }, data: { status: 'cancelled', waitPosition: null } });
		if (kind) await recordEvent(tx, 'gathering.registration', { registrationId, kind });
		if (HOLDING.includes(current.status) && g.startAt > now) await promoteWaiting(tx, g, now);
	}, TX);
}

/**
 * The member leaves (free events: freely until the start; paid ones while nothing was paid — a paid
 * place is the organiser's to cancel). The first waiting member gets the place.
 */
export async function unregister(actor: ActorRef, gatheringId: string, now: Date = new Date()): Promise<void> {
	const me = requireMember(actor);
	const { db } = context();
	const reg = await db.gatheringRegistration.findUnique({ where: { gatheringId_memberId: { gatheringId, memberId: me } }, include: { gathering: { select: { startAt: true } } } });
	if (!reg || reg.status === 'cancelled') throw notFound('gatherings.error.not_registered');
	if (reg.gathering.startAt <= now) throw conflict('gatherings.error.started');
	if (reg.payment === 'online_paid' || reg.payment === 'on_site_paid') throw conflict('gatherings.error.paid_no_unregister');
	await releasePlace(reg.id, now, 'unregistered');
}

export type JoinOutcome =
	| { kind: 'registered' | 'waiting' | 'already'; gatheringId: string; title: string; ticketToken: string | null; waitPosition: number | null }
	| { kind: 'checkout'; url: string }
	| { kind: 'expired' | 'used' | 'invalid' | 'closed'; gatheringId: string | null; title: string | null };

/**
 * The "Participer" button of an invitation: registers its member in one click, no login. The link
 * is signed, for that invitation only, works once and until the registration deadline (or start).
 */
export async function joinByInvitation(token: unknown, now: Date = new Date()): Promise<JoinOutcome> {
	const id = await readToken('join', token);
	const { db } = context();
	const invitation = id ? await db.gatheringInvitation.findUnique({ where: { id }, include: { gathering: { select: { id: true, title: true } }, member: { select: { status: true } } } }) : null;
	if (!invitation || invitation.member.status !== 'active') return { kind: 'invalid', gatheringId: null, title: null };
	const about = { gatheringId: invitation.gathering.id, title: invitation.gathering.title };
	if (invitation.usedAt) return { kind: 'used', ...about };
	if (invitation.expiresAt <= now) return { kind: 'expired', ...about };
	let outcome: RegisterOutcome;
	try {
		outcome = await db.$transaction(async (tx) => {
			const { count } = await tx.gatheringInvitation.updateMany({ where: { id: invitation.id, usedAt: null }, data: { usedAt: now } });
			if (!count) throw conflict('gatherings.error.link_used');
			return registerInTx(tx, invitation.gatheringId, invitation.memberId, now);
		}, TX);
	} catch (error) {
		if (error instanceof DomainError && error.key === 'gatherings.error.link_used') return { kind: 'used', ...about };
		if (error instanceof DomainError && error.kind === 'conflict') return { kind: 'closed', ...about };
		throw error;
	}
	if (outcome.status === 'payment_pending') return { kind: 'checkout', url: await checkoutFor(outcome.registrationId, now) };
	return { kind: outcome.status === 'waiting' ? 'waiting' : 'registered', ...about, ticketToken: outcome.status === 'registered' ? await signToken('ticket', outcome.registrationId) : null, waitPosition: outcome.waitPosition };
}

// ── payments (subscribers of payment.succeeded / payment.expired) ──

/** The webhook said the place is paid: the member is registered (or refunded if the place went meanwhile). */
export async function confirmPaidPlace(tx: Tx, registrationId: string, paymentId: string, now: Date): Promise<'registered' | 'refund'> {
	const reg = await tx.gatheringRegistration.findUnique({ where: { id: registrationId }, select: { gatheringId: true } });
	if (!reg) return 'refund';
	const g = await lockGathering(tx, reg.gatheringId);
	const current = await tx.gatheringRegistration.findUniqueOrThrow({ where: { id: registrationId } });
	if (current.status === 'registered' && current.paymentId === paymentId) return 'registered';
	const placeFree = current.status === 'payment_pending' || (!g.cancelledAt && (g.capacity === null || (await placesTaken(tx, g.id)) < g.capacity));
	if (!placeFree || g.cancelledAt || (current.status === 'registered' && current.paymentId)) return 'refund';
	await tx.gatheringRegistration.update({ where: { id: registrationId }, data: { status: 'registered', payment: 'online_paid', paymentId, waitPosition: null, payBy: null } });
	if (g.roomSlug) await inviteToRoom(tx, g.roomSlug, current.memberId);
	await recordEvent(tx, 'gathering.registration', { registrationId, kind: 'registered' });
	return 'registered';
}

/**
 * The checkout expired unpaid: the held place goes to the next waiting member (unless another
 * checkout is open). A place promoted from the waiting list stays held until its payment deadline
 * (`payBy`): the member may open another checkout until then; the deadline job drops it (deadline.ts).
 * Returns whether the place was dropped.
 */
export async function dropUnpaidPlace(tx: Tx, registrationId: string, now: Date, options: { atDeadline?: boolean } = {}): Promise<boolean> {
	const open = await tx.payment.count({ where: { purpose: 'ticket', reference: registrationId, status: 'open' } });
	if (open) return false;
	const reg = await tx.gatheringRegistration.findUnique({ where: { id: registrationId }, select: { gatheringId: true } });
	if (!reg) return false;
	const g = await lockGathering(tx, reg.gatheringId);
	const current = await tx.gatheringRegistration.findUniqueOrThrow({ where: { id: registrationId }, select: { payBy: true } });
	if (current.payBy && current.payBy > now) return false;
	if (options.atDeadline && !current.payBy) return false;
	const { count } = await tx.gatheringRegistration.updateMany({ where: { id: registrationId, status: 'payment_pending' }, data: { status: 'cancelled', payBy: null } });
	// a place from the waiting list that lapsed unpaid: its member is told
	if (count && current.payBy) await recordEvent(tx, 'gathering.payment_lapsed', { registrationId, gatheringId: reg.gatheringId });
	if (count && g.startAt > now) await promoteWaiting(tx, g, now);
	return count > 0;
}

// ── organiser ──

/** "Payé sur place": the organiser records the payment of a reservation. */
export async function markPaidOnSite(actor: ActorRef, gatheringId: string, registrationId: string, now: Date = new Date()): Promise<void> {
	await requirePermission(actor, 'gathering.manage', gatheringId);
	await context().db.$transaction(async (tx) => {
		const reg = await tx.gatheringRegistration.findFirst({ where: { id: registrationId, gatheringId }, include: { gathering: { select: { priceCents: true } } } });
		if (!reg) throw notFound('gatherings.error.not_registered');
		if (reg.payment !== 'on_site_due') throw conflict('gatherings.error.nothing_to_pay');
		const paymentId = await recordOfflinePayment(tx, { memberId: reg.memberId, purpose: 'ticket', reference: reg.id, amountCents: reg.gathering.priceCents, now });
		await tx.gatheringRegistration.update({ where: { id: reg.id }, data: { payment: 'on_site_paid', paymentId } });
	});
}

export type CheckInResult = { result: 'ok' | 'already' | 'unknown'; name: string | null; checkedInAt: string | null; counters: Counters };
export interface Counters {
	registered: number;
	checkedIn: number;
	waiting: number;
}

export async function counters(gatheringId: string): Promise<Counters> {
	const { db } = context();
	const [registered, checkedIn, waiting] = await Promise.all([
		db.gatheringRegistration.count({ where: { gatheringId, status: 'registered' } }),
		db.gatheringRegistration.count({ where: { gatheringId, status: 'registered', checkedInAt: { not: null } } }),
		db.gatheringRegistration.count({ where: { gatheringId, status: 'waiting' } })
	]);
	return { registered, checkedIn, waiting };
}

/** The ticket a typed or scanned code names: the 8-character code, the QR's signed token, or the ticket URL. */
async function ticketOf(gatheringId: string, raw: string) {
	const text = raw.trim();
	const { db } = context();
	const fromUrl = /\/billet\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(text)?.[1];
	const token = fromUrl ?? (text.includes('.') ? text : null);
	if (token) {
		const id = await readToken('ticket', token);
		return id ? db.gatheringRegistration.findFirst({ where: { id, gatheringId }, include: { member: { select: { firstName: true, lastName: true } } } }) : null;
	}
	const code = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
	if (code.length !== 8) return null;
	return db.gatheringRegistration.findFirst({ where: { ticketCode: code, gatheringId }, include: { member: { select: { firstName: true, lastName: true } } } });
}

/** The check-in screen: "ok", "déjà enregistré" (with when), or "inconnu" — and the live counters. */
export async function checkIn(actor: ActorRef, gatheringId: string, code: unknown, now: Date = new Date()): Promise<CheckInResult> {
	await requirePermission(actor, 'gathering.manage', gatheringId);
	const reg = typeof code === 'string' && code.length <= 500 ? await ticketOf(gatheringId, code) : null;
	if (!reg || reg.status !== 'registered') return { result: 'unknown', name: null, checkedInAt: null, counters: await counters(gatheringId) };
	const name = `${reg.member.firstName} ${reg.member.lastName}`;
	const { count } = await context().db.gatheringRegistration.updateMany({ where: { id: reg.id, checkedInAt: null }, data: { checkedInAt: now } });
	if (count) return { result: 'ok', name, checkedInAt: now.toISOString(), counters: await counters(gatheringId) };
	const again = await context().db.gatheringRegistration.findUniqueOrThrow({ where: { id: reg.id }, select: { checkedInAt: true } });
	return { result: 'already', name, checkedInAt: again.checkedInAt?.toISOString() ?? null, counters: await counters(gatheringId) };
}
