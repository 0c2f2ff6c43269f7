import './events.ts';
import { context } from '../context.ts';
import { forbidden, notFound } from '../errors.ts';
import { directPermission, requireMember, type ActorRef as Actor, type MessagingMode, type MessagingPermission } from '../access/index.ts';

/**
 * The chat's access: who may write 1:1 to whom is the access module's rule (directPermission,
 * the registry's `conversation.write`); here its refusals become errors, and a conversation's
 * membership (groups: being a member) is read and cached.
 */
export type { Actor };
export { requireMember, directPermission, type MessagingMode, type MessagingPermission };

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
