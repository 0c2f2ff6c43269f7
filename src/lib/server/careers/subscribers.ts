import type { OutboxDispatcher } from '../outbox/index.ts';
import { enqueue } from '../jobs/queue.ts';
import { CAREERS_JOBS } from './job-kinds.ts';

/**
 * What a job board change causes once committed (registered in src/lib/server/subscribers.ts):
 * one `careers.mail` job per mail, enqueued in the delivery's transaction and keyed, so each mail
 * is sent once however often the event is delivered.
 */
export function registerCareersSubscribers(dispatcher: OutboxDispatcher): void {
	dispatcher.subscribe('job_offer.submitted', 'careers.mails', async (e, { tx, eventId }) => {
		await enqueue(CAREERS_JOBS.mail, { kind: 'submitted', offerId: e.offerId, state: e.state, resubmitted: e.resubmitted }, { uniqueKey: `${CAREERS_JOBS.mail}:submitted:${eventId}`, tx });
	});
	dispatcher.subscribe('job_offer.reviewed', 'careers.mails', async (e, { tx, eventId }) => {
		await enqueue(CAREERS_JOBS.mail, { kind: 'reviewed', offerId: e.offerId, decision: e.decision }, { uniqueKey: `${CAREERS_JOBS.mail}:reviewed:${eventId}`, tx });
	});
	dispatcher.subscribe('job_application.created', 'careers.mails', async (e, { tx }) => {
		await enqueue(CAREERS_JOBS.mail, { kind: 'application', applicationId: e.applicationId }, { uniqueKey: `${CAREERS_JOBS.mail}:application:${e.applicationId}`, tx });
	});
}
