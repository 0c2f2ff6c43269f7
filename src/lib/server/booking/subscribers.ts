import type { Delivery, OutboxDispatcher, Tx } from '../outbox/index.ts';
import type { BookingGoogleEvent } from '../outbox/events.ts';
import { enqueue } from '../jobs/queue.ts';
import { deliver as deliverNotifications } from '../notifications/subscribers.ts';
import type { NotificationType } from '../notifications/types.ts';
import { scheduleReminder } from './book.ts';
import { claimGuestBookings } from './claim.ts';
import { BOOKING_JOBS } from './job-kinds.ts';
import { enqueueBookingMail, type BookingMailJob } from './mail-jobs.ts';
import { formatWhen } from './notify.ts';

/**
 * What a booking change causes once it has committed, as outbox subscribers (registered in
 * src/lib/server/subscribers.ts), each in its delivery's transaction, so each happens once:
 * - `booking.mails`: one mail job per party (mail-jobs.ts) — the job sends it, retried on failure;
 * - `booking.calendar`: the Google Calendar event written or removed, the 24 h reminder (jobs);
 * - `booking.notifications`: the other party's notification, per their preferences.
 * And the booking listens to the accounts: an address proven claims its guest bookings (claim.ts).
 */

async function mails(tx: Tx, parties: ('provider' | 'booker')[], job: Omit<BookingMailJob, 'to'>) {
	for (const to of parties) await enqueueBookingMail(tx, { ...job, to });
}

async function removeGoogleEvent(tx: Tx, bookingId: string, event: BookingGoogleEvent | null) {
	if (!event) return;
	await enqueue(BOOKING_JOBS.googleDelete, event, { uniqueKey: `${BOOKING_JOBS.googleDelete}:${bookingId}:${event.eventId}`, tx });
}

/** Tells `to` (the provider, or the booker when they have an account) of the booking, in their own language and zone. */
async function notifyParty(delivery: Delivery, bookingId: string, to: 'provider' | 'booker', type: NotificationType, source: string) {
	const booking = await delivery.tx.booking.findUnique({
		where: { id: bookingId },
		select: {
			startAt: true,
			endAt: true,
			bookerName: true,
			bookerLocale: true,
			bookerTimezone: true,
			bookerMemberId: true,
			providerId: true,
			provider: { select: { firstName: true, lastName: true, slug: true, locale: true, timezone: true, availabilitySchedule: { select: { timezone: true } } } },
			booker: { select: { slug: true } }
		}
	});
	if (!booking) return;
	const recipientId = to === 'provider' ? booking.providerId : booking.bookerMemberId;
	if (!recipientId) return;
	const when =
		to === 'provider'
			? formatWhen(booking.startAt, booking.endAt, booking.provider.locale, booking.provider.availabilitySchedule?.timezone ?? booking.provider.timezone)
			: formatWhen(booking.startAt, booking.endAt, booking.bookerLocale, booking.bookerTimezone);
	const actor =
		to === 'provider'
			? { actorId: booking.bookerMemberId, data: { name: booking.bookerName, actorSlug: booking.booker?.slug, when } }
			: { actorId: booking.providerId, data: { actorName: `${booking.provider.firstName} ${booking.provider.lastName}`.trim(), actorSlug: booking.provider.slug, when } };
	await deliverNotifications(delivery, [{ recipientId, type, actorId: actor.actorId, object: { type: 'booking', id: bookingId }, data: actor.data }], source);
}

export function registerBookingSubscribers(dispatcher: OutboxDispatcher): void {
	// the booker's creation mail, with its links, left with the booking itself (mail-jobs.ts)
	dispatcher.subscribe('booking.created', 'booking.mails', async (e, { tx }) => mails(tx, ['provider'], { bookingId: e.bookingId, kind: 'created', sequence: e.sequence, status: e.status }));
	dispatcher.subscribe('booking.created', 'booking.calendar', async (e, { tx, createdAt }) => {
		await enqueue(BOOKING_JOBS.googleInsert, { bookingId: e.bookingId }, { uniqueKey: `${BOOKING_JOBS.googleInsert}:${e.bookingId}`, tx });
		// as of the commit (the event's time): a late delivery still schedules what was due; the reminder job checks the booking when it runs
		await scheduleReminder(e.bookingId, Date.parse(e.start), createdAt.getTime(), tx);
	});
	dispatcher.subscribe('booking.created', 'booking.notifications', (e, delivery) => notifyParty(delivery, e.bookingId, 'provider', 'booking.created', 'booking.created'));

	dispatcher.subscribe('booking.confirmed', 'booking.mails', async (e, { tx }) => mails(tx, ['provider', 'booker'], { bookingId: e.bookingId, kind: 'confirmed', sequence: e.sequence, status: 'confirmed' }));
	dispatcher.subscribe('booking.confirmed', 'booking.notifications', (e, delivery) => notifyParty(delivery, e.bookingId, 'booker', 'booking.confirmed', 'booking.confirmed'));

	dispatcher.subscribe('booking.declined', 'booking.mails', async (e, { tx }) => mails(tx, ['booker'], { bookingId: e.bookingId, kind: 'declined', sequence: e.sequence, status: 'declined' }));
	dispatcher.subscribe('booking.declined', 'booking.calendar', async (e, { tx }) => removeGoogleEvent(tx, e.bookingId, e.googleEvent));
	// to the booker, a refused request is an appointment that will not take place
	dispatcher.subscribe('booking.declined', 'booking.notifications', (e, delivery) => notifyParty(delivery, e.bookingId, 'booker', 'booking.cancelled', 'booking.declined'));

	dispatcher.subscribe('booking.cancelled', 'booking.mails', async (e, { tx }) => mails(tx, ['provider', 'booker'], { bookingId: e.bookingId, kind: 'cancelled', sequence: e.sequence, status: 'cancelled' }));
	dispatcher.subscribe('booking.cancelled', 'booking.calendar', async (e, { tx }) => removeGoogleEvent(tx, e.bookingId, e.googleEvent));
	dispatcher.subscribe('booking.cancelled', 'booking.notifications', (e, delivery) => notifyParty(delivery, e.bookingId, e.by === 'provider' ? 'booker' : 'provider', 'booking.cancelled', 'booking.cancelled'));

	dispatcher.subscribe('booking.moved', 'booking.mails', async (e, { tx }) =>
		mails(tx, ['provider', 'booker'], { bookingId: e.bookingId, kind: 'moved', sequence: e.sequence, status: 'confirmed', movedFrom: { startAt: e.previousStart, endAt: e.previousEnd } })
	);
	dispatcher.subscribe('booking.moved', 'booking.calendar', async (e, { tx, createdAt }) => {
		await removeGoogleEvent(tx, e.bookingId, e.googleEvent);
		await enqueue(BOOKING_JOBS.googleInsert, { bookingId: e.bookingId }, { uniqueKey: `${BOOKING_JOBS.googleInsert}:${e.bookingId}:${e.sequence}`, tx });
		await scheduleReminder(e.bookingId, Date.parse(e.start), createdAt.getTime(), tx);
	});
	dispatcher.subscribe('booking.moved', 'booking.notifications', (e, delivery) => notifyParty(delivery, e.bookingId, e.by === 'provider' ? 'booker' : 'provider', 'booking.moved', 'booking.moved'));

	// accounts → booking: a mailbox proven makes the guest bookings made with that address the member's
	dispatcher.subscribe('member.activated', 'booking.claim_guest_bookings', async (e, { tx }) => void (await claimGuestBookings(tx, e.memberId)));
	dispatcher.subscribe('member.address_proven', 'booking.claim_guest_bookings', async (e, { tx }) => void (await claimGuestBookings(tx, e.memberId)));
}
