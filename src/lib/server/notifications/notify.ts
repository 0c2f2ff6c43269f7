import { context } from '../context.ts';
import { enqueue } from '../jobs/queue.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { channelFor } from './preferences.ts';
import { nextDigestAt, notificationSettings } from './settings.ts';
import { isNotificationType, type NotificationData, type NotificationType } from './types.ts';
import type { Tx } from './access.ts';

export const MAIL_JOB = 'notifications.mail';
export const DIGEST_JOB = 'notifications.digest';

export interface NotifyInput {
	recipientId: string;
	type: NotificationType;
	actorId?: string | null;
	object?: { type: string; id: string } | null;
	data?: NotificationData;
	groupKey?: string | null;
	/** identifies the cause (e.g. the outbox event): the same key never makes a second notification */
	sourceKey: string;
}

export type NotifyResult = { created: false } | { created: true; recipientId: string; channel: 'app' | 'email' | 'digest' };

/**
 * Creates one notification inside the caller's transaction (an outbox subscriber's `delivery.tx`),
 * following the recipient's preference: `off` → nothing; `email` → a grouped mail job for the
 * type (one pending per member and type: later ones join it); `digest` → the next daily digest.
 * Nobody is notified of their own action, nor when they are no longer an active member.
 */
export async function notify(tx: Tx, input: NotifyInput, now: Date = new Date()): Promise<NotifyResult> {
	if (!isNotificationType(input.type)) throw new Error(`unknown notification type ${String(input.type)}`);
	if (input.actorId && input.actorId === input.recipientId) return { created: false };
	const recipient = await tx.member.findUnique({ where: { id: input.recipientId }, select: { status: true } });
	if (recipient?.status !== 'active') return { created: false };
	const channel = await channelFor(tx, input.recipientId, input.type);
	if (channel === 'off') return { created: false };
	const { count } = await tx.notification.createMany({
		data: {
			recipientId: input.recipientId,
			type: input.type,
			actorId: input.actorId ?? null,
			objectType: input.object?.type ?? null,
			objectId: input.object?.id ?? null,
			data: (input.data ?? {}) as Prisma.InputJsonObject,
			groupKey: input.groupKey ?? null,
			sourceKey: input.sourceKey,
			channel,
			createdAt: now
		},
		skipDuplicates: true
	});
	if (count === 0) return { created: false };
	// enqueued on its own connection: should this transaction roll back, the job finds nothing to send
	if (channel === 'email') await scheduleGroupedMail(input.recipientId, input.type, now);
	if (channel === 'digest') await scheduleDigest(now);
	return { created: true, recipientId: input.recipientId, channel };
}

/** One pending mail job per member and type, due at the end of the window: what arrives meanwhile leaves with it. */
export async function scheduleGroupedMail(memberId: string, type: NotificationType, now: Date, keySuffix = ''): Promise<void> {
	await enqueue(MAIL_JOB, { memberId, type }, { runAt: new Date(now.getTime() + notificationSettings().mailWindowMs), uniqueKey: `notify-mail:${memberId}:${type}${keySuffix}` });
}

/** The next daily digest run (one job per day, whoever asks first). */
export async function scheduleDigest(now: Date): Promise<void> {
	const at = nextDigestAt(now);
	await enqueue(DIGEST_JOB, { at: at.toISOString() }, { runAt: at, uniqueKey: `notify-digest:${at.toISOString().slice(0, 10)}` });
}

/** The member's unread count, told to every open tab (after the change committed). */
export async function publishUnread(memberId: string): Promise<void> {
	const { db, events } = context();
	const unread = await db.notification.count({ where: { recipientId: memberId, readAt: null } });
	events.emit('notification.unread', { memberId, unread });
}
