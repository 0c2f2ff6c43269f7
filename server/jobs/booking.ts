import { BOOKING_JOB_KINDS, runBookingJob } from '../../src/lib/server/booking/jobs.ts';
import type { JobDefinition } from './definition.ts';

/** Booking side effects that must survive restarts: Google event write/delete, reminders. */
export const bookingJobs: JobDefinition[] = BOOKING_JOB_KINDS.map((kind) => ({ kind, run: (payload: unknown) => runBookingJob(kind, payload) }));
