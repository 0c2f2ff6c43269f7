import './events.ts';
import { context } from '../context.ts';
import { forbidden, notFound, unauthenticated } from '../errors.ts';
import type { Actor } from '../auth/accounts.ts';
import type { MessageKey } from '../../i18n/index.ts';

/**
 * Who may write to whom — the one place of the chat's rules:
 * - "pro" messaging (groups, and 1:1 between accepted contacts);
 * - a "simple message" 1:1 to any member who accepts messages (Member.acceptsMessages);
 * - the member who started a 1:1 can always be answered;
 * - never to a deactivated member, never across a block (either way).
 */
export type { Actor };

export function requireMember(actor: Actor): string {
	if (!actor) throw unauthenticated();
	return actor.memberId;
}

export type MessagingMode = 'pro' | 'simple' | 'reply';

export interface MessagingPermission {
	allowed: boolean;
	mode: MessagingMode | null;
	reason: MessageKey | null;
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

export async function assertDirectAllowed(me: string, otherId: string, startedBy: string | null = null): Promise<MessagingPermission> {
	const permission = await directPermission(me, otherId, startedBy);
	if (!permission.allowed) {
		if (permission.reason === 'chat.error.member_not_found') throw notFound(permission.reason);
		throw forbidden(permission.reason ?? 'error.forbidden');
	}
	return permission;
}

export interface Participation {
	conversationId: string;
	kind: 'direct' | 'group';
	role: 'admin' | 'member';
	createdById: string | null;
	name: string | null;
	/** current members, the actor included */
	memberIds: string[];
}

interface CachedConversation {
	kind: 'direct' | 'group';
	name: string | null;
	createdById: string | null;
	roles: Map<string, 'admin' | 'member'>;
	at: number;
}

// Membership is read on every message: cached per process (globalThis: the socket layer and the
// SvelteKit bundle share it), dropped on every membership change made here, and re-read after
// CACHE_MS at most (the bound of staleness for changes made on another node).
const CACHE_MS = 10_000;
const CACHE_KEY = Symbol.for('relais.chat.participation');
type CacheHolder = { [CACHE_KEY]?: Map<string, CachedConversation> };
function cache(): Map<string, CachedConversation> {
	const holder = globalThis as CacheHolder;
	return (holder[CACHE_KEY] ??= new Map());
}

export function invalidateConversation(conversationId: string) {
	cache().delete(conversationId);
}

async function loadConversation(conversationId: string): Promise<CachedConversation | null> {
	const hit = cache().get(conversationId);
	if (hit && Date.now() - hit.at < CACHE_MS) return hit;
	const conversation = await context().db.conversation.findUnique({
		where: { id: conversationId },
		select: { kind: true, name: true, createdById: true, members: { where: { leftAt: null }, select: { memberId: true, role: true } } }
	});
	if (!conversation) {
		cache().delete(conversationId);
		return null;
	}
	const entry = {
		kind: conversation.kind,
		name: conversation.name,
		createdById: conversation.createdById,
		roles: new Map(conversation.members.map((m) => [m.memberId, m.role])),
		at: Date.now()
	};
	if (cache().size > 50_000) cache().clear();
	cache().set(conversationId, entry);
	return entry;
}

/**
 * The actor's current membership of a conversation. Someone else's (or an unknown) conversation
 * answers not_found, so ids cannot be probed.
 */
export async function participation(memberId: string, conversationId: string): Promise<Participation> {
	const conversation = await loadConversation(conversationId);
	const role = conversation?.roles.get(memberId);
	if (!conversation || !role) throw notFound('chat.error.conversation_not_found');
	return {
		conversationId,
		kind: conversation.kind,
		role,
		createdById: conversation.createdById,
		name: conversation.name,
		memberIds: [...conversation.roles.keys()]
	};
}

/** May the actor write in this conversation right now? (1:1: the rules above; groups: being a member) */
export async function assertCanWrite(memberId: string, p: Participation): Promise<void> {
	if (p.kind !== 'direct') return;
	const other = p.memberIds.find((id) => id !== memberId);
	if (!other) throw forbidden('chat.error.member_unreachable');
	await assertDirectAllowed(memberId, other, p.createdById);
}

export async function isAdminMember(memberId: string): Promise<boolean> {
	const member = await context().db.member.findUnique({ where: { id: memberId }, select: { roles: true, status: true } });
	return !!member && member.status === 'active' && member.roles.includes('admin');
}
