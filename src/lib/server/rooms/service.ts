import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { context } from '../context.ts';
import { DomainError, forbidden, invalid, notFound, unauthenticated } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { requirePermission, type ActorRef as Actor } from '../access/index.ts';
import { ensureRoomConversation, sendMessage, history } from '../chat/index.ts';
import type { MessageView } from '../chat/index.ts';
import { appointmentWindow, checkGroupSize, decideAccess, mayAdmit, type AccessDecision, type Relation, type RoomKind } from './policy.ts';
import { roomSettings } from './settings.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/**
 * Video rooms: one per appointment (created lazily from Booking.roomSlug the first time someone
 * opens /rooms/<slug>), ad-hoc meeting rooms a member creates for contacts or a contact group, and
 * the rooms of direct calls. Who may enter is decided by policy.ts; this module reads and writes.
 */
export interface RoomView {
	id: string;
	slug: string;
	kind: RoomKind;
	title: string | null;
	hostId: string;
	opensAt: string;
	closesAt: string;
	maxParticipants: number;
	cancelled: boolean;
}

const roomSelect = {
	id: true,
	slug: true,
	kind: true,
	title: true,
	hostId: true,
	opensAt: true,
	closesAt: true,
	maxParticipants: true,
	conversationId: true,
	booking: { select: { status: true, startAt: true, endAt: true, bookerMemberId: true } }
} as const;

type RoomRow = {
	id: string;
	slug: string;
	kind: RoomKind;
	title: string | null;
	hostId: string;
	opensAt: Date;
	closesAt: Date;
	maxParticipants: number;
	conversationId: string | null;
	booking: { status: string; startAt: Date; endAt: Date; bookerMemberId: string | null } | null;
};

const slugSchema = z.string().min(4).max(64).regex(/^[A-Za-z0-9_-]+$/);

function isUniqueViolation(error: unknown) {
	return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002';
}

function view(row: RoomRow): RoomView {
	return {
		id: row.id,
		slug: row.slug,
		kind: row.kind,
		title: row.title,
		hostId: row.hostId,
		opensAt: row.opensAt.toISOString(),
		closesAt: row.closesAt.toISOString(),
		maxParticipants: row.maxParticipants,
		cancelled: !!row.booking && (row.booking.status === 'cancelled' || row.booking.status === 'declined')
	};
}

/** The room behind a slug; an appointment's room is created on first access from its booking. */
async function loadRoom(slug: string): Promise<RoomRow> {
	if (!slugSchema.safeParse(slug).success) throw notFound('video.error.room_not_found');
	const { db } = context();
	const settings = roomSettings();
	const existing = (await db.room.findUnique({ where: { slug }, select: roomSelect })) as RoomRow | null;
	if (existing) {
		// an appointment's window follows its booking (a change of time moves it)
		if (existing.booking) {
			const w = appointmentWindow(existing.booking.startAt, existing.booking.endAt, settings);
			if (w.opensAt.getTime() !== existing.opensAt.getTime() || w.closesAt.getTime() !== existing.closesAt.getTime()) {
				await db.room.update({ where: { id: existing.id }, data: w });
				return { ...existing, ...w };
			}
		}
		return existing;
	}
	const booking = await db.booking.findUnique({ where: { roomSlug: slug }, select: { id: true, providerId: true, bookerMemberId: true, title: true, startAt: true, endAt: true } });
	if (!booking) throw notFound('video.error.room_not_found');
	const w = appointmentWindow(booking.startAt, booking.endAt, settings);
	try {
		return (await db.room.create({
			data: {
				slug,
				kind: 'appointment',
				bookingId: booking.id,
				hostId: booking.providerId,
				title: booking.title,
				opensAt: w.opensAt,
				closesAt: w.closesAt,
				maxParticipants: settings.maxParticipants,
				invites: booking.bookerMemberId && booking.bookerMemberId !== booking.providerId ? { create: [{ memberId: booking.bookerMemberId }] } : undefined
			},
			select: roomSelect
		})) as RoomRow;
	} catch (error) {
		// two first visitors at once: the other one created it
		if (!isUniqueViolation(error)) throw error;
		return (await db.room.findUniqueOrThrow({ where: { slug }, select: roomSelect })) as RoomRow;
	}
}

async function relationOf(room: RoomRow, memberId: string): Promise<Relation> {
	if (room.hostId === memberId) return 'host';
	const invite = await context().db.roomInvite.findUnique({ where: { roomId_memberId: { roomId: room.id, memberId } }, select: { admittedAt: true } });
	// the booker is a party even when the booking became theirs after the room was opened
	if (!invite) return room.booking?.bookerMemberId === memberId ? 'invited' : 'stranger';
	return invite.admittedAt ? 'admitted' : 'invited';
}

export interface RoomAccess {
	room: RoomView;
	relation: Relation;
	decision: AccessDecision;
}

/** What the actor may do with the room now (enter, knock, or why not), given how many are inside. */
export async function roomAccess(actor: Actor, raw: { slug: string; participants?: number; now?: Date }): Promise<RoomAccess> {
	await requirePermission(actor, 'room.enter');
	if (!actor) throw unauthenticated();
	const room = await loadRoom(raw.slug);
	const relation = await relationOf(room, actor.memberId);
	const v = view(room);
	const decision = decideAccess({ room: { ...room, cancelled: v.cancelled }, relation, participants: raw.participants ?? 0, now: raw.now ?? new Date() });
	return { room: v, relation, decision };
}

/** The page's view of a room: no secrets, and strangers only learn that it exists. */
export async function roomSummary(actor: Actor, slug: string, now = new Date()) {
	const access = await roomAccess(actor, { slug, now });
	const host = await context().db.member.findUnique({ where: { id: access.room.hostId }, select: { firstName: true, lastName: true } });
	return { ...access, hostName: host ? `${host.firstName} ${host.lastName}` : '' };
}

export function refusalError(decision: AccessDecision): DomainError | null {
	if (decision.outcome !== 'refused') return null;
	if (decision.reason === 'not_open') return new DomainError('forbidden', 'video.error.not_open', {}, { minutes: Math.round(roomSettings().opensBeforeMs / 60_000) });
	return forbidden(decision.reason === 'full' ? 'video.error.full' : decision.reason === 'cancelled' ? 'video.error.cancelled' : 'video.error.closed');
}

/** The host lets a knocker in: remembered, so a reconnection does not knock again. */
export async function admitToRoom(actor: Actor, raw: { slug: string; memberId: string }): Promise<void> {
	if (!actor) throw unauthenticated();
	const room = await loadRoom(raw.slug);
	if (!mayAdmit(await relationOf(room, actor.memberId))) throw forbidden('video.error.not_host');
	if (raw.memberId === room.hostId) return;
	await context().db.roomInvite.upsert({
		where: { roomId_memberId: { roomId: room.id, memberId: raw.memberId } },
		create: { roomId: room.id, memberId: raw.memberId, admittedAt: new Date() },
		update: {}
	});
}

export async function assertHost(actor: Actor, slug: string): Promise<RoomView> {
	if (!actor) throw unauthenticated();
	const room = await loadRoom(slug);
	if (!mayAdmit(await relationOf(room, actor.memberId))) throw forbidden('video.error.not_host');
	return view(room);
}

function newSlug() {
	return randomBytes(9).toString('base64url');
}

const meetingInput = z
	.object({
		title: z.string().trim().min(1).max(120),
		memberIds: z.array(z.uuid()).max(100).default([]),
		groupId: z.uuid().optional(),
		startsAt: z.coerce.date().optional()
	})
	.strict();

/** An ad-hoc meeting room: the creator hosts, and invites contacts and/or one of their contact groups. */
export async function createMeetingRoom(actor: Actor, raw: unknown): Promise<{ slug: string; invited: string[] }> {
	if (!actor) throw unauthenticated();
	const me = actor.memberId;
	const input = parseInput(meetingInput, raw);
	const { db } = context();
	const settings = roomSettings();
	const ids = new Set(input.memberIds.filter((id) => id !== me));
	if (input.groupId) {
		const group = await db.contactGroup.findFirst({ where: { id: input.groupId, ownerId: me }, select: { entries: { select: { memberId: true } } } });
		if (!group) throw notFound('video.error.group_not_found');
		for (const e of group.entries) ids.add(e.memberId);
	}
	if (ids.size === 0) throw invalid('video.error.invitees_required');
	if (!checkGroupSize(ids.size, settings.maxParticipants)) throw new DomainError('invalid', 'video.error.too_many', {}, { max: settings.maxParticipants });
	const contacts = await db.contact.findMany({ where: { ownerId: me, otherId: { in: [...ids] }, other: { status: 'active' } }, select: { otherId: true } });
	if (contacts.length !== ids.size) throw forbidden('video.error.contacts_only');
	const opensAt = input.startsAt ? new Date(input.startsAt.getTime() - settings.opensBeforeMs) : new Date();
	const room = await db.room.create({
		data: {
			slug: newSlug(),
			kind: 'adhoc',
			hostId: me,
			title: input.title,
			opensAt,
			closesAt: new Date(opensAt.getTime() + settings.opensBeforeMs + settings.adhocMs),
			maxParticipants: settings.maxParticipants,
			invites: { create: [...ids].map((memberId) => ({ memberId })) }
		},
		select: { slug: true }
	});
	return { slug: room.slug, invited: [...ids] };
}

/** The fresh room of an accepted direct call: the provider hosts, the caller is invited. */
export async function createDirectRoom(input: { callerId: string; providerId: string; now?: Date }): Promise<{ slug: string }> {
	const settings = roomSettings();
	const now = input.now ?? new Date();
	const room = await context().db.room.create({
		data: {
			slug: newSlug(),
			kind: 'direct',
			hostId: input.providerId,
			opensAt: now,
			closesAt: new Date(now.getTime() + settings.adhocMs),
			maxParticipants: 2,
			invites: { create: [{ memberId: input.callerId }] }
		},
		select: { slug: true }
	});
	return { slug: room.slug };
}

async function roomInsider(actor: Actor, slug: string): Promise<RoomRow> {
	if (!actor) throw unauthenticated();
	const room = await loadRoom(slug);
	if ((await relationOf(room, actor.memberId)) === 'stranger') throw forbidden('video.error.not_in_room');
	return room;
}

/**
 * The room's conversation, with the actor in it; only for people allowed in. Created by the first
 * message (roomMessages never creates one), so a call without messages leaves nothing in Messages.
 * Named after the room's title, or after the two people of a direct call.
 */
export async function roomConversation(actor: Actor, slug: string): Promise<string> {
	const room = await roomInsider(actor, slug);
	const me = actor!.memberId;
	if (room.conversationId) return ensureRoomConversation(room.conversationId, { name: '', createdById: room.hostId, memberIds: [me] });
	const { db } = context();
	const invited = await db.roomInvite.findMany({ where: { roomId: room.id }, select: { memberId: true } });
	const memberIds = [...new Set([room.hostId, me, ...invited.map((i) => i.memberId)])];
	let name = room.title;
	if (!name) {
		const people = await db.member.findMany({ where: { id: { in: memberIds } }, select: { id: true, firstName: true, lastName: true } });
		name = memberIds.map((id) => people.find((p) => p.id === id)).map((p) => (p ? `${p.firstName} ${p.lastName}` : '')).filter(Boolean).join(', ');
	}
	const conversationId = await ensureRoomConversation(null, { name: `Visio — ${name}`, createdById: room.hostId, memberIds });
	// two participants at once: keep the first conversation that was linked
	const updated = await context().db.room.updateMany({ where: { id: room.id, conversationId: null }, data: { conversationId } });
	if (updated.count === 0) {
		await context().db.conversation.delete({ where: { id: conversationId } });
		const again = await context().db.room.findUniqueOrThrow({ where: { id: room.id }, select: { conversationId: true } });
		return ensureRoomConversation(again.conversationId, { name: '', createdById: room.hostId, memberIds: [me] });
	}
	return conversationId;
}

/** In-call chat: through the chat domain, so the conversation stays after the call. */
export async function sendRoomMessage(actor: Actor, raw: { slug: string; clientId: string; body: string }): Promise<{ message: MessageView; conversationId: string }> {
	const conversationId = await roomConversation(actor, raw.slug);
	const { message } = await sendMessage(actor, { conversationId, clientId: raw.clientId, body: raw.body });
	return { message, conversationId };
}

/** The in-call chat so far; no conversation (and no messages) until someone writes. */
export async function roomMessages(actor: Actor, slug: string): Promise<{ conversationId: string | null; messages: MessageView[] }> {
	const room = await roomInsider(actor, slug);
	if (!room.conversationId) return { conversationId: null, messages: [] };
	const conversationId = await roomConversation(actor, slug);
	const page = await history(actor, { conversationId, limit: 50 });
	return { conversationId, messages: page.messages };
}

// ── association events (src/lib/server/gatherings): an online event's room ──
/**
 * The video room of an online event: the organiser hosts it; it opens ROOM_OPENS_MINUTES_BEFORE the
 * start and closes ROOM_GRACE_MINUTES after the end, like an appointment's; attendees are invited
 * as they register (inviteToRoom), anyone else knocks.
 */
export async function createEventRoom(tx: Pick<Prisma.TransactionClient, 'room'>, input: { hostId: string; title: string; startAt: Date; endAt: Date; maxParticipants: number }): Promise<{ slug: string }> {
	const settings = roomSettings();
	const w = appointmentWindow(input.startAt, input.endAt, settings);
	const room = await tx.room.create({
		data: { slug: newSlug(), kind: 'adhoc', hostId: input.hostId, title: input.title, opensAt: w.opensAt, closesAt: w.closesAt, maxParticipants: Math.max(2, Math.min(500, input.maxParticipants)) },
		select: { slug: true }
	});
	return room;
}

/** Lets a member into a room without knocking (an online event's attendee); idempotent. */
export async function inviteToRoom(tx: Pick<Prisma.TransactionClient, 'room' | 'roomInvite'>, slug: string, memberId: string): Promise<void> {
	const room = await tx.room.findUnique({ where: { slug }, select: { id: true, hostId: true } });
	if (!room || room.hostId === memberId) return;
	await tx.roomInvite.upsert({ where: { roomId_memberId: { roomId: room.id, memberId } }, create: { roomId: room.id, memberId }, update: {} });
}
