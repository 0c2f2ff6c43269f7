import type { Server } from 'socket.io';
import { z } from 'zod';
import {
	deleteMessage,
	editMessage,
	history,
	listConversations,
	markRead,
	messagesSince,
	sendMessage,
	typingAudience,
	unreadCounts
} from '../../src/lib/server/chat/index.ts';
import type { DomainEvents } from '../../src/lib/server/events.ts';
import { originSocketId, register, type HandlerContext } from './protocol.ts';
import { actorOfMember, type Role } from '../../src/lib/server/access/index.ts';

/**
 * Chat over socket.io: every event validated (zod, bounded sizes) and authorized per record by the
 * domain; messages fan out to the `member:<id>` rooms of the conversation's members, so every tab
 * of every member gets them.
 */
export const CHAT_EVENTS = ['chat:send', 'chat:edit', 'chat:delete', 'chat:read', 'chat:history', 'chat:since', 'chat:typing', 'chat:unread', 'chat:conversations'] as const;

const id = z.uuid();
const schemas = {
	send: z
		.object({
			conversationId: id,
			clientId: z.string().max(64),
			body: z.string().max(4000).optional(),
			attachmentIds: z.array(id).max(5).optional()
		})
		.strict(),
	edit: z.object({ messageId: id, body: z.string().max(4000) }).strict(),
	delete: z.object({ messageId: id }).strict(),
	read: z.object({ conversationId: id, messageId: id }).strict(),
	history: z.object({ conversationId: id, before: id.optional(), limit: z.number().int().min(1).max(100).optional() }).strict(),
	since: z.object({ after: id, limit: z.number().int().min(1).max(500).optional() }).strict(),
	typing: z.object({ conversationId: id, typing: z.boolean() }).strict(),
	empty: z.object({}).strict()
};

export const memberRoom = (memberId: string) => `member:${memberId}`;

export function attachMemberChat(ctx: HandlerContext, member: { id: string; firstName: string; roles: readonly Role[] }) {
	const actor = actorOfMember(member);
	register(ctx, 'chat:send', { schema: schemas.send, limit: 'message' }, (input) => sendMessage(actor, input));
	register(ctx, 'chat:edit', { schema: schemas.edit, limit: 'message' }, (input) => editMessage(actor, input));
	register(ctx, 'chat:delete', { schema: schemas.delete, limit: 'message' }, (input) => deleteMessage(actor, input));
	register(ctx, 'chat:read', { schema: schemas.read, limit: 'other' }, (input) => markRead(actor, input));
	register(ctx, 'chat:history', { schema: schemas.history, limit: 'other' }, (input) => history(actor, input));
	register(ctx, 'chat:since', { schema: schemas.since, limit: 'other' }, (input) => messagesSince(actor, input));
	register(ctx, 'chat:unread', { schema: schemas.empty, limit: 'other' }, () => unreadCounts(member.id));
	register(ctx, 'chat:conversations', { schema: schemas.empty, limit: 'other' }, () => listConversations(actor));
	// typing: no server state; receivers expire the indicator themselves (the client resends it)
	register(ctx, 'chat:typing', { schema: schemas.typing, limit: 'typing' }, async ({ conversationId, typing }) => {
		const audience = await typingAudience(actor, { conversationId });
		if (audience.length) ctx.socket.to(audience.map(memberRoom)).emit('chat:typing', { conversationId, memberId: member.id, name: member.firstName, typing });
		return {};
	});
}

/** Domain events → the members' rooms. */
export function chatBroadcaster(io: Server, events: DomainEvents) {
	return [
		events.on('message.created', ({ message, memberIds }) => {
			// the tab that sent it has the message in its ack; every other tab (the sender's too) gets it here
			const from = originSocketId();
			const to = io.to(memberIds.map(memberRoom));
			(from ? to.except(from) : to).emit('chat:message', message);
		}),
		events.on('message.updated', ({ message, memberIds }) => {
			io.to(memberIds.map(memberRoom)).emit('chat:message_updated', message);
		}),
		events.on('conversation.read', ({ conversationId, memberId, messageId, memberIds, unread }) => {
			io.to(memberIds.map(memberRoom)).emit('chat:read', { conversationId, memberId, messageId });
			io.to(memberRoom(memberId)).emit('chat:unread', unread);
		}),
		events.on('conversation.changed', ({ conversationId, memberIds, removedIds }) => {
			io.to([...memberIds, ...removedIds].map(memberRoom)).emit('chat:conversation', { conversationId, removed: removedIds });
		}),
		events.on('visitor_message.created', ({ providerId }) => {
			io.to(memberRoom(providerId)).emit('chat:visitor_message', {});
		})
	];
}
