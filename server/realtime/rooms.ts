import type { Server } from 'socket.io';
import { z } from 'zod';
import {
	admitToRoom,
	assertHost,
	decideTopology,
	hangUpDirectCall,
	holdBusy,
	iceServersFor,
	joinedDirectCall,
	refusalError,
	releaseBusy,
	roomAccess,
	roomMessages,
	roomSettings,
	sendRoomMessage,
	shouldReturnToP2p,
	type RoomView,
	type Topology
} from '../../src/lib/server/rooms/index.ts';
import { forbidden } from '../../src/lib/server/errors.ts';
import { currentMedia, onMediaRoomsLost } from '../media/workers.ts';
import { register, type HandlerContext } from './protocol.ts';
import type { LimitClass } from './limits.ts';
import { memberRoom } from './chat.ts';
import { sfuOps, SFU_EVENTS } from './sfu.ts';
import { liveRooms, requireParticipant, socketRoom, type LiveRoom, type Participant, type RoomCaller } from './room-state.ts';
import { actorOfMember, type Role } from '../../src/lib/server/access/index.ts';
import { liveRedis } from '../../src/lib/server/live/index.ts';
import type { DomainEvents } from '../../src/lib/server/events.ts';
import { createRoomPlacement } from './room-placement.ts';

/**
 * Room signalling. The domain (src/lib/server/rooms) says who may enter when; this module keeps
 * who is in each room right now (in memory, like the sockets), relays peer-to-peer offers,
 * answers and ICE candidates between the two participants, mute / camera / screen states, ICE
 * restart requests, the lobby (knock → the host admits or denies) and the in-call chat (through
 * the chat domain). A third participant switches the room to the SFU when a worker runs
 * (sfu.ts), or is refused with "salle pleine en pair-à-pair"; back to P2P a little while after
 * only two remain.
 *
 * Several nodes (REDIS_URL): each live room is owned by one node at a time, recorded in Redis
 * (room-placement.ts: room → node, claimed by the first node a member reaches, refreshed while
 * the room lives). Every room and SFU event of a member connected elsewhere is forwarded to the
 * owner (room-rpc.ts) and run there against the room it holds; its emits reach the members' tabs
 * on every node through the socket.io adapter. When the owner dies, the other nodes tell their
 * members in its rooms to reconnect: the first to rejoin makes its node the new owner.
 */
export const ROOM_EVENTS = [
	'room:join',
	'room:leave',
	'room:admit',
	'room:deny',
	'room:signal',
	'room:media',
	'room:screen',
	'room:ice-restart',
	'room:chat',
	'room:chat-history',
	...SFU_EVENTS
] as const;

const slug = z.string().min(4).max(64).regex(/^[A-Za-z0-9_-]+$/);
const peerId = z.string().min(1).max(64);
const schemas = {
	join: z.object({ slug, muted: z.boolean().optional(), cameraOff: z.boolean().optional() }).strict(),
	slug: z.object({ slug }).strict(),
	lobby: z.object({ slug, memberId: z.uuid() }).strict(),
	signal: z
		.object({
			slug,
			to: peerId,
			description: z.object({ type: z.enum(['offer', 'answer']), sdp: z.string().max(30_000) }).strict().optional(),
			candidate: z
				.object({
					candidate: z.string().max(2000),
					sdpMid: z.string().max(64).nullish(),
					sdpMLineIndex: z.number().int().min(0).max(64).nullish(),
					usernameFragment: z.string().max(256).nullish()
				})
				.strict()
				.nullish()
		})
		.strict()
		.refine((v) => !!v.description !== !!v.candidate, { message: 'one of description or candidate' }),
	media: z.object({ slug, muted: z.boolean(), cameraOff: z.boolean() }).strict(),
	screen: z.object({ slug, sharing: z.boolean() }).strict(),
	iceRestart: z.object({ slug, to: peerId }).strict(),
	chat: z.object({ slug, clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), body: z.string().min(1).max(4000) }).strict()
};

function publicParticipant(p: Participant) {
	return { peerId: p.peerId, memberId: p.memberId, name: p.name, muted: p.muted, cameraOff: p.cameraOff, sharing: p.sharing };
}

export function attachRoomSignalling(io: Server, events?: DomainEvents) {
	const media = () => currentMedia();

	function liveRoom(view: RoomView): LiveRoom {
		let room = liveRooms().get(view.id);
		if (!room) {
			room = { id: view.id, slug: view.slug, kind: view.kind, hostId: view.hostId, participants: new Map(), lobby: new Map(), topology: 'p2p', twoSince: null, returnTimer: null };
			liveRooms().set(view.id, room);
		}
		return room;
	}

	function setTopology(room: LiveRoom, topology: Topology) {
		if (room.topology === topology) return;
		room.topology = topology;
		io.to(socketRoom(room.id)).emit('room:topology', { slug: room.slug, topology });
		if (topology === 'p2p') void media()?.closeRoom(room.id);
	}

	function scheduleReturn(room: LiveRoom) {
		const settings = roomSettings();
		if (room.returnTimer) clearTimeout(room.returnTimer);
		room.returnTimer = null;
		if (room.topology !== 'sfu' || room.participants.size > 2 || settings.videoMode === 'sfu') {
			room.twoSince = null;
			return;
		}
		room.twoSince ??= Date.now();
		room.returnTimer = setTimeout(() => {
			room.returnTimer = null;
			const now = Date.now();
			if (room.twoSince === null) return;
			if (shouldReturnToP2p({ mode: settings.videoMode, topology: room.topology, participants: room.participants.size, since: room.twoSince, now, delayMs: settings.p2pReturnMs })) {
				setTopology(room, 'p2p');
			} else if (liveRooms().get(room.id) === room) {
				// timers may fire a millisecond before Date.now() says the delay is over: wait the rest
				scheduleReturn(room);
			}
		}, Math.max(1, settings.p2pReturnMs - (Date.now() - (room.twoSince ?? Date.now()))));
		room.returnTimer.unref?.();
	}

	/**
	 * Removes a connection from a room (leave, disconnect, or joining again). Leaving a direct call's
	 * room hangs up: whoever stays is callable again at once (they may still rejoin together).
	 */
	function removeParticipant(room: LiveRoom, socketId: string, why: 'left' | 'rejoin' = 'left') {
		const p = room.participants.get(socketId);
		if (!p) return;
		room.participants.delete(socketId);
		const failed = (e: Error) => console.error(`[rooms] busy release failed: ${e.message}`);
		releaseBusy(p.memberId, `room:${socketId}`).catch(failed);
		if (room.kind === 'direct' && why === 'left') {
			hangUpDirectCall(room.slug).catch(failed);
			for (const [id, other] of room.participants) releaseBusy(other.memberId, `room:${id}`).catch(failed);
		}
		io.in(socketId).socketsLeave(socketRoom(room.id));
		void media()
			?.existingRoom(room.id)
			?.then((r) => {
				r.removePeer(socketId);
			})
			.catch(() => {});
		io.to(socketRoom(room.id)).emit('room:peer-left', { slug: room.slug, peerId: socketId, memberId: p.memberId });
		if (room.participants.size === 0 && room.lobby.size === 0) {
			if (room.returnTimer) clearTimeout(room.returnTimer);
			liveRooms().delete(room.id);
			void media()?.closeRoom(room.id);
			return;
		}
		scheduleReturn(room);
	}

	const unsubscribeLost = onMediaRoomsLost((roomIds) => {
		for (const id of roomIds) {
			const room = liveRooms().get(id);
			if (room) io.to(socketRoom(id)).emit('room:reconnect', { slug: room.slug });
		}
	});

	type Op = { schema: z.ZodType; limit: LimitClass; run: (caller: RoomCaller, input: any) => Promise<unknown> | unknown };
	const actorOf = (caller: RoomCaller) => actorOfMember(caller.member);
	const nameOf = (caller: RoomCaller) => `${caller.member.firstName} ${caller.member.lastName}`;
	const findRoom = (roomSlug: string) => [...liveRooms().values()].find((r) => r.slug === roomSlug);

	/** Every room event, run by the node owning the room for a caller connected anywhere. */
	const ops: Record<string, Op> = {
		'room:join': {
			schema: schemas.join,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.join>) => {
				const actor = actorOf(caller);
				const name = nameOf(caller);
				// joining again from the same tab (reconnection): the previous entry goes first
				for (const room of liveRooms().values()) if (room.slug === input.slug) removeParticipant(room, caller.socketId, 'rejoin');
				const existing = findRoom(input.slug);
				const access = await roomAccess(actor, { slug: input.slug, participants: existing?.participants.size ?? 0 });
				const refusal = refusalError(access.decision);
				if (refusal) throw refusal;
				const room = liveRoom(access.room);
				if (access.decision.outcome === 'lobby') {
					const entry = room.lobby.get(caller.member.id) ?? { name, sockets: new Set<string>() };
					entry.sockets.add(caller.socketId);
					room.lobby.set(caller.member.id, entry);
					io.to(memberRoom(room.hostId)).emit('room:knock', { slug: room.slug, memberId: caller.member.id, name });
					return { status: 'lobby' as const, room: access.room };
				}
				const settings = roomSettings();
				const decision = decideTopology({ mode: settings.videoMode, participants: room.participants.size + 1, sfuAvailable: !!media(), current: room.topology });
				if ('refused' in decision) throw forbidden('video.error.p2p_full');
				room.lobby.delete(caller.member.id);
				const me: Participant = { peerId: caller.socketId, node: caller.node, memberId: caller.member.id, name, muted: input.muted ?? false, cameraOff: input.cameraOff ?? false, sharing: false };
				const others = [...room.participants.values()].map(publicParticipant);
				room.participants.set(caller.socketId, me);
				io.in(caller.socketId).socketsJoin(socketRoom(room.id));
				if (room.kind === 'direct') {
					// together in a direct call: both busy again (also when they come back after a hang-up)
					await Promise.all([...room.participants].map(([id, p]) => holdBusy(p.memberId, `room:${id}`)));
					await joinedDirectCall(room.slug, caller.member.id);
				} else await holdBusy(caller.member.id, `room:${caller.socketId}`);
				setTopology(room, decision.topology);
				scheduleReturn(room);
				io.to(socketRoom(room.id)).except(caller.socketId).emit('room:peer-joined', { slug: room.slug, peer: publicParticipant(me) });
				return {
					status: 'joined' as const,
					room: access.room,
					relation: access.relation,
					peerId: caller.socketId,
					participants: others,
					topology: room.topology,
					iceServers: iceServersFor(caller.member.id, settings),
					lobby: access.relation === 'host' ? [...room.lobby.entries()].map(([memberId, e]) => ({ memberId, name: e.name })) : []
				};
			}
		},
		'room:leave': {
			schema: schemas.slug,
			limit: 'other',
			run: (caller, input: z.infer<typeof schemas.slug>) => {
				const { room } = requireParticipant(caller.socketId, input.slug);
				removeParticipant(room, caller.socketId);
				return { left: true };
			}
		},
		'room:admit': {
			schema: schemas.lobby,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.lobby>) => {
				const actor = actorOf(caller);
				await assertHost(actor, input.slug);
				const room = findRoom(input.slug);
				const entry = room?.lobby.get(input.memberId);
				await admitToRoom(actor, input);
				if (room && entry) {
					room.lobby.delete(input.memberId);
					for (const id of entry.sockets) io.to(id).emit('room:admitted', { slug: input.slug });
				}
				return { admitted: true };
			}
		},
		'room:deny': {
			schema: schemas.lobby,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.lobby>) => {
				await assertHost(actorOf(caller), input.slug);
				const room = findRoom(input.slug);
				const entry = room?.lobby.get(input.memberId);
				if (!room || !entry) throw forbidden('video.error.not_in_lobby');
				room.lobby.delete(input.memberId);
				for (const id of entry.sockets) io.to(id).emit('room:denied', { slug: input.slug });
				return { denied: true };
			}
		},
		'room:signal': {
			schema: schemas.signal,
			limit: 'signal',
			run: (caller, input: z.infer<typeof schemas.signal>) => {
				const { room } = requireParticipant(caller.socketId, input.slug);
				if (!room.participants.has(input.to) || input.to === caller.socketId) throw forbidden('video.error.peer_gone');
				if (room.topology !== 'p2p' && input.description) throw forbidden('video.error.not_p2p');
				io.to(input.to).emit('room:signal', { slug: room.slug, from: caller.socketId, description: input.description, candidate: input.candidate ?? undefined });
				return {};
			}
		},
		'room:ice-restart': {
			schema: schemas.iceRestart,
			limit: 'other',
			run: (caller, input: z.infer<typeof schemas.iceRestart>) => {
				const { room } = requireParticipant(caller.socketId, input.slug);
				if (!room.participants.has(input.to) || input.to === caller.socketId) throw forbidden('video.error.peer_gone');
				io.to(input.to).emit('room:ice-restart', { slug: room.slug, from: caller.socketId });
				return {};
			}
		},
		'room:media': {
			schema: schemas.media,
			limit: 'other',
			run: (caller, input: z.infer<typeof schemas.media>) => {
				const { room, me } = requireParticipant(caller.socketId, input.slug);
				me.muted = input.muted;
				me.cameraOff = input.cameraOff;
				io.to(socketRoom(room.id)).emit('room:peer-updated', { slug: room.slug, peer: publicParticipant(me) });
				return {};
			}
		},
		'room:screen': {
			schema: schemas.screen,
			limit: 'other',
			run: (caller, input: z.infer<typeof schemas.screen>) => {
				const { room, me } = requireParticipant(caller.socketId, input.slug);
				me.sharing = input.sharing;
				io.to(socketRoom(room.id)).emit('room:peer-updated', { slug: room.slug, peer: publicParticipant(me) });
				return {};
			}
		},
		'room:chat': {
			schema: schemas.chat,
			limit: 'message',
			run: async (caller, input: z.infer<typeof schemas.chat>) => {
				const sent = await sendRoomMessage(actorOf(caller), input);
				// the conversation may be new (created by the first message): tell the others in the call which one it is
				const room = findRoom(input.slug);
				if (room) io.to(socketRoom(room.id)).except(caller.socketId).emit('room:chat-message', { slug: room.slug, conversationId: sent.conversationId, message: sent.message });
				return sent;
			}
		},
		// a connection went away (closed tab, node leaving): out of the room and of its lobby
		'room:gone': {
			schema: schemas.slug,
			limit: 'other',
			run: (caller, input: z.infer<typeof schemas.slug>) => {
				const room = findRoom(input.slug);
				if (!room) return {};
				removeParticipant(room, caller.socketId);
				for (const [memberId, entry] of room.lobby) {
					entry.sockets.delete(caller.socketId);
					if (entry.sockets.size === 0) room.lobby.delete(memberId);
				}
				if (room.participants.size === 0 && room.lobby.size === 0) liveRooms().delete(room.id);
				return {};
			}
		},
		...sfuOps(io)
	};

	// one node: the room is here. Several: run where the room lives (room-placement.ts)
	const live = liveRedis();
	const placement = live ? createRoomPlacement(live, (request) => runOp(request.event, request.caller as RoomCaller, request.input as { slug: string })) : null;
	const me = live?.nodeId ?? 'local';
	/** this node's connections and the rooms (slugs) they joined or knocked at */
	const socketSlugs = new Map<string, Set<string>>();

	async function runOp(event: string, caller: RoomCaller, input: { slug: string }) {
		const op = ops[event];
		if (!op) throw forbidden('video.error.not_in_room');
		return op.run(caller, input);
	}

	async function route(event: string, caller: RoomCaller, input: { slug: string }) {
		if (!placement) return runOp(event, caller, input);
		return placement.run(input.slug, event, caller, input, () => runOp(event, caller, input));
	}

	function attach(ctx: HandlerContext, member: { id: string; firstName: string; lastName: string; roles: readonly Role[] }) {
		const { socket } = ctx;
		const caller: RoomCaller = { socketId: socket.id, node: me, member: { id: member.id, firstName: member.firstName, lastName: member.lastName, roles: member.roles } };
		for (const [event, op] of Object.entries(ops)) {
			if (event === 'room:gone') continue;
			register(ctx, event, { schema: op.schema as z.ZodType<{ slug: string }>, limit: op.limit }, async (input) => {
				const result = (await route(event, caller, input)) as { status?: string } | undefined;
				if (event === 'room:join' && (result?.status === 'joined' || result?.status === 'lobby')) {
					const slugs = socketSlugs.get(socket.id) ?? new Set<string>();
					slugs.add(input.slug);
					socketSlugs.set(socket.id, slugs);
				}
				if (event === 'room:leave') socketSlugs.get(socket.id)?.delete(input.slug);
				return result;
			});
		}
		register(ctx, 'room:chat-history', { schema: schemas.slug, limit: 'other' }, (input) => roomMessages(actorOfMember(member), input.slug));

		socket.on('disconnect', () => {
			const slugs = socketSlugs.get(socket.id);
			socketSlugs.delete(socket.id);
			if (!placement) {
				for (const room of [...liveRooms().values()]) void runOp('room:gone', caller, { slug: room.slug });
				return;
			}
			for (const slug of slugs ?? []) {
				void route('room:gone', caller, { slug }).catch((e: Error) => ctx.log(`room leave after disconnect failed: ${e.message}`));
			}
		});
	}

	/**
	 * Another node died: the rooms it owned are re-created by whoever rejoins first (our members in
	 * them are told to reconnect), and its members leave the rooms this node owns.
	 */
	function onNodeGone(nodeId: string) {
		if (!placement) return;
		for (const room of [...liveRooms().values()]) for (const [socketId, p] of room.participants) if (p.node === nodeId) void runOp('room:gone', { socketId, node: nodeId, member: { id: p.memberId, firstName: '', lastName: '', roles: [] } }, { slug: room.slug });
		void placement.forgetNode(nodeId).then((slugs) => {
			const lost = new Set(slugs);
			for (const [socketId, joined] of socketSlugs) {
				for (const slug of joined) {
					if (!lost.has(slug)) continue;
					joined.delete(slug);
					io.to(socketId).emit('room:reconnect', { slug });
				}
			}
		});
	}
	const unsubscribeNodes = events ? events.on('presence.node_gone', ({ nodeId }) => onNodeGone(nodeId)) : () => {};
	const refresh = placement ? setInterval(() => void placement.refresh([...liveRooms().values()].map((r) => r.slug)).catch(() => {}), 2000) : null;
	refresh?.unref();

	return {
		attach,
		/** this node is leaving: its rooms' participants rejoin through another node */
		drain() {
			for (const room of liveRooms().values()) io.local.to(socketRoom(room.id)).emit('room:reconnect', { slug: room.slug });
		},
		close() {
			unsubscribeLost();
			unsubscribeNodes();
			if (refresh) clearInterval(refresh);
			placement?.close();
			for (const room of liveRooms().values()) if (room.returnTimer) clearTimeout(room.returnTimer);
			liveRooms().clear();
		}
	};
}
