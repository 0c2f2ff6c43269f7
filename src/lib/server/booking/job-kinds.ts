/** Job kinds of the booking domain (run by runBookingJob in jobs.ts). */
export const BOOKING_JOBS = {
	googleInsert: 'booking.google_insert',
	googleDelete: 'booking.google_delete',
	reminder: 'booking.reminder',
	/** one booking mail to one party (mail-jobs.ts) */
	mail: 'booking.mail',
	/** both "déplacé" mails of a move: enqueued before booking.mail existed; still run for jobs queued then */
	movedMail: 'booking.moved_mail'
} as const;

export const BOOKING_JOB_KINDS: readonly string[] = Object.values(BOOKING_JOBS);
