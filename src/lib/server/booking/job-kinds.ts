/** Job kinds of the booking domain (run by runBookingJob in jobs.ts). */
export const BOOKING_JOBS = {
	googleInsert: 'booking.google_insert',
	googleDelete: 'booking.google_delete',
	reminder: 'booking.reminder',
	movedMail: 'booking.moved_mail'
} as const;

export const BOOKING_JOB_KINDS: readonly string[] = Object.values(BOOKING_JOBS);
