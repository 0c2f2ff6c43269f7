import { context } from '../context.ts';
import { bookingCalendarOf, recordCalendarFailure } from '../calendar/connections.ts';
import { CalendarError } from '../calendar/provider.ts';
import { decryptSecret } from '../calendar/secrets.ts';
import { GoogleCalendarSource } from '../calendar/google.ts';
import { BOOKING_JOBS, BOOKING_JOB_KINDS } from './job-kinds.ts';
import { roomUrl } from './notify.ts';
import { loadBookingForMail, sendBookingMail, sendMovedMail } from './manage.ts';
import { notifyBooking } from './notify.ts';

/**
 * Work done after a booking commits, through the job queue (src/lib/server/jobs/queue.ts): the
 * runner claims these kinds and calls runBookingJob. A reconnect-required Google connection is
 * flagged and the job ends (retrying cannot help); other failures throw so the queue retries.
 */
export { BOOKING_JOBS, BOOKING_JOB_KINDS };

export async function runBookingJob(kind: string, payload: unknown): Promise<void> {
	const { bookingId, connectionId, calendarId, eventId, start } = (payload ?? {}) as { bookingId?: string; connectionId?: string; calendarId?: string; eventId?: string; start?: string };
	const { db } = context();
	switch (kind) {
		case BOOKING_JOBS.googleInsert: {
			if (!bookingId) return;
			const booking = await db.booking.findUnique({ where: { id: bookingId } });
			if (!booking || booking.googleEventId || (booking.status !== 'confirmed' && booking.status !== 'pending')) return;
			const target = await bookingCalendarOf(booking.providerId);
			if (!target) return;
			try {
				const id = await target.source.insertEvent(target.calendarId, {
					summary: `${booking.title} — ${booking.bookerName}`,
					description: roomUrl(booking.roomSlug),
					start: booking.startAt.getTime(),
					end: booking.endAt.getTime(),
					attendeeEmail: booking.bookerEmail
				});
				await db.booking.update({ where: { id: booking.id }, data: { googleEventId: id, googleConnectionId: target.connectionId } });
			} catch (error) {
				await recordCalendarFailure(target.connectionId, error);
				if (error instanceof CalendarError && error.reconnectRequired) return;
				throw error;
			}
			return;
		}
		case BOOKING_JOBS.googleDelete: {
			if (!connectionId || !calendarId || !eventId) return;
			const row = await db.calendarConnection.findUnique({ where: { id: connectionId } });
			if (!row || row.status === 'reconnect_required') return;
			try {
				await new GoogleCalendarSource(decryptSecret(row.secretEnc), row.busyCalendarIds).deleteEvent(calendarId, eventId);
			} catch (error) {
				await recordCalendarFailure(connectionId, error);
				if (error instanceof CalendarError && error.reconnectRequired) return;
				throw error;
			}
			return;
		}
		case BOOKING_JOBS.reminder: {
			if (!bookingId) return;
			const booking = await loadBookingForMail(bookingId);
			if (!booking || booking.status !== 'confirmed' || booking.startAt.getTime() < Date.now()) return;
			// scheduled for a start the booking has since moved away from: the move scheduled its own
			if (start && Date.parse(start) !== booking.startAt.getTime()) return;
			await notifyBooking(booking, 'reminder');
			return;
		}
		case BOOKING_JOBS.mail:
			await sendBookingMail(payload);
			return;
		case BOOKING_JOBS.movedMail:
			await sendMovedMail(payload);
			return;
	}
}
