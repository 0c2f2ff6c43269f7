import { z } from 'zod';
import { context } from '../context.ts';
import { dropUnpaidPlace } from './registration.ts';

/**
 * The payment deadline of a place promoted from the waiting list of a paid event (payBy, set by
 * promoteWaiting; 48 h or until the start, see PAY_WITHIN_MS). A job scheduled at the deadline
 * (subscribers.ts) drops the place if it is still unpaid and gives it to the next waiting member,
 * who gets their own deadline; the dropped member is told by mail (`gathering.payment_lapsed`).
 */

const TX = { maxWait: 60_000, timeout: 60_000 } as const;
export const payDeadlinePayload = z.object({ registrationId: z.uuid(), payBy: z.iso.datetime({ offset: true }) });

export type DeadlineOutcome = 'dropped' | 'kept' | 'stale';

/**
 * Job `gatherings.pay-deadline`. Idempotent: a place paid, left, already dropped, or given a later
 * deadline (promoted again) is `stale` and untouched; a checkout open at the deadline is let finish
 * (`kept`: its expiry drops the place then). `now` defaults to the later of the clock and the
 * deadline — a job runs at its time or after, never before.
 */
export async function expireUnpaidPlace(payload: unknown, now?: Date): Promise<DeadlineOutcome> {
	const parsed = payDeadlinePayload.safeParse(payload);
	if (!parsed.success) return 'stale';
	const deadline = new Date(parsed.data.payBy);
	const at = now ?? new Date(Math.max(Date.now(), deadline.getTime()));
	const { db } = context();
	return db.$transaction(async (tx) => {
		const reg = await tx.gatheringRegistration.findUnique({ where: { id: parsed.data.registrationId }, select: { status: true, payBy: true } });
		if (!reg || reg.status !== 'payment_pending' || reg.payBy?.getTime() !== deadline.getTime()) return 'stale';
		if (deadline > at) return 'kept';
		return (await dropUnpaidPlace(tx, parsed.data.registrationId, at, { atDeadline: true })) ? 'dropped' : 'kept';
	}, TX);
}
