import { z } from 'zod';
import { context } from '../context.ts';
import { notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { linkOf, type NotificationData } from './types.ts';
import { ownedBy, requireMember, type Actor } from './access.ts';
import { publishUnread } from './notify.ts';
import { notificationSettings } from './settings.ts';

/** The member's notifications: newest first, a page at a time, only their own. */

export interface NotificationView {
	id: string;
	type: string;
	data: NotificationData;
	href: string;
	createdAt: string;
	read: boolean;
}

const PAGE = 20;
const listInput = z.object({
	/** the `next` cursor of the previous page */
	before: z.string().max(100).regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z_[0-9a-f-]{36}$/, { error: 'notifications.error.bad_cursor' }).optional(),
	limit: z.coerce.number().int().min(1).max(100).optional()
});

export async function listNotifications(actor: Actor, raw: unknown = {}): Promise<{ items: NotificationView[]; next: string | null; unread: number }> {
	const memberId = requireMember(actor);
	const input = parseInput(listInput, raw);
	const limit = input.limit ?? PAGE;
	const { db } = context();
	const [at, id] = input.before ? [new Date(input.before.slice(0, input.before.indexOf('_'))), input.before.slice(input.before.indexOf('_') + 1)] : [null, null];
	const rows = await db.notification.findMany({
		where: { ...ownedBy(memberId), ...(at && id ? { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: id } }] } : {}) },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take: limit + 1,
		select: { id: true, type: true, data: true, createdAt: true, readAt: true }
	});
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	return {
		items: page.map((r) => {
			const data = (r.data ?? {}) as NotificationData;
			return { id: r.id, type: r.type, data, href: linkOf(r.type, data), createdAt: r.createdAt.toISOString(), read: r.readAt !== null };
		}),
		next: rows.length > limit && last ? `${last.createdAt.toISOString()}_${last.id}` : null,
		unread: await db.notification.count({ where: { ...ownedBy(memberId), readAt: null } })
	};
}

export async function unreadCount(actor: Actor): Promise<number> {
	const memberId = requireMember(actor);
	return context().db.notification.count({ where: { ...ownedBy(memberId), readAt: null } });
}

const target = z.object({ notificationId: z.uuid({ error: 'notifications.error.not_found' }) });

/** Marks one of the actor's notifications read; someone else's is "not found" (its existence is not disclosed). */
export async function markRead(actor: Actor, raw: unknown, now: Date = new Date()): Promise<void> {
	const memberId = requireMember(actor);
	const { notificationId } = parseInput(target, raw);
	const { db } = context();
	const owned = await db.notification.findFirst({ where: { id: notificationId, ...ownedBy(memberId) }, select: { readAt: true } });
	if (!owned) throw notFound('notifications.error.not_found');
	if (owned.readAt) return;
	await db.notification.updateMany({ where: { id: notificationId, ...ownedBy(memberId), readAt: null }, data: { readAt: now } });
	await publishUnread(memberId);
}

/** Following a notification from the list: it is marked read and its object's page returned. */
export async function openNotification(actor: Actor, raw: unknown, now: Date = new Date()): Promise<string> {
	const memberId = requireMember(actor);
	const { notificationId } = parseInput(target, raw);
	const row = await context().db.notification.findFirst({ where: { id: notificationId, ...ownedBy(memberId) }, select: { type: true, data: true } });
	if (!row) throw notFound('notifications.error.not_found');
	await markRead(actor, { notificationId }, now);
	return linkOf(row.type, (row.data ?? {}) as NotificationData);
}

/** "Tout marquer comme lu": returns how many were unread. */
export async function markAllRead(actor: Actor, now: Date = new Date()): Promise<number> {
	const memberId = requireMember(actor);
	const { count } = await context().db.notification.updateMany({ where: { ...ownedBy(memberId), readAt: null }, data: { readAt: now } });
	if (count > 0) await publishUnread(memberId);
	return count;
}

/** Retention: notifications older than `days` (default NOTIFY_RETENTION_DAYS, 90) are deleted. Returns how many. */
export async function purgeOldNotifications(now: Date = new Date(), days?: number): Promise<number> {
	const keep = days ?? notificationSettings().retentionDays;
	const { count } = await context().db.notification.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - keep * 86_400_000) } } });
	return count;
}
