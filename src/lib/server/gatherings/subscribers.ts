import type { OutboxDispatcher } from '../outbox/index.ts';
import { enqueue } from '../jobs/queue.ts';
import { GATHERING_JOBS, reminderRunAt } from './jobs.ts';
import { confirmPaidPlace, dropUnpaidPlace } from './registration.ts';

/**
 * What an event's changes cause once committed (registered in src/lib/server/subscribers.ts):
 * - published → the invitations (batched job) and the reminder 24 h before (scheduled job);
 * - its audience changed → the invitations again (the job skips whoever it already mailed);
 * - a registration changed → the member's mail (one job per change);
 * - cancelled → every registration ends, mails, refunds;
 * - a ticket paid (payments) → the place is confirmed; a checkout expired → the place goes to the next.
 */
export function registerGatheringSubscribers(dispatcher: OutboxDispatcher): void {
	dispatcher.subscribe('gathering.published', 'gatherings.invitations', async (e, { tx }) => {
		await enqueue(GATHERING_JOBS.invite, { gatheringId: e.gatheringId }, { uniqueKey: `${GATHERING_JOBS.invite}:${e.gatheringId}`, tx });
	});
	dispatcher.subscribe('gathering.audience_changed', 'gatherings.invitations', async (e, { tx, eventId }) => {
		await enqueue(GATHERING_JOBS.invite, { gatheringId: e.gatheringId }, { uniqueKey: `${GATHERING_JOBS.invite}:${e.gatheringId}:${eventId}`, tx });
	});
	dispatcher.subscribe('gathering.published', 'gatherings.reminder', async (e, { tx, createdAt }) => {
		// an event created less than 24 h ahead gets no "reminder" right after its invitation
		if (reminderRunAt(new Date(e.start)) <= createdAt) return;
		await enqueue(GATHERING_JOBS.reminder, { gatheringId: e.gatheringId, start: e.start }, { runAt: reminderRunAt(new Date(e.start)), uniqueKey: `${GATHERING_JOBS.reminder}:${e.gatheringId}:${e.start}`, tx });
	});
	dispatcher.subscribe('gathering.registration', 'gatherings.mail', async (e, { tx, eventId }) => {
		if (e.kind === 'payment_pending') return;
		await enqueue(GATHERING_JOBS.mail, { registrationId: e.registrationId, kind: e.kind }, { uniqueKey: `${GATHERING_JOBS.mail}:${e.registrationId}:${eventId}`, tx });
	});
	dispatcher.subscribe('gathering.cancelled', 'gatherings.cancel', async (e, { tx }) => {
		await enqueue(GATHERING_JOBS.cancel, { gatheringId: e.gatheringId }, { uniqueKey: `${GATHERING_JOBS.cancel}:${e.gatheringId}`, tx });
	});
	dispatcher.subscribe('payment.succeeded', 'gatherings.ticket_paid', async (e, { tx, createdAt }) => {
		if (e.purpose !== 'ticket') return;
		const outcome = await confirmPaidPlace(tx, e.reference, e.paymentId, createdAt);
		if (outcome === 'refund') await enqueue(GATHERING_JOBS.refund, { registrationId: e.reference, paymentId: e.paymentId }, { uniqueKey: `${GATHERING_JOBS.refund}:${e.paymentId}`, tx });
	});
	dispatcher.subscribe('payment.expired', 'gatherings.ticket_unpaid', async (e, { tx, createdAt }) => {
		if (e.purpose !== 'ticket') return;
		await dropUnpaidPlace(tx, e.reference, createdAt);
	});
	// ── edits and payment deadlines (edit.ts, deadline.ts) ──
	dispatcher.subscribe('gathering.registration', 'gatherings.pay_deadline', async (e, { tx }) => {
		if (e.kind !== 'promoted') return;
		const reg = await tx.gatheringRegistration.findUnique({ where: { id: e.registrationId }, select: { status: true, payBy: true } });
		if (reg?.status !== 'payment_pending' || !reg.payBy) return;
		const payBy = reg.payBy.toISOString();
		await enqueue(GATHERING_JOBS.payDeadline, { registrationId: e.registrationId, payBy }, { runAt: reg.payBy, uniqueKey: `${GATHERING_JOBS.payDeadline}:${e.registrationId}:${payBy}`, tx });
	});
	dispatcher.subscribe('gathering.payment_lapsed', 'gatherings.lapsed_mail', async (e, { tx, eventId }) => {
		await enqueue(GATHERING_JOBS.mail, { registrationId: e.registrationId, kind: 'lapsed' }, { uniqueKey: `${GATHERING_JOBS.mail}:${e.registrationId}:${eventId}`, tx });
	});
	// a new date or place: ONE mail to each registered or waiting member (one job each, in this delivery's transaction)
	dispatcher.subscribe('gathering.changed', 'gatherings.change_mails', async (e, { tx }) => {
		const regs = await tx.gatheringRegistration.findMany({ where: { gatheringId: e.gatheringId, status: { not: 'cancelled' } }, select: { id: true } });
		for (const reg of regs) {
			await enqueue(GATHERING_JOBS.changeMail, { registrationId: reg.id, revision: e.revision, when: e.when, place: e.place }, { uniqueKey: `${GATHERING_JOBS.changeMail}:${reg.id}:${e.revision}`, tx });
		}
	});
	// the reminder follows a new start (the one queued for the old start sends nothing: jobs.ts)
	dispatcher.subscribe('gathering.changed', 'gatherings.reminder_moved', async (e, { tx, createdAt }) => {
		if (!e.when) return;
		if (reminderRunAt(new Date(e.start)) <= createdAt) return;
		await enqueue(GATHERING_JOBS.reminder, { gatheringId: e.gatheringId, start: e.start }, { runAt: reminderRunAt(new Date(e.start)), uniqueKey: `${GATHERING_JOBS.reminder}:${e.gatheringId}:${e.start}`, tx });
	});
}
