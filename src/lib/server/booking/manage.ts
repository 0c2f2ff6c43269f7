import { z } from 'zod';
import { context } from '../context.ts';
import { conflict, forbidden, notFound, unauthenticated } from '../errors.ts';
import type { Actor } from '../auth/accounts.ts';
import { hashSecret, newSecret } from '../auth/secrets.ts';
import { optionalText, parseInput } from '../validation.ts';
import { enqueue } from '../jobs/queue.ts';
import { providerBusyTimes } from '../calendar/connections.ts';
import { assertNotPast, freshSlotsAround, isOverlapViolation, lockProvider, rescheduleLink, scheduleReminder, SlotTakenError, timezoneInput } from './book.ts';
import { bookedIntervals, LIVE_STATUSES, loadAppointmentType, loadProviderRules, typeRules } from './availability.ts';
import { isSlotAvailable } from './slots.ts';
import { BOOKING_JOBS } from './job-kinds.ts';
import { notifyBooking, type BookingForMail } from './notify.ts';
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

async function releaseGoogleEvent(row: Row) {
	if (row.googleEventId && row.googleConnectionId) {
		const connection = await context().db.calendarConnection.findUnique({ where: { id: row.googleConnectionId }, select: { bookingCalendarId: true } });
		await enqueue(
			BOOKING_JOBS.googleDelete,
			{ connectionId: row.googleConnectionId, calendarId: connection?.bookingCalendarId ?? 'primary', eventId: row.googleEventId },
			{ uniqueKey: `${BOOKING_JOBS.googleDelete}:${row.id}` }
		);
	}
}

const cancelInput = z.object({ bookingId: z.uuid({ error: 'booking.error.not_found' }).optional(), token: z.string().max(100).optional(), reason: optionalText(1000) });

/** Cancels a live booking; both parties get METHOD:CANCEL. */
export async function cancelBooking(actor: Actor, raw: unknown, now = Date.now()): Promise<{ id: string; status: 'cancelled' }> {
	const input = parseInput(cancelInput, raw);
	const { row, by } = await resolve(actor, input, 'cancel');
	if (row.status === 'cancelled' || row.status === 'declined') throw conflict('booking.error.already_cancelled');
	if (row.endAt.getTime() <= now) throw conflict('booking.error.in_past');
	const { db, events } = context();
	const { count } = await db.booking.updateMany({
		where: { id: row.id, status: { in: ['pending', 'confirmed'] } },
		data: { status: 'cancelled', cancelledAt: new Date(now), cancelReason: input.reason ?? null, icsSequence: { increment: 1 }, rescheduleTokenHash: null }
	});
	if (!count) throw conflict('booking.error.already_cancelled');
	await releaseGoogleEvent(row);
	await notifyBooking({ ...toMail(row), status: 'cancelled', cancelReason: input.reason ?? null, icsSequence: row.icsSequence + 1 }, 'cancelled');
	events.emit('booking.cancelled', { bookingId: row.id, providerId: row.providerId, bookerMemberId: row.bookerMemberId, by });
	return { id: row.id, status: 'cancelled' };
}

/** The provider accepts a request (types with requiresConfirmation). */
const isUuid = (value: string) => z.uuid().safeParse(value).success;

export async function confirmBooking(actor: Actor, bookingId: string, now = Date.now()) {
	if (!actor) throw unauthenticated();
	const row = isUuid(bookingId) ? await findBooking({ id: bookingId }) : null;
	if (!row || row.providerId !== actor.memberId) throw notFound('booking.error.not_found');
	const { count } = await context().db.booking.updateMany({
		where: { id: row.id, status: 'pending' },
		data: { status: 'confirmed', confirmedAt: new Date(now), icsSequence: { increment: 1 } }
	});
	if (!count) throw conflict('booking.error.not_pending');
	await notifyBooking({ ...toMail(row), status: 'confirmed', icsSequence: row.icsSequence + 1 }, 'confirmed');
	context().events.emit('booking.confirmed', { bookingId: row.id, providerId: row.providerId, bookerMemberId: row.bookerMemberId });
	return { id: row.id, status: 'confirmed' as const };
}

/** The provider refuses a request; the slot is free again. */
export async function declineBooking(actor: Actor, bookingId: string, reason?: string | null, now = Date.now()) {
	if (!actor) throw unauthenticated();
	const row = isUuid(bookingId) ? await findBooking({ id: bookingId }) : null;
	if (!row || row.providerId !== actor.memberId) throw notFound('booking.error.not_found');
	const cancelReason = reason?.trim().slice(0, 1000) || null;
	const { count } = await context().db.booking.updateMany({
		where: { id: row.id, status: 'pending' },
		data: { status: 'declined', cancelledAt: new Date(now), cancelReason, icsSequence: { increment: 1 } }
	});
	if (!count) throw conflict('booking.error.not_pending');
	await releaseGoogleEvent(row);
	await notifyBooking({ ...toMail(row), status: 'declined', cancelReason, icsSequence: row.icsSequence + 1 }, 'declined');
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
 * a fresh reschedule link, the Google Calendar event, the reminder — is enqueued in that same
 * transaction. Any failure before the commit leaves the booking as it was, link included.
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
				await recordMoveFollowUps(tx, row, { start, end, sequence: updated.icsSequence, now });
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

type Tx = Pick<Database, 'calendarConnection' | '$queryRaw' | '$queryRawUnsafe'>;

/** The work a move causes, recorded as jobs in the move's own transaction (they exist iff it commits). */
async function recordMoveFollowUps(tx: Tx, row: Row, moved: { start: number; end: number; sequence: number; now: number }) {
	await enqueue(
		BOOKING_JOBS.movedMail,
		{ bookingId: row.id, sequence: moved.sequence, previousStart: row.startAt.toISOString(), previousEnd: row.endAt.toISOString() },
		{ uniqueKey: `${BOOKING_JOBS.movedMail}:${row.id}:${moved.sequence}`, tx }
	);
	if (row.googleEventId && row.googleConnectionId) {
		const connection = await tx.calendarConnection.findUnique({ where: { id: row.googleConnectionId }, select: { bookingCalendarId: true } });
		await enqueue(
			BOOKING_JOBS.googleDelete,
			{ connectionId: row.googleConnectionId, calendarId: connection?.bookingCalendarId ?? 'primary', eventId: row.googleEventId },
			{ uniqueKey: `${BOOKING_JOBS.googleDelete}:${row.id}:${row.googleEventId}`, tx }
		);
	}
	await enqueue(BOOKING_JOBS.googleInsert, { bookingId: row.id }, { uniqueKey: `${BOOKING_JOBS.googleInsert}:${row.id}:${moved.sequence}`, tx });
	await scheduleReminder(row.id, moved.start, moved.now, tx);
}

const movedMailPayload = z.object({ bookingId: z.uuid(), sequence: z.number().int(), previousStart: z.iso.datetime({ offset: true }), previousEnd: z.iso.datetime({ offset: true }) });

/**
 * The "déplacé" mails of one move (job `booking.moved_mail`): both parties, each in their own
 * language and zone, old and new times, the ICS with the booking's UID and its new SEQUENCE. The
 * booker also gets a fresh reschedule link (the one just used is spent). A later change of the
 * booking (another move, a cancellation) makes this job stale: it then sends nothing.
 */
export async function sendMovedMail(payload: unknown): Promise<void> {
	const parsed = movedMailPayload.safeParse(payload);
	if (!parsed.success) return;
	const { bookingId, sequence, previousStart, previousEnd } = parsed.data;
	const row = await findBooking({ id: bookingId });
	if (!row || row.icsSequence !== sequence || (row.status !== 'pending' && row.status !== 'confirmed')) return;
	const token = newSecret();
	const { count } = await context().db.booking.updateMany({
		where: { id: row.id, icsSequence: sequence, status: { in: [...LIVE_STATUSES] } },
		data: { rescheduleTokenHash: hashSecret(token) }
	});
	if (!count) return;
	await notifyBooking({ ...toMail(row), movedFrom: { startAt: new Date(previousStart), endAt: new Date(previousEnd) } }, 'moved', { reschedule: rescheduleLink(token, row.provider.slug, row.appointmentTypeId) });
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
