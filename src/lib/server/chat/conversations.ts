import { context } from '../context.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { assertDirectAllowed, directPermission, invalidateConversation, participation, requireMember, type Actor, type MessagingPermission } from './access.ts';
import { addMembersInput, conversationTarget, createGroupInput, memberTarget, removeMemberInput, renameInput } from './inputs.ts';
import { unreadCounts } from './unread.ts';

/** Conversations: one 1:1 per pair of members (directKey), and named groups of contacts. */

function directKey(a: string, b: string) {
	return a < b ? `${a}:${b}` : `${b}:${a}`;
}

function isUniqueViolation(error: unknown) {
	return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002';
}

/** For the profile's "Envoyer un message" button: may the actor write to this member, and how? */
export async function messagingPermission(actor: Actor, raw: unknown): Promise<MessagingPermission> {
	if (!actor) return { allowed: false, mode: null, reason: 'error.login_required' };
	const { memberId } = parseInput(memberTarget, raw);
	const existing = await context().db.conversation.findUnique({ where: { directKey: directKey(actor.memberId, memberId) }, select: { createdById: true } });
	return directPermission(actor.memberId, memberId, existing?.createdById ?? null);
}

/** Opens (or finds) the 1:1 conversation with a member the actor may write to. */
export async function openDirect(actor: Actor, raw: unknown): Promise<{ conversationId: string; created: boolean }> {
	const me = requireMember(actor);
	const { memberId } = parseInput(memberTarget, raw);
	const { db, events } = context();
	const key = directKey(me, memberId);
	const existing = await db.conversation.findUnique({ where: { directKey: key }, select: { id: true, createdById: true } });
	await assertDirectAllowed(me, memberId, existing?.createdById ?? null);
	if (existing) return { conversationId: existing.id, created: false };
	try {
		const created = await db.conversation.create({
			data: {
				kind: 'direct',
				directKey: key,
				createdById: me,
				members: { create: [{ memberId: me, role: 'member' }, { memberId, role: 'member' }] }
			},
			select: { id: true }
		});
		events.emit('conversation.changed', { conversationId: created.id, memberIds: [me, memberId], removedIds: [] });
		return { conversationId: created.id, created: true };
	} catch (error) {
		if (!isUniqueViolation(error)) throw error;
		const again = await db.conversation.findUniqueOrThrow({ where: { directKey: key }, select: { id: true } });
		return { conversationId: again.id, created: false };
	}
}

/** Groups gather the creator's accepted contacts ("messagerie professionnelle"). */
async function assertContacts(me: string, memberIds: string[]) {
	const ids = [...new Set(memberIds)].filter((id) => id !== me);
	if (ids.length === 0) throw invalid('chat.error.members_required', { memberIds: 'chat.error.members_required' });
	const ok = await context().db.contact.findMany({
		where: {
			ownerId: me,
			otherId: { in: ids },
			other: { status: 'active', blocksMade: { none: { blockedId: me } }, blocksReceived: { none: { blockerId: me } } }
		},
		select: { otherId: true }
	});
	if (ok.length !== ids.length) throw forbidden('chat.error.contacts_only');
	return ids;
}

export async function createGroup(actor: Actor, raw: unknown): Promise<{ conversationId: string }> {
	const me = requireMember(actor);
	const input = parseInput(createGroupInput, raw);
	const ids = await assertContacts(me, input.memberIds);
	const created = await context().db.conversation.create({
		data: {
			kind: 'group',
			name: input.name,
			createdById: me,
			members: { create: [{ memberId: me, role: 'admin' }, ...ids.map((memberId) => ({ memberId, role: 'member' as const }))] }
		},
		select: { id: true }
	});
	invalidateConversation(created.id);
	context().events.emit('conversation.changed', { conversationId: created.id, memberIds: [me, ...ids], removedIds: [] });
	return { conversationId: created.id };
}

async function requireGroupAdmin(me: string, conversationId: string) {
	const p = await participation(me, conversationId);
	if (p.kind !== 'group') throw invalid('chat.error.not_a_group');
	if (p.role !== 'admin') throw forbidden('chat.error.admin_only');
	return p;
}

export async function addMembers(actor: Actor, raw: unknown): Promise<{ added: string[] }> {
	const me = requireMember(actor);
	const input = parseInput(addMembersInput, raw);
	const p = await requireGroupAdmin(me, input.conversationId);
	const ids = (await assertContacts(me, input.memberIds)).filter((id) => !p.memberIds.includes(id));
	if (p.memberIds.length + ids.length > 50) throw invalid('chat.error.group_too_large');
	const { db, events } = context();
	await db.$transaction(
		ids.map((memberId) =>
			db.conversationMember.upsert({
				where: { conversationId_memberId: { conversationId: p.conversationId, memberId } },
				create: { conversationId: p.conversationId, memberId, role: 'member' },
				update: { leftAt: null, joinedAt: new Date(), role: 'member' }
			})
		)
	);
	invalidateConversation(p.conversationId);
	events.emit('conversation.changed', { conversationId: p.conversationId, memberIds: [...p.memberIds, ...ids], removedIds: [] });
	return { added: ids };
}

export async function removeMember(actor: Actor, raw: unknown): Promise<void> {
	const me = requireMember(actor);
	const input = parseInput(removeMemberInput, raw);
	if (input.memberId === me) throw invalid('chat.error.use_leave');
	const p = await requireGroupAdmin(me, input.conversationId);
	if (!p.memberIds.includes(input.memberId)) throw notFound('chat.error.member_not_found');
	await context().db.conversationMember.update({
		where: { conversationId_memberId: { conversationId: p.conversationId, memberId: input.memberId } },
		data: { leftAt: new Date() }
	});
	invalidateConversation(p.conversationId);
	context().events.emit('conversation.changed', {
		conversationId: p.conversationId,
		memberIds: p.memberIds.filter((id) => id !== input.memberId),
		removedIds: [input.memberId]
	});
}

/** Members can leave a group; the last admin leaving hands the role to the longest-standing member. */
export async function leaveConversation(actor: Actor, raw: unknown): Promise<void> {
	const me = requireMember(actor);
	const { conversationId } = parseInput(conversationTarget, raw);
	const p = await participation(me, conversationId);
	if (p.kind !== 'group') throw invalid('chat.error.not_a_group');
	const { db, events } = context();
	await db.$transaction(async (tx) => {
		await tx.conversationMember.update({ where: { conversationId_memberId: { conversationId, memberId: me } }, data: { leftAt: new Date(), role: 'member' } });
		const admins = await tx.conversationMember.count({ where: { conversationId, leftAt: null, role: 'admin' } });
		if (admins === 0) {
			const next = await tx.conversationMember.findFirst({ where: { conversationId, leftAt: null }, orderBy: { joinedAt: 'asc' }, select: { memberId: true } });
			if (next) await tx.conversationMember.update({ where: { conversationId_memberId: { conversationId, memberId: next.memberId } }, data: { role: 'admin' } });
		}
	});
	invalidateConversation(conversationId);
	events.emit('conversation.changed', { conversationId, memberIds: p.memberIds.filter((id) => id !== me), removedIds: [me] });
}

export async function renameGroup(actor: Actor, raw: unknown): Promise<void> {
	const me = requireMember(actor);
	const input = parseInput(renameInput, raw);
	const p = await requireGroupAdmin(me, input.conversationId);
	await context().db.conversation.update({ where: { id: p.conversationId }, data: { name: input.name } });
	invalidateConversation(p.conversationId);
	context().events.emit('conversation.changed', { conversationId: p.conversationId, memberIds: p.memberIds, removedIds: [] });
}

export interface ConversationPerson {
	id: string;
	slug: string;
	firstName: string;
	lastName: string;
	status: string;
}

export interface ConversationSummary {
	id: string;
	kind: 'direct' | 'group';
	title: string;
	/** 1:1: the other member */
	peer: ConversationPerson | null;
	memberCount: number;
	lastMessage: { senderId: string | null; excerpt: string; deleted: boolean; hasAttachments: boolean; createdAt: string } | null;
	lastMessageAt: string | null;
	unread: number;
}

const person = { id: true, slug: true, firstName: true, lastName: true, status: true } as const;

/** The actor's conversations, most recent first, with their unread counts. */
export async function listConversations(actor: Actor, options: { limit?: number } = {}): Promise<{ conversations: ConversationSummary[]; unreadTotal: number }> {
	const me = requireMember(actor);
	const { db } = context();
	const rows = await db.conversationMember.findMany({
		where: { memberId: me, leftAt: null },
		orderBy: [{ conversation: { lastMessageAt: { sort: 'desc', nulls: 'last' } } }, { joinedAt: 'desc' }],
		take: options.limit ?? 100,
		select: {
			conversation: {
				select: {
					id: true,
					kind: true,
					name: true,
					lastMessageAt: true,
					createdAt: true,
					members: { where: { leftAt: null }, select: { member: { select: person } }, take: 51 },
					messages: {
						orderBy: { id: 'desc' },
						take: 1,
						select: { senderId: true, body: true, deletedAt: true, createdAt: true, _count: { select: { attachments: true } } }
					}
				}
			}
		}
	});
	const unread = await unreadCounts(me);
	const conversations = rows.map(({ conversation: c }): ConversationSummary => {
		const others = c.members.map((m) => m.member).filter((m) => m.id !== me);
		const peer = c.kind === 'direct' ? (others[0] ?? null) : null;
		const last = c.messages[0];
		return {
			id: c.id,
			kind: c.kind,
			title: c.kind === 'group' ? (c.name ?? '') : peer ? `${peer.firstName} ${peer.lastName}` : '',
			peer,
			memberCount: c.members.length,
			lastMessage: last
				? { senderId: last.senderId, excerpt: last.deletedAt ? '' : last.body.slice(0, 140), deleted: last.deletedAt !== null, hasAttachments: last._count.attachments > 0, createdAt: last.createdAt.toISOString() }
				: null,
			lastMessageAt: (c.lastMessageAt ?? c.createdAt).toISOString(),
			unread: unread.byConversation[c.id] ?? 0
		};
	});
	return { conversations, unreadTotal: unread.total };
}

export interface ConversationDetail {
	id: string;
	kind: 'direct' | 'group';
	title: string;
	name: string | null;
	myRole: 'admin' | 'member';
	members: (ConversationPerson & { role: 'admin' | 'member'; lastReadMessageId: string | null })[];
	peer: ConversationPerson | null;
	canWrite: boolean;
	cannotWriteReason: string | null;
}

export async function conversationDetail(actor: Actor, raw: unknown): Promise<ConversationDetail> {
	const me = requireMember(actor);
	const { conversationId } = parseInput(conversationTarget, raw);
	const p = await participation(me, conversationId);
	const rows = await context().db.conversationMember.findMany({
		where: { conversationId, leftAt: null },
		orderBy: { joinedAt: 'asc' },
		select: { role: true, lastReadMessageId: true, member: { select: person } }
	});
	const members = rows.map((r) => ({ ...r.member, role: r.role, lastReadMessageId: r.lastReadMessageId }));
	const peer = p.kind === 'direct' ? (members.find((m) => m.id !== me) ?? null) : null;
	let canWrite = true;
	let cannotWriteReason: string | null = null;
	if (p.kind === 'direct') {
		const permission = peer ? await directPermission(me, peer.id, p.createdById) : { allowed: false, reason: 'chat.error.member_unreachable' as const };
		canWrite = permission.allowed;
		cannotWriteReason = permission.reason;
	}
	return {
		id: p.conversationId,
		kind: p.kind,
		title: p.kind === 'group' ? (p.name ?? '') : peer ? `${peer.firstName} ${peer.lastName}` : '',
		name: p.name,
		myRole: p.role,
		members,
		peer,
		canWrite,
		cannotWriteReason
	};
}

/** Contacts the actor can put in a group (the group form's choices). */
export async function groupCandidates(actor: Actor): Promise<ConversationPerson[]> {
	const me = requireMember(actor);
	const rows = await context().db.contact.findMany({
		where: { ownerId: me, other: { status: 'active' } },
		select: { other: { select: person } },
		orderBy: { other: { lastName: 'asc' } },
		take: 500
	});
	return rows.map((r) => r.other);
}


/**
 * The conversation of a video room (rooms domain): a group created with the first participant and
 * joined by everyone let into the room — being in the room is the permission, not the contacts rule.
 * It stays after the call, in Messages. Returns the conversation id.
 */
export async function ensureRoomConversation(conversationId: string | null, input: { name: string; createdById: string; memberIds: string[] }): Promise<string> {
	const { db, events } = context();
	const ids = [...new Set([input.createdById, ...input.memberIds])];
	if (!conversationId) {
		const created = await db.conversation.create({
			data: {
				kind: 'group',
				name: input.name.slice(0, 80),
				createdById: input.createdById,
				members: { create: ids.map((memberId) => ({ memberId, role: memberId === input.createdById ? ('admin' as const) : ('member' as const) })) }
			},
			select: { id: true }
		});
		invalidateConversation(created.id);
		events.emit('conversation.changed', { conversationId: created.id, memberIds: ids, removedIds: [] });
		return created.id;
	}
	const present = await db.conversationMember.findMany({ where: { conversationId, memberId: { in: ids }, leftAt: null }, select: { memberId: true } });
	const missing = ids.filter((id) => !present.some((p) => p.memberId === id));
	if (missing.length) {
		await db.$transaction(
			missing.map((memberId) =>
				db.conversationMember.upsert({
					where: { conversationId_memberId: { conversationId, memberId } },
					create: { conversationId, memberId, role: 'member' },
					update: { leftAt: null, joinedAt: new Date() }
				})
			)
		);
		invalidateConversation(conversationId);
		const all = await db.conversationMember.findMany({ where: { conversationId, leftAt: null }, select: { memberId: true } });
		events.emit('conversation.changed', { conversationId, memberIds: all.map((m) => m.memberId), removedIds: [] });
	}
	return conversationId;
}
