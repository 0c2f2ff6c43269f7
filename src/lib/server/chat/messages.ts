import { context } from '../context.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { deleteUpload } from '../uploads/index.ts';
import { assertCanWrite, participation, requireMember, type Actor } from './access.ts';
import { scheduleDigests } from './digest.ts';
import { messageId } from './ids.ts';
import { writeMessage } from './writer.ts';
import { editInput, historyInput, messageTarget, readInput, sendInput, sinceInput } from './inputs.ts';
import { chatSettings } from './settings.ts';
import { unreadCounts } from './unread.ts';
import { messageSelect, messageView, type MessageView, type UnreadCounts } from './views.ts';

/**
 * Messages. Sending is idempotent: the client generates `clientId` and retries until acknowledged;
 * (senderId, clientId) is unique, so a retry returns the stored message instead of a second one.
 */

function isUniqueViolation(error: unknown) {
	return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002';
}

async function existingByClientId(senderId: string, clientId: string): Promise<MessageView | null> {
	const row = await context().db.message.findUnique({ where: { senderId_clientId: { senderId, clientId } }, select: messageSelect });
	return row ? messageView(row) : null;
}

/** A retried send: the stored message (a clientId reused for another conversation is refused). */
async function duplicateOf(senderId: string, clientId: string, conversationId: string, cause: unknown): Promise<{ message: MessageView; duplicate: boolean }> {
	const existing = await existingByClientId(senderId, clientId);
	if (!existing) throw cause ?? conflict('chat.error.invalid_client_id');
	if (existing.conversationId !== conversationId) throw conflict('chat.error.invalid_client_id');
	return { message: existing, duplicate: true };
}

export async function sendMessage(actor: Actor, raw: unknown): Promise<{ message: MessageView; duplicate: boolean }> {
	const me = requireMember(actor);
	const input = parseInput(sendInput, raw);
	const { db, events } = context();
	const p = await participation(me, input.conversationId);
	await assertCanWrite(me, p);
	const id = messageId();
	const now = new Date();
	let message: MessageView;
	if (input.attachmentIds.length) {
		let row;
		try {
			row = await db.$transaction(async (tx) => {
				const linked = await tx.messageAttachment.count({
					where: { id: { in: input.attachmentIds }, uploaderId: me, conversationId: p.conversationId, messageId: null }
				});
				if (linked !== new Set(input.attachmentIds).size) throw invalid('chat.error.attachment_invalid', { attachmentIds: 'chat.error.attachment_invalid' });
				await tx.message.create({ data: { id, conversationId: p.conversationId, senderId: me, clientId: input.clientId, body: input.body, createdAt: now } });
				await tx.messageAttachment.updateMany({ where: { id: { in: input.attachmentIds } }, data: { messageId: id } });
				await tx.conversation.update({ where: { id: p.conversationId }, data: { lastMessageAt: now } });
				await tx.conversationMember.update({
					where: { conversationId_memberId: { conversationId: p.conversationId, memberId: me } },
					data: { lastReadMessageId: id, lastReadAt: now }
				});
				return tx.message.findUniqueOrThrow({ where: { id }, select: messageSelect });
			});
		} catch (error) {
			if (!isUniqueViolation(error)) throw error;
			return duplicateOf(me, input.clientId, p.conversationId, error);
		}
		message = messageView(row);
	} else {
		const inserted = await writeMessage({ id, conversationId: p.conversationId, senderId: me, clientId: input.clientId, body: input.body, createdAt: now });
		if (!inserted) return duplicateOf(me, input.clientId, p.conversationId, null);
		message = {
			id,
			conversationId: p.conversationId,
			senderId: me,
			clientId: input.clientId,
			body: input.body,
			attachments: [],
			createdAt: now.toISOString(),
			editedAt: null,
			deletedAt: null
		};
	}
	events.emit('message.created', { message, memberIds: p.memberIds });
	await scheduleDigests(p.memberIds.filter((m) => m !== me));
	return { message, duplicate: false };
}

/** History by anchor + count: the `limit` messages before `before` (or the latest), oldest first. */
export async function history(actor: Actor, raw: unknown): Promise<{ messages: MessageView[]; hasMore: boolean }> {
	const me = requireMember(actor);
	const input = parseInput(historyInput, raw);
	await participation(me, input.conversationId);
	const rows = await context().db.message.findMany({
		where: { conversationId: input.conversationId, ...(input.before ? { id: { lt: input.before } } : {}) },
		orderBy: { id: 'desc' },
		take: input.limit + 1,
		select: messageSelect
	});
	const hasMore = rows.length > input.limit;
	return { messages: rows.slice(0, input.limit).reverse().map(messageView), hasMore };
}

/**
 * Catch-up after a reconnection: messages of all the actor's conversations after `after`, and
 * older ones edited or deleted since `after` was written (the client was away when that happened;
 * one it already saw live comes again and replaces itself).
 */
export async function messagesSince(actor: Actor, raw: unknown): Promise<{ messages: MessageView[]; hasMore: boolean }> {
	const me = requireMember(actor);
	const input = parseInput(sinceInput, raw);
	const { db } = context();
	const mine = { conversation: { members: { some: { memberId: me, leftAt: null } } } };
	const anchor = await db.message.findFirst({ where: { id: input.after, ...mine }, select: { createdAt: true } });
	const changed = anchor ? [{ editedAt: { gt: anchor.createdAt } }, { deletedAt: { gt: anchor.createdAt } }] : [];
	const rows = await db.message.findMany({
		where: { ...mine, OR: [{ id: { gt: input.after } }, ...changed] },
		orderBy: { id: 'asc' },
		take: input.limit + 1,
		select: messageSelect
	});
	return { messages: rows.slice(0, input.limit).map(messageView), hasMore: rows.length > input.limit };
}

async function ownMessageInWindow(me: string, messageIdValue: string) {
	const row = await context().db.message.findFirst({
		where: { id: messageIdValue, conversation: { members: { some: { memberId: me, leftAt: null } } } },
		select: { id: true, senderId: true, conversationId: true, createdAt: true, deletedAt: true }
	});
	if (!row) throw notFound('chat.error.message_not_found');
	if (row.senderId !== me) throw forbidden('chat.error.not_your_message');
	if (row.deletedAt) throw conflict('chat.error.message_deleted');
	if (Date.now() - row.createdAt.getTime() > chatSettings().editWindowMs) throw forbidden('chat.error.edit_window');
	return row;
}

async function broadcastUpdate(conversationId: string, message: MessageView) {
	const members = await context().db.conversationMember.findMany({ where: { conversationId, leftAt: null }, select: { memberId: true } });
	context().events.emit('message.updated', { message, memberIds: members.map((m) => m.memberId) });
}

/** Edit one's own message within the window (CHAT_EDIT_WINDOW_MINUTES); shown as edited. */
export async function editMessage(actor: Actor, raw: unknown): Promise<MessageView> {
	const me = requireMember(actor);
	const input = parseInput(editInput, raw);
	const row = await ownMessageInWindow(me, input.messageId);
	const updated = await context().db.message.update({ where: { id: row.id }, data: { body: input.body, editedAt: new Date() }, select: messageSelect });
	const message = messageView(updated);
	await broadcastUpdate(row.conversationId, message);
	return message;
}

/** Delete one's own message within the window; the text and attachments go, a "deleted" mark stays. */
export async function deleteMessage(actor: Actor, raw: unknown): Promise<MessageView> {
	const me = requireMember(actor);
	const input = parseInput(messageTarget, raw);
	const row = await ownMessageInWindow(me, input.messageId);
	const { db } = context();
	const files = await db.messageAttachment.findMany({ where: { messageId: row.id }, select: { storedName: true } });
	const updated = await db.$transaction(async (tx) => {
		await tx.messageAttachment.deleteMany({ where: { messageId: row.id } });
		return tx.message.update({ where: { id: row.id }, data: { body: '', deletedAt: new Date() }, select: messageSelect });
	});
	for (const file of files) await deleteUpload(file.storedName);
	const message = messageView(updated);
	await broadcastUpdate(row.conversationId, message);
	return message;
}

/** Read receipt: the actor has read the conversation up to `messageId` (marks only move forward). */
export async function markRead(actor: Actor, raw: unknown): Promise<{ lastReadMessageId: string; unread: UnreadCounts }> {
	const me = requireMember(actor);
	const input = parseInput(readInput, raw);
	const { db, events } = context();
	const p = await participation(me, input.conversationId);
	const message = await db.message.findFirst({ where: { id: input.messageId, conversationId: p.conversationId }, select: { id: true } });
	if (!message) throw notFound('chat.error.message_not_found');
	const moved = await db.$executeRaw`
		UPDATE "ConversationMember" SET "lastReadMessageId" = ${message.id}::uuid, "lastReadAt" = now()
		WHERE "conversationId" = ${p.conversationId}::uuid AND "memberId" = ${me}::uuid
			AND ("lastReadMessageId" IS NULL OR "lastReadMessageId" < ${message.id}::uuid)`;
	const unread = await unreadCounts(me);
	const current = moved
		? message.id
		: ((await db.conversationMember.findUnique({ where: { conversationId_memberId: { conversationId: p.conversationId, memberId: me } }, select: { lastReadMessageId: true } }))
				?.lastReadMessageId ?? message.id);
	if (moved) events.emit('conversation.read', { conversationId: p.conversationId, memberId: me, messageId: message.id, memberIds: p.memberIds, unread });
	return { lastReadMessageId: current, unread };
}

/** Members the actor's typing indicator goes to (and a check that the actor belongs there). */
export async function typingAudience(actor: Actor, raw: unknown): Promise<string[]> {
	const me = requireMember(actor);
	const { conversationId } = parseInput(readInput.pick({ conversationId: true }), raw);
	const p = await participation(me, conversationId);
	return p.memberIds.filter((id) => id !== me);
}

export { unreadCounts };
