import type { Delivery, OutboxDispatcher } from '../outbox/index.ts';
import { notify, publishUnread, type NotifyInput } from './notify.ts';
import type { Tx } from './access.ts';

/**
 * Outbox events → notifications. Each runs in the delivery's transaction (created once per event,
 * `sourceKey` naming the event), and once it has committed tells the recipients' open tabs their
 * new unread count.
 */

async function memberNames(tx: Tx, id: string) {
	const m = await tx.member.findUnique({ where: { id }, select: { firstName: true, lastName: true, slug: true } });
	return m ? { actorName: `${m.firstName} ${m.lastName}`, actorSlug: m.slug } : {};
}

async function companyNames(tx: Tx, id: string) {
	const c = await tx.company.findUnique({ where: { id }, select: { title: true, slug: true } });
	return c ? { companyName: c.title, companySlug: c.slug } : {};
}

export async function deliver(delivery: Delivery, inputs: Omit<NotifyInput, 'sourceKey'>[], source: string) {
	const told = new Set<string>();
	for (const input of inputs) {
		const result = await notify(delivery.tx, { ...input, sourceKey: `${source}:${delivery.eventId}:${input.recipientId}` }, delivery.createdAt);
		if (result.created) told.add(result.recipientId);
	}
	if (told.size) delivery.afterCommit(() => Promise.all([...told].map(publishUnread)).then(() => undefined));
}

export function registerNotificationSubscribers(dispatcher: OutboxDispatcher): void {
	dispatcher.subscribe('contact.requested', 'notifications.contact_requested', async (e, delivery) => {
		const actor = await memberNames(delivery.tx, e.requesterId);
		await deliver(delivery, [{ recipientId: e.recipientId, type: 'contact.requested', actorId: e.requesterId, object: { type: 'contact_request', id: e.requestId }, data: actor }], 'contact.requested');
	});
	dispatcher.subscribe('contact.accepted', 'notifications.contact_accepted', async (e, delivery) => {
		const actor = await memberNames(delivery.tx, e.accepterId);
		await deliver(delivery, [{ recipientId: e.requesterId, type: 'contact.accepted', actorId: e.accepterId, object: { type: 'member', id: e.accepterId }, data: actor }], 'contact.accepted');
	});
	dispatcher.subscribe('company.join_requested', 'notifications.company_join_requested', async (e, delivery) => {
		const admins = await delivery.tx.companyMembership.findMany({ where: { companyId: e.companyId, role: 'admin', status: 'active' }, select: { memberId: true } });
		const data = { ...(await memberNames(delivery.tx, e.memberId)), ...(await companyNames(delivery.tx, e.companyId)) };
		await deliver(
			delivery,
			admins.map((a) => ({ recipientId: a.memberId, type: 'company.join_requested' as const, actorId: e.memberId, object: { type: 'company', id: e.companyId }, data, groupKey: `company:${e.companyId}:join` })),
			'company.join_requested'
		);
	});
	dispatcher.subscribe('company.join_answered', 'notifications.company_join_answered', async (e, delivery) => {
		const data = { ...(await memberNames(delivery.tx, e.answeredBy)), ...(await companyNames(delivery.tx, e.companyId)), accepted: e.accepted };
		await deliver(delivery, [{ recipientId: e.memberId, type: 'company.join_answered', actorId: e.answeredBy, object: { type: 'company', id: e.companyId }, data }], 'company.join_answered');
	});
	dispatcher.subscribe('company.role_changed', 'notifications.company_role_changed', async (e, delivery) => {
		const data = { ...(await memberNames(delivery.tx, e.changedBy)), ...(await companyNames(delivery.tx, e.companyId)), role: e.role };
		await deliver(delivery, [{ recipientId: e.memberId, type: 'company.role_changed', actorId: e.changedBy, object: { type: 'company', id: e.companyId }, data }], 'company.role_changed');
	});
	dispatcher.subscribe('call.missed', 'notifications.call_missed', async (e, delivery) => {
		const actor = await memberNames(delivery.tx, e.callerId);
		await deliver(delivery, [{ recipientId: e.providerId, type: 'call.missed', actorId: e.callerId, object: { type: 'member', id: e.callerId }, data: actor }], 'call.missed');
	});
	dispatcher.subscribe('visitor_message.received', 'notifications.visitor_message', async (e, delivery) => {
		await deliver(
			delivery,
			[{ recipientId: e.providerId, type: 'visitor_message.received', object: { type: 'visitor_message', id: e.visitorMessageId }, data: { name: e.visitorName }, groupKey: 'visitor_messages' }],
			'visitor_message.received'
		);
	});
}
