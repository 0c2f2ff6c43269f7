import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io-client';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { ask, collect, connectAs, makeContacts, makeMember, next, sleep, startRealtime, until, type Realtime } from '../helpers/realtime.ts';
import { presenceOf, resetPresenceRegistry, setAvailability } from '../../src/lib/server/presence/index.ts';
import { configureRooms, createMeetingRoom, resetCalls, roomSettings } from '../../src/lib/server/rooms/index.ts';
import { detectWorker } from '../../server/media/detect.ts';

let ctx: TestContext;
let rt: Realtime;
let n = 0;

beforeAll(async () => {
	ctx = await useTestContext();
	resetPresenceRegistry();
	resetCalls();
	rt = await startRealtime(ctx);
});

afterAll(async () => {
	await rt?.close();
	await ctx?.close();
});

/** A booking between a provider and a member, starting `startInMinutes` from now. */
async function booking(options: { startInMinutes?: number; status?: 'confirmed' | 'cancelled' } = {}) {
	const provider = await makeMember(ctx);
	const booker = await makeMember(ctx, { category: 'visitor' });
	const start = new Date(Date.now() + (options.startInMinutes ?? 0) * 60_000);
	const slug = `room-test-${process.pid}-${++n}`;
	await ctx.prisma.booking.create({
		data: {
			providerId: provider.id,
			bookerMemberId: booker.id,
			title: 'Consultation',
			bookerName: `${booker.firstName} ${booker.lastName}`,
			bookerEmail: booker.email,
			bookerTimezone: 'Europe/Paris',
			startAt: start,
			endAt: new Date(start.getTime() + 30 * 60_000),
			status: options.status ?? 'confirmed',
			roomSlug: slug
		}
	});
	return { provider, booker, slug };
}

describe('room signalling', () => {
	it('lets the two parties of an appointment in, peer-to-peer, and relays offer / answer / ICE between them only', async () => {
		const { provider, booker, slug } = await booking();
		const p = await connectAs(rt, provider.id);
		const b = await connectAs(rt, booker.id);
		const joinedP = await ask(p.socket, 'room:join', { slug });
		expect(joinedP).toMatchObject({ ok: true, data: { status: 'joined', topology: 'p2p', relation: 'host', participants: [] } });
		expect(Array.isArray(joinedP.data.iceServers)).toBe(true);
		const peerJoined = next(p.socket, 'room:peer-joined');
		const joinedB = await ask(b.socket, 'room:join', { slug });
		expect(joinedB.data).toMatchObject({ status: 'joined', relation: 'invited', participants: [{ memberId: provider.id, muted: false }] });
		expect((await peerJoined).peer.memberId).toBe(booker.id);
		// busy while in the call
		expect(presenceOf([provider.id])[provider.id]).toBe('busy');

		const offer = next(p.socket, 'room:signal');
		expect(await ask(b.socket, 'room:signal', { slug, to: joinedP.data.peerId, description: { type: 'offer', sdp: 'v=0\r\n' } })).toMatchObject({ ok: true });
		expect(await offer).toMatchObject({ slug, from: joinedB.data.peerId, description: { type: 'offer' } });
		const ice = next(b.socket, 'room:signal');
		await ask(p.socket, 'room:signal', { slug, to: joinedB.data.peerId, candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
		expect((await ice).candidate.sdpMid).toBe('0');

		// mute state reaches the other side
		const updated = next(p.socket, 'room:peer-updated');
		await ask(b.socket, 'room:media', { slug, muted: true, cameraOff: false });
		expect((await updated).peer).toMatchObject({ memberId: booker.id, muted: true });

		// ICE restart request relayed
		const restart = next(p.socket, 'room:ice-restart');
		await ask(b.socket, 'room:ice-restart', { slug, to: joinedP.data.peerId });
		expect((await restart).from).toBe(joinedB.data.peerId);

		// leaving ends it for the other side, and presence is back
		const left = next(p.socket, 'room:peer-left');
		expect(await ask(b.socket, 'room:leave', { slug })).toMatchObject({ ok: true });
		expect((await left).memberId).toBe(booker.id);
		await ask(p.socket, 'room:leave', { slug });
		expect(presenceOf([provider.id])[provider.id]).not.toBe('busy');
	});

	it('answers malformed and unauthorized events with an error, and keeps serving', async () => {
		const { provider, booker, slug } = await booking();
		const outsider = await makeMember(ctx);
		const p = await connectAs(rt, provider.id);
		const o = await connectAs(rt, outsider.id);
		const joined = await ask(p.socket, 'room:join', { slug });
		for (const payload of [null, 'x', { slug: 'a' }, { slug, extra: 1 }, { slug: '../../etc' }, { slug, to: 'x', description: { type: 'offer', sdp: 1 } }]) {
			const reply = await ask(p.socket, 'room:signal', payload);
			expect(reply.ok).toBe(false);
			expect(reply.error?.code).toBe('malformed');
			expect(reply.error?.message).not.toMatch(/at \w+ \(/);
		}
		// both description and candidate, or neither
		expect((await ask(p.socket, 'room:signal', { slug, to: 'x' })).error?.code).toBe('malformed');
		// not in the room
		const relay = await ask(o.socket, 'room:signal', { slug, to: joined.data.peerId, description: { type: 'offer', sdp: 'v=0' } });
		expect(relay.error).toMatchObject({ code: 'forbidden' });
		expect(relay.error?.message).toContain('pas dans cette salle');
		expect((await ask(o.socket, 'room:media', { slug, muted: true, cameraOff: true })).error?.code).toBe('forbidden');
		expect((await ask(o.socket, 'room:admit', { slug, memberId: booker.id })).error?.code).toBe('forbidden');
		expect((await ask(o.socket, 'room:chat', { slug, clientId: 'outsider-01', body: 'coucou' })).error?.code).toBe('forbidden');
		// to an unknown peer
		expect((await ask(p.socket, 'room:signal', { slug, to: 'nobody', description: { type: 'offer', sdp: 'v=0' } })).error?.code).toBe('forbidden');
		// unknown room
		expect((await ask(p.socket, 'room:join', { slug: 'no-such-room' })).error?.code).toBe('not_found');
		// SFU events while peer-to-peer
		expect((await ask(p.socket, 'sfu:transport-create', { slug, direction: 'send' })).error?.code).toBe('forbidden');
		// unknown event
		expect((await ask(p.socket, 'room:explode', {})).error?.code).toBe('unknown_event');
		// still alive
		expect((await ask(p.socket, 'room:media', { slug, muted: false, cameraOff: false })).ok).toBe(true);
	});

	it('sends strangers to the lobby; the host admits (or denies) them; a third participant without SFU gets "salle pleine en pair-à-pair"', async () => {
		const { provider, booker, slug } = await booking();
		const stranger = await makeMember(ctx);
		const denied = await makeMember(ctx);
		const p = await connectAs(rt, provider.id);
		const b = await connectAs(rt, booker.id);
		const s = await connectAs(rt, stranger.id);
		const d = await connectAs(rt, denied.id);
		await ask(p.socket, 'room:join', { slug });
		await ask(b.socket, 'room:join', { slug });

		const knock = next(p.socket, 'room:knock', (k: { memberId: string }) => k.memberId === stranger.id);
		expect((await ask(s.socket, 'room:join', { slug })).data).toMatchObject({ status: 'lobby' });
		expect(await knock).toMatchObject({ slug, memberId: stranger.id });
		// only the host admits
		expect((await ask(b.socket, 'room:admit', { slug, memberId: stranger.id })).error?.code).toBe('forbidden');
		const admitted = next(s.socket, 'room:admitted');
		expect((await ask(p.socket, 'room:admit', { slug, memberId: stranger.id })).ok).toBe(true);
		await admitted;
		const withWorker = detectWorker().ok;
		const third = await ask(s.socket, 'room:join', { slug });
		if (withWorker && roomSettings().videoMode !== 'p2p') expect(third.data).toMatchObject({ status: 'joined', topology: 'sfu' });
		else {
			expect(third.error?.code).toBe('forbidden');
			expect(third.error?.message).toContain('Salle pleine en pair-à-pair');
		}

		await ask(d.socket, 'room:join', { slug });
		const deniedEvent = next(d.socket, 'room:denied');
		expect((await ask(p.socket, 'room:deny', { slug, memberId: denied.id })).ok).toBe(true);
		await deniedEvent;
		expect((await ask(p.socket, 'room:deny', { slug, memberId: denied.id })).error?.code).toBe('forbidden');
	});

	it('refuses a room that is not open yet, and a cancelled appointment', async () => {
		const later = await booking({ startInMinutes: 120 });
		const p = await connectAs(rt, later.provider.id);
		const early = await ask(p.socket, 'room:join', { slug: later.slug });
		expect(early.error?.code).toBe('forbidden');
		expect(early.error?.message).toContain('10 minutes avant');
		const cancelled = await booking({ status: 'cancelled' });
		const c = await connectAs(rt, cancelled.booker.id);
		expect((await ask(c.socket, 'room:join', { slug: cancelled.slug })).error?.message).toContain('annulé');
	});

	it('keeps the in-call chat in a conversation of the chat domain, which stays after the call', async () => {
		const { provider, booker, slug } = await booking();
		const p = await connectAs(rt, provider.id);
		const b = await connectAs(rt, booker.id);
		await ask(p.socket, 'room:join', { slug });
		await ask(b.socket, 'room:join', { slug });
		const received = next<{ body: string; conversationId: string }>(p.socket, 'chat:message', (m) => m.body === 'Bonjour, vous m’entendez ?');
		const sent = await ask(b.socket, 'room:chat', { slug, clientId: 'call-msg-0001', body: 'Bonjour, vous m’entendez ?' });
		expect(sent.error).toBeUndefined();
		expect((await received).conversationId).toBe(sent.data.conversationId);
		await ask(b.socket, 'room:leave', { slug });
		const history = await ask(p.socket, 'chat:history', { conversationId: sent.data.conversationId });
		expect(history.data.messages.map((m: { body: string }) => m.body)).toEqual(['Bonjour, vous m’entendez ?']);
		const room = await ctx.prisma.room.findUniqueOrThrow({ where: { slug }, select: { conversationId: true, kind: true } });
		expect(room).toEqual({ conversationId: sent.data.conversationId, kind: 'appointment' });
	});

	it('ad-hoc meeting rooms: contacts or a contact group, within ROOM_MAX_PARTICIPANTS', async () => {
		const host = await makeMember(ctx);
		const friend = await makeMember(ctx);
		const stranger = await makeMember(ctx);
		await makeContacts(host.id, friend.id);
		const group = await ctx.prisma.contactGroup.create({ data: { ownerId: host.id, name: 'Équipe', entries: { create: [{ ownerId: host.id, memberId: friend.id }] } } });
		const { slug, invited } = await createMeetingRoom({ memberId: host.id }, { title: 'Point hebdo', groupId: group.id });
		expect(invited).toEqual([friend.id]);
		await expect(createMeetingRoom({ memberId: host.id }, { title: 'x', memberIds: [stranger.id] })).rejects.toMatchObject({ key: 'video.error.contacts_only' });
		configureRooms({ maxParticipants: 2 });
		try {
			await makeContacts(host.id, stranger.id);
			await expect(createMeetingRoom({ memberId: host.id }, { title: 'x', memberIds: [friend.id, stranger.id] })).rejects.toMatchObject({ key: 'video.error.too_many' });
		} finally {
			configureRooms({ maxParticipants: 8 });
		}
		const f = await connectAs(rt, friend.id);
		expect((await ask(f.socket, 'room:join', { slug })).data).toMatchObject({ status: 'joined', relation: 'invited' });
	});
});

describe('direct calls', () => {
	async function onlineProvider() {
		const provider = await makeMember(ctx);
		const tab1 = await connectAs(rt, provider.id);
		const tab2 = await connectAs(rt, provider.id);
		await setAvailability({ memberId: provider.id }, { available: true });
		return { provider, tab1, tab2 };
	}

	it('rings every tab of the provider; accepting sends both to a fresh room; the provider is busy meanwhile', async () => {
		const { provider, tab1, tab2 } = await onlineProvider();
		const caller = await makeMember(ctx, { category: 'visitor' });
		const other = await makeMember(ctx, { category: 'visitor' });
		const c = await connectAs(rt, caller.id);
		const o = await connectAs(rt, other.id);
		const rings = [next(tab1.socket, 'call:incoming'), next(tab2.socket, 'call:incoming')];
		const started = await ask(c.socket, 'call:start', { providerId: provider.id });
		expect(started).toMatchObject({ ok: true, data: { ringSeconds: 30 } });
		for (const ring of await Promise.all(rings)) expect(ring).toMatchObject({ callId: started.data.callId, callerName: `${caller.firstName} ${caller.lastName}` });
		expect(presenceOf([provider.id])[provider.id]).toBe('busy');
		// a ringing / busy provider cannot be called
		const busy = await ask(o.socket, 'call:start', { providerId: provider.id });
		expect(busy.error).toMatchObject({ code: 'forbidden', message: 'Ce professionnel est déjà en communication.' });
		// only the provider answers
		expect((await ask(c.socket, 'call:accept', { callId: started.data.callId })).error?.code).toBe('forbidden');

		const accepted = [next(c.socket, 'call:accepted'), next(tab2.socket, 'call:accepted')];
		const reply = await ask(tab1.socket, 'call:accept', { callId: started.data.callId });
		expect(reply.ok).toBe(true);
		for (const a of await Promise.all(accepted)) expect(a.slug).toBe(reply.data.slug);
		const room = await ctx.prisma.room.findUniqueOrThrow({ where: { slug: reply.data.slug }, select: { kind: true, hostId: true, maxParticipants: true } });
		expect(room).toEqual({ kind: 'direct', hostId: provider.id, maxParticipants: 2 });
		expect((await ask(c.socket, 'room:join', { slug: reply.data.slug })).data).toMatchObject({ status: 'joined' });
		expect((await ask(tab1.socket, 'room:join', { slug: reply.data.slug })).data).toMatchObject({ status: 'joined', topology: 'p2p' });
		// answered twice: the call is over
		expect((await ask(tab2.socket, 'call:accept', { callId: started.data.callId })).error?.code).toBe('not_found');
	});

	/** A call from a new member to `provider`, answered on `tab`; both in its room (the page joins by itself). */
	async function answeredCall(provider: { id: string }, tab: { socket: Socket }) {
		const caller = await makeMember(ctx, { category: 'visitor' });
		const c = await connectAs(rt, caller.id);
		const started = await ask(c.socket, 'call:start', { providerId: provider.id });
		expect(started.ok).toBe(true);
		const { slug } = (await ask(tab.socket, 'call:accept', { callId: started.data.callId })).data;
		return { caller, c, slug };
	}

	it('hanging up frees both at once: presence is available again and a second call rings straight away', async () => {
		const { provider, tab1 } = await onlineProvider();
		const { caller, c, slug } = await answeredCall(provider, tab1);
		await ask(tab1.socket, 'room:join', { slug });
		await ask(c.socket, 'room:join', { slug });
		expect(presenceOf([provider.id, caller.id])).toEqual({ [provider.id]: 'busy', [caller.id]: 'busy' });

		// the caller hangs up; the provider is still on the room page (told that the other side left)
		const left = next(tab1.socket, 'room:peer-left');
		await ask(c.socket, 'room:leave', { slug });
		await left;
		expect(presenceOf([provider.id])[provider.id]).toBe('available');
		expect(presenceOf([caller.id])[caller.id]).not.toBe('busy');

		const someone = await makeMember(ctx, { category: 'visitor' });
		const s = await connectAs(rt, someone.id);
		const ring = next(tab1.socket, 'call:incoming');
		const again = await ask(s.socket, 'call:start', { providerId: provider.id });
		expect(again.error).toBeUndefined();
		expect((await ring).callerName).toBe(`${someone.firstName} ${someone.lastName}`);
		await ask(s.socket, 'call:cancel', { callId: again.data.callId });
	});

	it('a call whose other side never arrives, or closes the tab, is over as soon as one side leaves', async () => {
		const { provider, tab1 } = await onlineProvider();
		// the provider answers, waits alone, and leaves before the caller's page joined
		const first = await answeredCall(provider, tab1);
		await ask(tab1.socket, 'room:join', { slug: first.slug });
		await ask(tab1.socket, 'room:leave', { slug: first.slug });
		expect(presenceOf([provider.id, first.caller.id])).toEqual({ [provider.id]: 'available', [first.caller.id]: 'online' });

		// the caller's tab closes in the call
		const second = await answeredCall(provider, tab1);
		await ask(tab1.socket, 'room:join', { slug: second.slug });
		await ask(second.c.socket, 'room:join', { slug: second.slug });
		const left = next(tab1.socket, 'room:peer-left');
		second.c.socket.disconnect();
		await left;
		expect(presenceOf([provider.id])[provider.id]).toBe('available');
	});

	it('a call without a message leaves no conversation; the first message makes one named after both and tells the other side', async () => {
		const { provider, tab1 } = await onlineProvider();
		const { caller, c, slug } = await answeredCall(provider, tab1);
		await ask(tab1.socket, 'room:join', { slug });
		await ask(c.socket, 'room:join', { slug });
		// what the room page asks when the call starts
		expect((await ask(c.socket, 'room:chat-history', { slug })).data).toEqual({ conversationId: null, messages: [] });
		expect((await ask(tab1.socket, 'room:chat-history', { slug })).data).toEqual({ conversationId: null, messages: [] });
		await ask(c.socket, 'room:leave', { slug });
		await ask(tab1.socket, 'room:leave', { slug });
		expect(await ctx.prisma.room.findUniqueOrThrow({ where: { slug }, select: { conversationId: true } })).toEqual({ conversationId: null });
		expect(await ctx.prisma.conversationMember.count({ where: { memberId: { in: [provider.id, caller.id] } } })).toBe(0);

		// another call, with a message this time
		const second = await answeredCall(provider, tab1);
		await ask(tab1.socket, 'room:join', { slug: second.slug });
		await ask(second.c.socket, 'room:join', { slug: second.slug });
		const told = next<{ slug: string; conversationId: string; message: { body: string } }>(tab1.socket, 'room:chat-message');
		const sent = await ask(second.c.socket, 'room:chat', { slug: second.slug, clientId: 'direct-msg-0001', body: 'Vous m’entendez ?' });
		expect(sent.error).toBeUndefined();
		expect(await told).toMatchObject({ slug: second.slug, conversationId: sent.data.conversationId, message: { body: 'Vous m’entendez ?' } });
		const conversation = await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: sent.data.conversationId }, select: { name: true, members: { select: { memberId: true } } } });
		expect(conversation.name).toBe(`Visio — ${provider.firstName} ${provider.lastName}, ${second.caller.firstName} ${second.caller.lastName}`);
		expect(conversation.members.map((m) => m.memberId).sort()).toEqual([provider.id, second.caller.id].sort());
		expect((await ask(tab1.socket, 'room:chat-history', { slug: second.slug })).data).toMatchObject({ conversationId: sent.data.conversationId, messages: [{ body: 'Vous m’entendez ?' }] });
	});

	it('declined, cancelled by the caller, or unanswered after CALL_RING_SECONDS (with a message / booking offer)', async () => {
		const { provider, tab1 } = await onlineProvider();
		const caller = await makeMember(ctx, { category: 'visitor' });
		const c = await connectAs(rt, caller.id);

		const first = await ask(c.socket, 'call:start', { providerId: provider.id });
		const declined = next(c.socket, 'call:ended');
		await ask(tab1.socket, 'call:decline', { callId: first.data.callId });
		expect(await declined).toMatchObject({ reason: 'declined', contactUrl: expect.stringMatching(/^\/contact-provider\//) });
		expect(presenceOf([provider.id])[provider.id]).toBe('available');

		const second = await ask(c.socket, 'call:start', { providerId: provider.id });
		const cancelled = next(tab1.socket, 'call:ended');
		await ask(c.socket, 'call:cancel', { callId: second.data.callId });
		expect(await cancelled).toMatchObject({ reason: 'cancelled' });

		configureRooms({ ringMs: 150 });
		try {
			await ask(c.socket, 'call:start', { providerId: provider.id });
			const ended = await next(c.socket, 'call:ended', () => true, 2000);
			expect(ended).toMatchObject({ reason: 'timed_out', bookUrl: expect.stringMatching(/^\/book\//), contactUrl: expect.stringMatching(/^\/contact-provider\//) });
		} finally {
			configureRooms({ ringMs: 30_000 });
		}
		await until(() => presenceOf([provider.id])[provider.id] === 'available');

		// only the unanswered call is a missed one: the provider's notification names the caller
		await vi.waitFor(async () => expect(await ctx.prisma.domainEvent.count({ where: { name: 'call.missed' } })).toBe(1), { timeout: 5_000, interval: 20 });
		await ctx.deliverEvents();
		const missed = await ctx.prisma.notification.findMany({ where: { recipientId: provider.id, type: 'call.missed' } });
		expect(missed).toHaveLength(1);
		expect(missed[0]).toMatchObject({ actorId: caller.id, data: { actorName: `${caller.firstName} ${caller.lastName}` } });
	});

	it('refuses offline, unavailable providers and oneself; malformed call events get an error', async () => {
		const caller = await makeMember(ctx, { category: 'visitor' });
		const offline = await makeMember(ctx);
		const unavailable = await makeMember(ctx);
		const c = await connectAs(rt, caller.id);
		await connectAs(rt, unavailable.id);
		expect((await ask(c.socket, 'call:start', { providerId: offline.id })).error?.message).toBe('Ce professionnel n’est pas en ligne.');
		expect((await ask(c.socket, 'call:start', { providerId: unavailable.id })).error?.message).toBe('Ce professionnel n’accepte pas d’appel en ce moment.');
		expect((await ask(c.socket, 'call:start', { providerId: caller.id })).error?.code).toBe('forbidden');
		expect((await ask(c.socket, 'call:start', { providerId: 'nope' })).error?.code).toBe('malformed');
		expect((await ask(c.socket, 'call:accept', { callId: '0196b8c0-0000-7000-8000-000000000000' })).error?.code).toBe('not_found');
		const events = collect(c.socket, 'relais:error');
		c.socket.emit('call:decline', 42);
		await until(() => events.length === 1);
		await sleep(10);
	});
});

const worker = detectWorker();
if (!worker.ok) console.log(`SFU tests skipped: ${worker.reason}`);
describe('SFU', () => {
	it.skipIf(!worker.ok)('creates one router per room even under concurrent joins', async () => {
		const { startMedia } = await import('../../server/media/workers.ts');
		const { createLogger } = await import('../../server/log.ts');
		const media = await startMedia({ log: createLogger('warn'), env: { ...process.env, MEDIASOUP_WORKERS: '1' } });
		try {
			expect(media.service).not.toBeNull();
			const [a, b] = await Promise.all([media.service!.room('r1'), media.service!.room('r1')]);
			expect(a).toBe(b);
		} finally {
			await media.stop();
		}
	});
});
