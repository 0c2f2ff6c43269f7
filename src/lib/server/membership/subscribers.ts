import type { OutboxDispatcher } from '../outbox/index.ts';
import { enqueue } from '../jobs/queue.ts';
import { confirmPaidDues, dropUnpaidDues } from './index.ts';

export const MEMBERSHIP_JOBS = { receipt: 'membership.receipt', certificateMail: 'membership.certificate_mail' } as const;

/** Dues paid online become current; every paid dues gets its receipt (a job). */
export function registerMembershipSubscribers(dispatcher: OutboxDispatcher): void {
	dispatcher.subscribe('payment.succeeded', 'membership.dues_paid', async (e, { tx, createdAt }) => {
		if (e.purpose === 'dues') await confirmPaidDues(tx, e.reference, e.paymentId, createdAt);
	});
	dispatcher.subscribe('payment.expired', 'membership.dues_unpaid', async (e, { tx }) => {
		if (e.purpose === 'dues') await dropUnpaidDues(tx, e.reference);
	});
	dispatcher.subscribe('membership.dues_paid', 'membership.receipt', async (e, { tx }) => {
		await enqueue(MEMBERSHIP_JOBS.receipt, { duesId: e.duesId }, { uniqueKey: `${MEMBERSHIP_JOBS.receipt}:${e.duesId}`, tx });
	});
	dispatcher.subscribe('membership.certificate_reviewed', 'membership.certificate_mail', async (e, { tx }) => {
		await enqueue(MEMBERSHIP_JOBS.certificateMail, { certificateId: e.certificateId }, { uniqueKey: `${MEMBERSHIP_JOBS.certificateMail}:${e.certificateId}`, tx });
	});
}
