import { z } from 'zod';
import { context } from '../context.ts';
import { conflict, forbidden, notFound, unauthenticated } from '../errors.ts';
import type { Actor } from '../auth/accounts.ts';
import { hashSecret } from '../auth/secrets.ts';
import { optionalText, parseInput } from '../validation.ts';
import { enqueue } from '../jobs/queue.ts';
import { createBooking, type BookingCreated } from './book.ts';
import { BOOKING_JOBS } from './job-kinds.ts';
import { notifyBooking, type BookingForMail } from './notify.ts';
import './events.ts';

/**
 * After the booking: the provider confirms or declines a request; either party cancels (the
 * booker also by the emailed single-purpose link, without an account); the booker reschedules
 * with the reschedule link (a new booking, the old one cancelled, one transaction each).
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

const rescheduleInput = z.object({ token: z.string().max(100).optional(), bookingId: z.uuid().optional(), start: z.string(), timezone: z.string().max(64).optional() });

/**
 * Moves a booking: the new slot is booked first (all the commit rules apply, and the old booking
 * does not block its own neighbourhood because it is still the booker's), then the old one is
 * cancelled. The emailed reschedule link works once.
 */
export async function rescheduleBooking(actor: Actor, raw: unknown, now = Date.now()): Promise<BookingCreated> {
	const input = parseInput(rescheduleInput, raw);
	const { row, by } = await resolve(actor, input, 'reschedule');
	if (row.status !== 'pending' && row.status !== 'confirmed') throw conflict('booking.error.already_cancelled');
	if (by === 'provider') throw forbidden();
	const { db } = context();
	// free the old slot first so the same person can move by less than the meeting's length
	await db.booking.update({ where: { id: row.id }, data: { status: 'cancelled', cancelledAt: new Date(now), rescheduleTokenHash: null, icsSequence: { increment: 1 } } });
	try {
		const created = await createBooking(
			row.bookerMemberId ? { memberId: row.bookerMemberId } : null,
			{
				providerId: row.providerId,
				typeId: row.appointmentTypeId ?? undefined,
				start: input.start,
				timezone: input.timezone ?? row.bookerTimezone,
				locale: row.bookerLocale,
				name: row.bookerName,
				email: row.bookerEmail,
				phone: row.bookerPhone ?? undefined,
				address: row.bookerAddress ?? undefined,
				city: row.bookerCity ?? undefined,
				message: row.message ?? undefined
			},
			now,
			{ rescheduledFromId: row.id }
		);
		await releaseGoogleEvent(row);
		return created;
	} catch (error) {
		// the new slot was not available: the old booking stands
		await db.booking.update({ where: { id: row.id }, data: { status: row.status, cancelledAt: null, rescheduleTokenHash: row.rescheduleTokenHash } });
		throw error;
	}
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
