import { context } from '../context.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../auth/accounts.ts';
import { hashSecret } from '../auth/secrets.ts';
import { loadBookingForMail } from './manage.ts';
import { meetingIcs } from './ics.ts';
import { roomUrl, type BookingForMail } from './notify.ts';

/**
 * What the booker sees right after booking: with whom, when in their zone and in the provider's,
 * where the video room is, and how to put it in a calendar (.ics file, Google Calendar link).
 * Shown to the booking's provider or booker member, or to whoever holds its cancel link's secret
 * (a visitor without an account: the booking page keeps it in a cookie of the confirmation page).
 */

export interface BookingRef {
	id: string;
	/** the cancel link's secret, proof for a visitor without an account */
	cancelToken?: string;
}

async function readable(actor: Actor, ref: BookingRef): Promise<BookingForMail> {
	const row = /^[0-9a-f-]{36}$/i.test(ref.id)
		? await context().db.booking.findUnique({ where: { id: ref.id }, select: { providerId: true, bookerMemberId: true, cancelTokenHash: true } })
		: null;
	const mine = row && actor && (row.providerId === actor.memberId || row.bookerMemberId === actor.memberId);
	const byToken = row && ref.cancelToken && row.cancelTokenHash === hashSecret(ref.cancelToken);
	const booking = mine || byToken ? await loadBookingForMail(ref.id) : null;
	if (!booking) throw notFound('booking.error.not_found');
	return booking;
}

/** "20261130T080000Z": Google Calendar's date form. */
function compactUtc(date: Date): string {
	return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function summary(booking: BookingForMail): string {
	return `${booking.title} — ${booking.provider.name}`;
}

export async function bookingConfirmation(actor: Actor, ref: BookingRef) {
	const booking = await readable(actor, ref);
	const room = roomUrl(booking.roomSlug);
	const google = new URL('https://calendar.google.com/calendar/render');
	google.searchParams.set('action', 'TEMPLATE');
	google.searchParams.set('text', summary(booking));
	google.searchParams.set('dates', `${compactUtc(booking.startAt)}/${compactUtc(booking.endAt)}`);
	google.searchParams.set('details', room);
	google.searchParams.set('location', room);
	return {
		id: booking.id,
		title: booking.title,
		status: booking.status,
		start: booking.startAt.toISOString(),
		end: booking.endAt.toISOString(),
		providerName: booking.provider.name,
		providerTimezone: booking.provider.timezone,
		bookerTimezone: booking.booker.timezone,
		/** a visitor without an account needs one (with the booking's address) to enter the room */
		bookerHasAccount: booking.booker.memberId !== null,
		bookerEmail: booking.booker.email,
		roomUrl: room,
		googleCalendarUrl: google.toString()
	};
}

/** The appointment as an .ics file (same UID and SEQUENCE as the mailed invitation: calendars merge them). */
export async function bookingIcsFile(actor: Actor, ref: BookingRef): Promise<{ filename: string; content: string }> {
	const booking = await readable(actor, ref);
	const room = roomUrl(booking.roomSlug);
	const cancelled = booking.status === 'cancelled' || booking.status === 'declined';
	const content = meetingIcs(
		{
			uid: `${booking.id}@relais`,
			sequence: booking.icsSequence,
			start: booking.startAt,
			end: booking.endAt,
			summary: summary(booking),
			description: room,
			url: room,
			organizer: { name: booking.provider.name, email: booking.provider.email },
			attendee: { name: booking.booker.name, email: booking.booker.email },
			status: cancelled ? 'cancelled' : (booking.status as 'pending' | 'confirmed')
		},
		cancelled ? 'CANCEL' : 'REQUEST'
	);
	return { filename: 'rendez-vous.ics', content };
}
