import { context } from '../context.ts';
import type { DomainError } from '../errors.ts';

/**
 * May `me` write 1:1 to another member (the chat's rules, kept here so that the registry's
 * `conversation.write` and the chat share one copy):
 * - "pro" messaging between accepted contacts;
 * - a "simple message" to any member who accepts messages (Member.acceptsMessages);
 * - the member who started a 1:1 can always be answered;
 * - never to a deactivated member, never across a block (either way).
 */
export type MessagingMode = 'pro' | 'simple' | 'reply';

export interface MessagingPermission {
	allowed: boolean;
	mode: MessagingMode | null;
	reason: DomainError['key'] | null;
}

/** Whether `me` may write 1:1 to `otherId`; `startedBy` is the creator of an existing conversation. */
export async function directPermission(me: string, otherId: string, startedBy: string | null = null): Promise<MessagingPermission> {
	if (me === otherId) return { allowed: false, mode: null, reason: 'chat.error.self' };
	const other = await context().db.member.findUnique({
		where: { id: otherId },
		select: {
			status: true,
			acceptsMessages: true,
			blocksMade: { where: { blockedId: me }, select: { blockerId: true } },
			blocksReceived: { where: { blockerId: me }, select: { blockerId: true } },
			contactsOf: { where: { ownerId: me }, select: { ownerId: true } }
		}
	});
	if (!other) return { allowed: false, mode: null, reason: 'chat.error.member_not_found' };
	if (other.status !== 'active') return { allowed: false, mode: null, reason: 'chat.error.member_unreachable' };
	if (other.blocksMade.length || other.blocksReceived.length) return { allowed: false, mode: null, reason: 'chat.error.blocked' };
	if (other.contactsOf.length) return { allowed: true, mode: 'pro', reason: null };
	if (other.acceptsMessages) return { allowed: true, mode: 'simple', reason: null };
	if (startedBy === otherId) return { allowed: true, mode: 'reply', reason: null };
	return { allowed: false, mode: null, reason: 'chat.error.messages_closed' };
}
