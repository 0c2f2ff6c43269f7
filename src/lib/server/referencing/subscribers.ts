import type { OutboxDispatcher, Tx } from '../outbox/index.ts';
import { enqueue } from '../jobs/queue.ts';
import { REFERENCING_JOBS } from './job-kinds.ts';
import { REMINDER_BEFORE_MS } from './clock.ts';
import type { ReferencingMail } from './mail.ts';
import { deliver as notify } from '../notifications/subscribers.ts';

/**
 * What a referencing change causes once committed (registered in src/lib/server/subscribers.ts):
 * one mail job per message to send, and for a consultation its closing and reminder jobs (queued
 * for their instants, keyed by the closing time so an extension queues new ones and the old ones
 * find nothing to do).
 */
async function mail(tx: Tx, job: ReferencingMail, key: string) {
	await enqueue(REFERENCING_JOBS.mail, job, { tx, uniqueKey: `${REFERENCING_JOBS.mail}:${key}` });
}

async function schedule(tx: Tx, consultationId: string, closingAt: string, from: Date) {
	const closing = new Date(closingAt);
	await enqueue(REFERENCING_JOBS.close, { consultationId, closingAt }, { tx, runAt: closing, uniqueKey: `${REFERENCING_JOBS.close}:${consultationId}:${closingAt}` });
	const remindAt = new Date(closing.getTime() - REMINDER_BEFORE_MS);
	if (remindAt > from) await enqueue(REFERENCING_JOBS.reminder, { consultationId, closingAt }, { tx, runAt: remindAt, uniqueKey: `${REFERENCING_JOBS.reminder}:${consultationId}:${closingAt}` });
}

export function registerReferencingSubscribers(dispatcher: OutboxDispatcher): void {
	dispatcher.subscribe('cooperative.submitted', 'referencing.mails', async (e, { tx, eventId }) => {
		await mail(tx, { kind: 'submitted_owner', recordId: e.recordId }, `${eventId}:owner`);
		await mail(tx, { kind: 'submitted_moderator', recordId: e.recordId }, `${eventId}:moderators`);
	});
	dispatcher.subscribe('cooperative.moderated', 'referencing.mails', async (e, { tx, eventId }) => mail(tx, { kind: 'moderated', recordId: e.recordId }, `${eventId}`));
	dispatcher.subscribe('cooperative.updated', 'referencing.mails', async (e, { tx, eventId }) => mail(tx, { kind: 'updated_moderator', recordId: e.recordId }, `${eventId}`));
	dispatcher.subscribe('consultation.sent', 'referencing.mails', async (e, { tx, eventId }) => {
		const recipients = await tx.consultationRecipient.findMany({ where: { consultationId: e.consultationId }, select: { id: true } });
		for (const r of recipients) await mail(tx, { kind: 'received', consultationId: e.consultationId, recipientId: r.id }, `${eventId}:${r.id}`);
	});
	dispatcher.subscribe('consultation.sent', 'referencing.schedule', async (e, { tx, createdAt }) => schedule(tx, e.consultationId, e.closingAt, createdAt));
	dispatcher.subscribe('consultation.extended', 'referencing.mails', async (e, { tx, eventId }) => mail(tx, { kind: 'extended', consultationId: e.consultationId }, `${eventId}`));
	dispatcher.subscribe('consultation.extended', 'referencing.schedule', async (e, { tx, createdAt }) => schedule(tx, e.consultationId, e.closingAt, createdAt));
	dispatcher.subscribe('consultation.cancelled', 'referencing.mails', async (e, { tx, eventId }) => mail(tx, { kind: 'cancelled', consultationId: e.consultationId }, `${eventId}`));
	dispatcher.subscribe('consultation.answered', 'referencing.mails', async (e, { tx, eventId }) => mail(tx, { kind: 'answered', consultationId: e.consultationId, recipientId: e.recipientId }, `${eventId}`));
	// the notification centre (bell, /notifications), per each member's preferences
	dispatcher.subscribe('consultation.sent', 'referencing.notifications', async (e, delivery) => {
		const c = await delivery.tx.consultation.findUnique({ where: { id: e.consultationId }, select: { senderId: true, senderName: true, title: true, recipients: { select: { record: { select: { ownerId: true } } } } } });
		if (!c) return;
		const owners = [...new Set(c.recipients.map((r) => r.record.ownerId).filter((o): o is string => !!o))];
		await notify(delivery, owners.map((recipientId) => ({ recipientId, type: 'consultation.received' as const, actorId: c.senderId, object: { type: 'consultation', id: e.consultationId }, data: { actorName: c.senderName, consultationId: e.consultationId, title: c.title } })), 'consultation.sent');
	});
	dispatcher.subscribe('consultation.answered', 'referencing.notifications', async (e, delivery) => {
		const r = await delivery.tx.consultationRecipient.findUnique({ where: { id: e.recipientId }, select: { record: { select: { ownerId: true, company: { select: { title: true } } } }, consultation: { select: { senderId: true, title: true } } } });
		if (!r) return;
		await notify(delivery, [{ recipientId: r.consultation.senderId, type: 'consultation.answered', actorId: r.record.ownerId, object: { type: 'consultation', id: e.consultationId }, data: { companyName: r.record.company?.title ?? '', consultationId: e.consultationId, title: r.consultation.title } }], 'consultation.answered');
	});
	dispatcher.subscribe('cooperative.moderated', 'referencing.notifications', async (e, delivery) => {
		const record = await delivery.tx.cooperativeRecord.findUnique({ where: { id: e.recordId }, select: { ownerId: true, company: { select: { title: true } } } });
		if (!record?.ownerId) return;
		await notify(delivery, [{ recipientId: record.ownerId, type: 'cooperative.moderated', object: { type: 'cooperative_record', id: e.recordId }, data: { companyName: record.company?.title ?? '' } }], 'cooperative.moderated');
	});
	dispatcher.subscribe('consultation.closed', 'referencing.mails', async (e, { tx, eventId }) => mail(tx, { kind: 'closed', consultationId: e.consultationId }, `${eventId}`));
}
