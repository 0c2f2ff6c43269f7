import type { Server } from 'socket.io';
import { z } from 'zod';
import { unreadCount } from '../../src/lib/server/notifications/index.ts';
import type { DomainEvents } from '../../src/lib/server/events.ts';
import { register, type HandlerContext } from './protocol.ts';
import { memberRoom } from './chat.ts';
import { actorOfMember, type Role } from '../../src/lib/server/access/index.ts';

/**
 * The bell's live unread count: a tab asks for it when it connects (`notifications:unread`), and
 * every change (a new notification after its commit, a notification read in another tab) is pushed
 * to all tabs of the member through their `member:<id>` room.
 */
export const NOTIFICATION_EVENTS = ['notifications:unread'] as const;

const empty = z.object({}).strict();

export function attachMemberNotifications(ctx: HandlerContext, member: { id: string; roles: readonly Role[] }) {
	const actor = actorOfMember(member);
	register(ctx, 'notifications:unread', { schema: empty, limit: 'other' }, async () => ({ unread: await unreadCount(actor) }));
}

export function notificationBroadcaster(io: Server, events: DomainEvents) {
	return [
		events.on('notification.unread', ({ memberId, unread }) => {
			io.to(memberRoom(memberId)).emit('notifications:unread', { unread });
		})
	];
}
