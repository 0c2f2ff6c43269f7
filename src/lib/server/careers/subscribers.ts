import type { Delivery, OutboxDispatcher } from '../outbox/index.ts';
import { enqueue } from '../jobs/queue.ts';
import { deliver as notify } from '../notifications/subscribers.ts';
import { CAREERS_JOBS } from './job-kinds.ts';

/**
 * What a job board change causes once committed (registered in src/lib/server/subscribers.ts),
 * each in its delivery's transaction, so each happens once however often the event is delivered:
 * - `careers.mails`: one keyed `careers.mail` job per mail (the author at each step, the offer's
 *   application address for each application);
 * - `careers.notifications`: the notification centre — moderators for a pending offer (by grouped
 *   e-mail unless they chose otherwise), the author for each decision and application.
 */
async function offerOf(delivery: Delivery, offerId: string) {
	return delivery.tx.publication.findUnique({ where: { id: offerId }, select: { title: true, author: { select: { firstName: true, lastName: true, slug: true } } } });
}

export function registerCareersSubscribers(dispatcher: OutboxDispatcher): void {
	dispatcher.subscribe('job_offer.submitted', 'careers.mails', async (e, { tx, eventId }) => {
		await enqueue(CAREERS_JOBS.mail, { kind: 'submitted', offerId: e.offerId, state: e.state, resubmitted: e.resubmitted }, { uniqueKey: `${CAREERS_JOBS.mail}:submitted:${eventId}`, tx });
	});
	dispatcher.subscribe('job_offer.submitted', 'careers.notifications', async (e, delivery) => {
		if (e.state !== 'pending') return;
		const offer = await offerOf(delivery, e.offerId);
		if (!offer) return;
		const moderators = await delivery.tx.member.findMany({ where: { status: 'active', roles: { hasSome: ['moderator', 'admin'] }, id: { not: e.authorId } }, select: { id: true } });
		const data = { actorName: `${offer.author.firstName} ${offer.author.lastName}`.trim(), actorSlug: offer.author.slug, offerId: e.offerId, title: offer.title };
		await notify(
			delivery,
			moderators.map((m) => ({ recipientId: m.id, type: 'careers.offer_pending' as const, actorId: e.authorId, object: { type: 'job_offer', id: e.offerId }, data, groupKey: 'careers:pending' })),
			'job_offer.submitted'
		);
	});
	dispatcher.subscribe('job_offer.reviewed', 'careers.mails', async (e, { tx, eventId }) => {
		await enqueue(CAREERS_JOBS.mail, { kind: 'reviewed', offerId: e.offerId, decision: e.decision }, { uniqueKey: `${CAREERS_JOBS.mail}:reviewed:${eventId}`, tx });
	});
	dispatcher.subscribe('job_offer.reviewed', 'careers.notifications', async (e, delivery) => {
		const offer = await offerOf(delivery, e.offerId);
		if (!offer) return;
		await notify(delivery, [{ recipientId: e.authorId, type: 'careers.offer_reviewed', object: { type: 'job_offer', id: e.offerId }, data: { offerId: e.offerId, title: offer.title, decision: e.decision } }], 'job_offer.reviewed');
	});
	dispatcher.subscribe('job_application.created', 'careers.mails', async (e, { tx }) => {
		await enqueue(CAREERS_JOBS.mail, { kind: 'application', applicationId: e.applicationId }, { uniqueKey: `${CAREERS_JOBS.mail}:application:${e.applicationId}`, tx });
	});
	dispatcher.subscribe('job_application.created', 'careers.notifications', async (e, delivery) => {
		const row = await delivery.tx.publication.findUnique({ where: { id: e.offerId }, select: { title: true, authorId: true } });
		const applicant = await delivery.tx.member.findUnique({ where: { id: e.applicantId }, select: { firstName: true, lastName: true, slug: true } });
		if (!row || !applicant) return;
		await notify(
			delivery,
			[{ recipientId: row.authorId, type: 'careers.application_received', actorId: e.applicantId, object: { type: 'job_offer', id: e.offerId }, data: { actorName: `${applicant.firstName} ${applicant.lastName}`.trim(), actorSlug: applicant.slug, offerId: e.offerId, title: row.title } }],
			'job_application.created'
		);
	});
}
