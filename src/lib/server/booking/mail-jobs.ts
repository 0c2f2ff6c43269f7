import { z } from 'zod';
import { enqueue, type EnqueueOptions } from '../jobs/queue.ts';
import { BOOKING_JOBS } from './job-kinds.ts';

/**
 * Booking mails leave through the job queue, one job per mail (kind × party): a failing mailer is
 * retried by pg-boss for that mail alone, and the `uniqueKey` (booking, kind, ICS sequence, party)
 * keeps one job per mail however often it is asked for. The job loads the booking when it runs
 * (manage.ts sendBookingMail), so its payload holds no personal data — except `links`, the
 * booker's cancel/reschedule links of a new booking: only their hashes are stored on the booking,
 * so the plaintext exists nowhere else. It travels in this job, enqueued in the booking's own
 * transaction (createBooking), never in the outbox event (kept, and read by every subscriber);
 * pg-boss deletes the job some days after it has run.
 */
export const bookingMailPayload = z.object({
	bookingId: z.uuid(),
	kind: z.enum(['created', 'confirmed', 'cancelled', 'declined', 'moved']),
	to: z.enum(['provider', 'booker']),
	/** the booking's ICS SEQUENCE and status this mail speaks of */
	sequence: z.number().int(),
	status: z.enum(['pending', 'confirmed', 'cancelled', 'declined']),
	links: z.object({ cancel: z.string().optional(), reschedule: z.string().optional() }).optional(),
	/** a move: where the meeting was before */
	movedFrom: z.object({ startAt: z.iso.datetime({ offset: true }), endAt: z.iso.datetime({ offset: true }) }).optional()
});
export type BookingMailJob = z.infer<typeof bookingMailPayload>;

export async function enqueueBookingMail(tx: NonNullable<EnqueueOptions['tx']>, job: BookingMailJob): Promise<void> {
	await enqueue(BOOKING_JOBS.mail, job, { uniqueKey: `${BOOKING_JOBS.mail}:${job.bookingId}:${job.kind}:${job.sequence}:${job.to}`, tx });
}
