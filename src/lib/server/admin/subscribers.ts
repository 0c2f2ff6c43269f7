import type { OutboxDispatcher } from '../outbox/index.ts';
import { enqueue } from '../jobs/queue.ts';
import { INVITATION_MAIL_JOB } from './invitation-mail.ts';
import { IMPORT_JOB } from './imports.ts';
import { REGISTRATION_MAIL_JOB } from './moderation.ts';
import { joinedThroughInvitations } from './joined.ts';

/**
 * The administration's outbox subscribers (registered in src/lib/server/subscribers.ts): each
 * enqueues its job through the delivery's transaction, keyed so that a redelivery adds nothing.
 */
export function registerAdminSubscribers(dispatcher: OutboxDispatcher): void {
	dispatcher.subscribe('invitation.queued', 'admin.invitation_mails', async (e, { tx }) => {
		await enqueue(INVITATION_MAIL_JOB, { batch: e.batch }, { uniqueKey: `${INVITATION_MAIL_JOB}:${e.batch}`, tx });
	});
	dispatcher.subscribe('member_import.started', 'admin.import', async (e, { tx }) => {
		await enqueue(IMPORT_JOB, { importId: e.importId }, { uniqueKey: `${IMPORT_JOB}:${e.importId}`, tx });
	});
	dispatcher.subscribe('registration.requested', 'admin.registration_mail', async (e, { tx }) => {
		await enqueue(REGISTRATION_MAIL_JOB, { requestId: e.requestId, kind: 'received' }, { uniqueKey: `${REGISTRATION_MAIL_JOB}:received:${e.requestId}`, tx });
	});
	dispatcher.subscribe('registration.decided', 'admin.registration_mail', async (e, { tx }) => {
		const kind = e.approved ? 'approved' : 'refused';
		await enqueue(REGISTRATION_MAIL_JOB, { requestId: e.requestId, kind }, { uniqueKey: `${REGISTRATION_MAIL_JOB}:${kind}:${e.requestId}`, tx });
	});
	dispatcher.subscribe('member.activated', 'admin.invitations_joined', (e, delivery) => joinedThroughInvitations(delivery, e.memberId));
}
