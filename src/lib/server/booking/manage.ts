import { z } from 'zod';
import { context } from '../context.ts';
import { conflict, forbidden, notFound, unauthenticated } from '../errors.ts';
import type { Actor } from '../auth/accounts.ts';
import { hashSecret, newSecret } from '../auth/secrets.ts';
import { optionalText, parseInput } from '../validation.ts';
import { recordEvent } from '../outbox/index.ts';
import type { BookingGoogleEvent } from '../outbox/events.ts';
import { providerBusyTimes } from '../calendar/connections.ts';
import { assertNotPast, freshSlotsAround, isOverlapViolation, lockProvider, rescheduleLink, SlotTakenError, timezoneInput } from './book.ts';
import { bookedIntervals, LIVE_STATUSES, loadAppointmentType, loadProviderRules, typeRules } from './availability.ts';
import { isSlotAvailable } from './slots.ts';
import { sendBookingMailTo, type BookingForMail } from './notify.ts';
import { bookingMailPayload } from './mail-jobs.ts';
import type { Database } from '../db.ts';
import './events.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * After the booking: the provider confirms or declines a request; either party cancels (the
 * booker also by the emailed single-purpose link, without an account); the booker moves the
 * booking (session or the emailed reschedule link) — the same booking, in one transaction.
 */

const include = {
	provider: { select: { firstName: true, lastName: true, email: true, locale: true, timezone: true, slug: true, availabilitySchedule: { select: { timezone: true } } } }
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof findBooking>>>;

function findBooking(where: { id: string } | { cancelTokenHash: string } | { rescheduleTokenHash: string }) {
	return context().db.booking.findFirst({ where, include });
}

function toMail(row: Row): BookingForMail {
	return {
		id: row.id,
		title: row.title,
		startAt: row.startAt,
		endAt: row.endAt,
		status: row.status,
		icsSequence: row.icsSequence,
		roomSlug: row.roomSlug,
		message: row.message,
		cancelReason: row.cancelReason,
		provider: {
			name: `${row.provider.firstName} ${row.provider.lastName}`.trim(),
			email: row.provider.email,
			locale: row.provider.locale,
			timezone: row.provider.availabilitySchedule?.timezone ?? row.provider.timezone
		},
		booker: { name: row.bookerName, email: row.bookerEmail, locale: row.bookerLocale, timezone: row.bookerTimezone, phone: row.bookerPhone, address: row.bookerAddress, city: row.bookerCity, memberId: row.bookerMemberId }
	};
}

export async function loadBookingForMail(id: string): Promise<BookingForMail | null> {
	const row = await findBooking({ id });
	return row ? toMail(row) : null;
}

/** Who may act on a booking: its provider, its booker (session), or the holder of the right link. */
async function resolve(actor: Actor, ref: { bookingId?: string; token?: string }, purpose: 'cancel' | 'reschedule'): Promise<{ row: Row; by: 'provider' | 'booker' }> {
	if (ref.token) {
		const hash = hashSecret(ref.token);
		const row = await findBooking(purpose === 'cancel' ? { cancelTokenHash: hash } : { rescheduleTokenHash: hash });
		if (!row || (ref.bookingId && row.id !== ref.bookingId)) throw notFound('booking.error.token_invalid');
		return { row, by: 'booker' };
	}
	if (!actor) throw unauthenticated();
	const row = ref.bookingId ? await findBooking({ id: ref.bookingId }) : null;
	if (!row) throw notFound('booking.error.not_found');
	if (row.providerId === actor.memberId) return { row, by: 'provider' };
	if (row.bookerMemberId === actor.memberId) return { row, by: 'booker' };
	// same answer as a missing booking: ids are not enumerable
	throw notFound('booking.error.not_found');
}

/** The Google Calendar event written for the booking, which its end or its move must remove (booking/subscribers.ts). */
async function googleEventOf(tx: Tx, row: Row): Promise<BookingGoogleEvent | null> {
	if (!row.googleEventId || !row.googleConnectionId) return null;
	const connection = await tx.calendarConnection.findUnique({ where: { id: row.googleConnectionId }, select: { bookingCalendarId: true } });
	return { connectionId: row.googleConnectionId, calendarId: connection?.bookingCalendarId ?? 'primary', eventId: row.googleEventId };
}

const cancelInput = z.object({ bookingId: z.uuid({ error: 'booking.error.not_found' }).optional(), token: z.string().max(100).optional(), reason: optionalText(1000) });

/** Cancels a live booking; both parties get METHOD:CANCEL. */
export async function cancelBooking(actor: Actor, raw: unknown, now = Date.now()): Promise<{ id: string; status: 'cancelled' }> {
	const input = parseInput(cancelInput, raw);
	const { row, by } = await resolve(actor, input, 'cancel');
	if (row.status === 'cancelled' || row.status === 'declined') throw conflict('booking.error.already_cancelled');
	if (row.endAt.getTime() <= now) throw conflict('booking.error.in_past');
	const { db, events } = context();
	await db.$transaction(async (tx) => {
		const { count } = await tx.booking.updateMany({
			where: { id: row.id, status: { in: ['pending', 'confirmed'] } },
			data: { status: 'cancelled', cancelledAt: new Date(now), cancelReason: input.reason ?? null, icsSequence: { increment: 1 }, rescheduleTokenHash: null }
		});
		if (!count) throw conflict('booking.error.already_cancelled');
		// both parties' METHOD:CANCEL mails, the Google event's removal, the notification: booking/subscribers.ts
		await recordEvent(tx, 'booking.cancelled', { bookingId: row.id, providerId: row.providerId, bookerMemberId: row.bookerMemberId, by, sequence: row.icsSequence + 1, googleEvent: await googleEventOf(tx, row) });
	});
	events.emit('booking.cancelled', { bookingId: row.id, providerId: row.providerId, bookerMemberId: row.bookerMemberId, by });
	return { id: row.id, status: 'cancelled' };
}

/** The provider accepts a request (types with requiresConfirmation). */
const isUuid = (value: string) => z.uuid().safeParse(value).success;

export async function confirmBooking(actor: Actor, bookingId: string, now = Date.now()) {
	if (!actor) throw unauthenticated();
	const row = isUuid(bookingId) ? await findBooking({ id: bookingId }) : null;
	if (!row || row.providerId !== actor.memberId) throw notFound('booking.error.not_found');
	await context().db.$transaction(async (tx) => {
		const { count } = await tx.booking.updateMany({
			where: { id: row.id, status: 'pending' },
			data: { status: 'confirmed', confirmedAt: new Date(now), icsSequence: { increment: 1 } }
		});
		if (!count) throw conflict('booking.error.not_pending');
		await recordEvent(tx, 'booking.confirmed', { bookingId: row.id, providerId: row.providerId, bookerMemberId: row.bookerMemberId, sequence: row.icsSequence + 1 });
	});
	context().events.emit('booking.confirmed', { bookingId: row.id, providerId: row.providerId, bookerMemberId: row.bookerMemberId });
	return { id: row.id, status: 'confirmed' as const };
}

/** The provider refuses a request; the slot is free again. */
export async function declineBooking(actor: Actor, bookingId: string, reason?: string | null, now = Date.now()) {
	if (!actor) throw unauthenticated();
	const row = isUuid(bookingId) ? await findBooking({ id: bookingId }) : null;
	if (!row || row.providerId !== actor.memberId) throw notFound('booking.error.not_found');
	const cancelReason = reason?.trim().slice(0, 1000) || null;
	await context().db.$transaction(async (tx) => {
		const { count } = await tx.booking.updateMany({
			where: { id: row.id, status: 'pending' },
			data: { status: 'declined', cancelledAt: new Date(now), cancelReason, icsSequence: { increment: 1 } }
		});
		if (!count) throw conflict('booking.error.not_pending');
		await recordEvent(tx, 'booking.declined', { bookingId: row.id, providerId: row.providerId, bookerMemberId: row.bookerMemberId, sequence: row.icsSequence + 1, googleEvent: await googleEventOf(tx, row) });
	});
	context().events.emit('booking.declined', { bookingId: row.id, providerId: row.providerId, bookerMemberId: row.bookerMemberId });
	return { id: row.id, status: 'declined' as const };
}

const rescheduleInput = z.object({
	token: z.string().max(100).optional(),
	bookingId: z.uuid({ error: 'booking.error.not_found' }).optional(),
	start: z.iso.datetime({ offset: true, error: 'booking.error.slot_unavailable' }),
	timezone: timezoneInput,
	/** the mover's own hold on the new slot, if they took one */
	holdToken: z.string().max(100).optional()
});

export interface BookingMoved {
	/** the same booking: a move keeps its id, its ICS UID, its room and its cancel link */
	id: string;
	status: 'pending' | 'confirmed';
	start: string;
	end: string;
	previousStart: string;
	previousEnd: string;
	roomSlug: string;
}

/**
 * Moves a booking, by its booker (session) or with the emailed reschedule link. Calendars are
 * read first, outside any transaction; then ONE transaction, under the provider's lock that
 * every booking commit takes: the link is spent (a conditional update — of concurrent attempts
 * with one link, one moves the booking and the others are told the link was used), the new slot
 * is re-checked (the booking does not block its own neighbourhood), the booking row gets its new
 * times and a higher ICS SEQUENCE, and the follow-up work — both parties' "déplacé" mails with
 * a fresh reschedule link, the Google Calendar event, the reminder, the provider's notification —
 * follows from the `booking.moved` outbox event recorded in that same transaction
 * (booking/subscribers.ts). Any failure before the commit leaves the booking as it was, link included.
 */
export async function rescheduleBooking(actor: Actor, raw: unknown, now = Date.now()): Promise<BookingMoved> {
	const input = parseInput(rescheduleInput, raw);
	const start = Date.parse(input.start);
	assertNotPast(start, now);
	const { row, by } = await resolve(actor, input, 'reschedule');
	if (row.status !== 'pending' && row.status !== 'confirmed') throw conflict('booking.error.already_cancelled');
	if (by === 'provider') throw forbidden();
	if (row.endAt.getTime() <= now) throw conflict('booking.error.in_past');
	const rules = await loadProviderRules(row.providerId);
	const type = await loadAppointmentType(row.providerId, row.appointmentTypeId ?? undefined);
	const end = start + type.durationMinutes * MINUTE;
	const timezone = input.timezone ?? row.bookerTimezone;
	// network first, outside the transaction and the lock: fresh busy times of every connected calendar
	const calendars = await providerBusyTimes(row.providerId, { from: start - DAY, to: end + DAY }, { timezone: rules.schedule.timezone, fresh: true, now });
	const tokenHash = input.token ? hashSecret(input.token) : null;
	const holdHash = input.holdToken ? hashSecret(input.holdToken) : undefined;
	const { db, events } = context();
	let moved: { icsSequence: number; status: 'pending' | 'confirmed' };
	try {
		moved = await db.$transaction(
			async (tx) => {
				await lockProvider(tx, row.providerId);
				const spent = await tx.booking.updateMany({
					where: { id: row.id, status: { in: [...LIVE_STATUSES] }, ...(tokenHash ? { rescheduleTokenHash: tokenHash } : {}) },
					data: { rescheduleTokenHash: null }
				});
				if (!spent.count) throw conflict(tokenHash ? 'booking.error.token_used' : 'booking.error.already_cancelled');
				const booked = await bookedIntervals(tx, row.providerId, type.id, start, end, now, { exceptBookingId: row.id, exceptHoldHash: holdHash });
				if (!isSlotAvailable({ schedule: rules.schedule, type: typeRules(type), busy: [...calendars.busy, ...booked], now }, start)) throw new SlotTakenError([]);
				const updated = await tx.booking.update({
					where: { id: row.id },
					data: {
						startAt: new Date(start),
						endAt: new Date(end),
						bufferBeforeMinutes: type.bufferBeforeMinutes,
						bufferAfterMinutes: type.bufferAfterMinutes,
						bookerTimezone: timezone,
						icsSequence: { increment: 1 },
						// the Google event is replaced by one at the new time (jobs below)
						googleEventId: null,
						googleConnectionId: null
					},
					select: { icsSequence: true, status: true }
				});
				if (holdHash) await tx.slotHold.updateMany({ where: { tokenHash: holdHash }, data: { expiresAt: new Date(now) } });
				// both parties' "déplacé" mails, the Google event replaced, the reminder, the notification: booking/subscribers.ts
				await recordEvent(tx, 'booking.moved', {
					bookingId: row.id,
					providerId: row.providerId,
					bookerMemberId: row.bookerMemberId,
					by,
					sequence: updated.icsSequence,
					start: new Date(start).toISOString(),
					previousStart: row.startAt.toISOString(),
					previousEnd: row.endAt.toISOString(),
					googleEvent: await googleEventOf(tx, row)
				});
				return updated as { icsSequence: number; status: 'pending' | 'confirmed' };
			},
			{ maxWait: 60_000, timeout: 20_000 }
		);
	} catch (error) {
		if (error instanceof SlotTakenError || isOverlapViolation(error)) throw new SlotTakenError(await freshSlotsAround(rules, type, start, now));
		throw error;
	}
	events.emit('booking.moved', { bookingId: row.id, providerId: row.providerId, bookerMemberId: row.bookerMemberId, by });
	return {
		id: row.id,
		status: moved.status,
		start: new Date(start).toISOString(),
		end: new Date(end).toISOString(),
		previousStart: row.startAt.toISOString(),
		previousEnd: row.endAt.toISOString(),
		roomSlug: row.roomSlug
	};
}

type Tx = Pick<Database, 'calendarConnection'>;

const movedMailPayload = z.object({ bookingId: z.uuid(), sequence: z.number().int(), previousStart: z.iso.datetime({ offset: true }), previousEnd: z.iso.datetime({ offset: true }) });

/** Both "déplacé" mails of a move, as jobs of the former kind `booking.moved_mail` asked (jobs queued before `booking.mail`). */
export async function sendMovedMail(payload: unknown): Promise<void> {
	const parsed = movedMailPayload.safeParse(payload);
	if (!parsed.success) return;
	const { bookingId, sequence, previousStart, previousEnd } = parsed.data;
	for (const to of ['provider', 'booker'] as const) {
		await sendBookingMail({ bookingId, kind: 'moved', to, sequence, status: 'confirmed', movedFrom: { startAt: previousStart, endAt: previousEnd } });
	}
}

/**
 * One booking mail to one party (job `booking.mail`, mail-jobs.ts), in their language and zone,
 * with the ICS of the booking's UID at the SEQUENCE the mail speaks of. A "déplacé" mail made
 * stale by a later change (another move, a cancellation) sends nothing; the booker's one carries a
 * fresh reschedule link (the one just used is spent: only a new secret can be mailed).
 */
export async function sendBookingMail(payload: unknown): Promise<void> {
	const parsed = bookingMailPayload.safeParse(payload);
	if (!parsed.success) return;
	const job = parsed.data;
	const row = await findBooking({ id: job.bookingId });
	if (!row) return;
	if (job.kind !== 'moved') {
		await sendBookingMailTo({ ...toMail(row), status: job.status, icsSequence: job.sequence }, job.kind, job.to, job.links);
		return;
	}
	if (row.icsSequence !== job.sequence || (row.status !== 'pending' && row.status !== 'confirmed')) return;
	const booking = { ...toMail(row), movedFrom: job.movedFrom && { startAt: new Date(job.movedFrom.startAt), endAt: new Date(job.movedFrom.endAt) } };
	if (job.to === 'provider') return sendBookingMailTo(booking, 'moved', 'provider');
	const token = newSecret();
	const { count } = await context().db.booking.updateMany({
		where: { id: row.id, icsSequence: job.sequence, status: { in: [...LIVE_STATUSES] } },
		data: { rescheduleTokenHash: hashSecret(token) }
	});
	if (!count) return;
	await sendBookingMailTo(booking, 'moved', 'booker', { reschedule: rescheduleLink(token, row.provider.slug, row.appointmentTypeId) });
}

export interface BookingListItem {
	id: string;
	role: 'provider' | 'booker';
	title: string;
	start: string;
	end: string;
	status: 'pending' | 'confirmed' | 'cancelled' | 'declined';
	otherName: string;
	bookerEmail: string | null;
	bookerPhone: string | null;
	bookerAddress: string | null;
	bookerCity: string | null;
	message: string | null;
	roomSlug: string;
}

/** The dashboard: bookings where the member is provider or booker, upcoming (soonest first) or past. */
export async function listMyBookings(actor: Actor, scope: 'upcoming' | 'past', now = Date.now()): Promise<BookingListItem[]> {
	if (!actor) throw unauthenticated();
	const rows = await context().db.booking.findMany({
		where: {
			OR: [{ providerId: actor.memberId }, { bookerMemberId: actor.memberId }],
			...(scope === 'upcoming' ? { endAt: { gt: new Date(now) } } : { endAt: { lte: new Date(now) } })
		},
		orderBy: { startAt: scope === 'upcoming' ? 'asc' : 'desc' },
		take: 200,
		include: { provider: { select: { firstName: true, lastName: true } } }
	});
	return rows.map((r) => {
		const role = r.providerId === actor.memberId ? ('provider' as const) : ('booker' as const);
		return {
			id: r.id,
			role,
			title: r.title,
			start: r.startAt.toISOString(),
			end: r.endAt.toISOString(),
			status: r.status,
			otherName: role === 'provider' ? r.bookerName : `${r.provider.firstName} ${r.provider.lastName}`.trim(),
			// the booker's contact details are for the provider only
			bookerEmail: role === 'provider' ? r.bookerEmail : null,
			bookerPhone: role === 'provider' ? r.bookerPhone : null,
			bookerAddress: role === 'provider' ? r.bookerAddress : null,
			bookerCity: role === 'provider' ? r.bookerCity : null,
			message: r.message,
			roomSlug: r.roomSlug
		};
	});
}

/** What the emailed cancel link shows before the visitor confirms. */
export async function bookingByCancelToken(token: string) {
	const row = await findBooking({ cancelTokenHash: hashSecret(token) });
	if (!row) throw notFound('booking.error.token_invalid');
	return { id: row.id, title: row.title, start: row.startAt.toISOString(), end: row.endAt.toISOString(), status: row.status, providerName: `${row.provider.firstName} ${row.provider.lastName}`.trim(), timezone: row.bookerTimezone };
}
