import type { Server } from 'socket.io';
import { z } from 'zod';
import {
	admitToRoom,
	assertHost,
	iceServersFor,
	LiveRoom,
	refusalError,
	roomAccess,
	roomMessages,
	roomSettings,
	sendRoomMessage,
	type RoomView
} from '../../src/lib/server/rooms/index.ts';
import { forbidden } from '../../src/lib/server/errors.ts';
import { onMediaRoomsLost } from '../media/workers.ts';
import { register, type HandlerContext } from './protocol.ts';
import type { LimitClass } from './limits.ts';
import { sfuOps, SFU_EVENTS } from './sfu.ts';
import { findLiveRoom, liveRooms, socketRoom, type RoomCaller } from './room-state.ts';
import { actorOfMember, type Role } from '../../src/lib/server/access/index.ts';
import { liveRedis } from '../../src/lib/server/live/index.ts';
import type { DomainEvents } from '../../src/lib/server/events.ts';
import { createRoomRouter } from './room-placement.ts';
import { roomEffects } from './room-effects.ts';

/**
 * Room signalling, a thin transport over the domain's live room (src/lib/server/rooms/live-room.ts:
 * participants, lobby, host, topology P2P↔SFU and when to return to P2P). Each event is
 * validated, routed to the node holding the room, applied to the room as a command, and the
 * effects the room returns are carried out here: emits to the connections, busy holds, the
 * direct call's hang-up, the media backend (server/media/backend.ts: peer-to-peer relay or
 * mediasoup, sfu.ts for the SFU's own requests) and the timer of the return to P2P. The in-call
 * chat goes through the chat domain.
 *
 * Several nodes (REDIS_URL): each live room is held by one node at a time, chosen by the
 * placement (src/lib/server/rooms/placement.ts, through room-placement.ts: the living owner, else
 * the least loaded node running the SFU, else the node the member reached). Every room and SFU
 * event of a member connected elsewhere is forwarded to the owner (room-rpc.ts) and run there;
 * its emits reach the members' tabs on every node through the socket.io adapter. When the owner
 * dies, the other nodes tell their members in its rooms to reconnect: the first rejoin places the
 * room again, on a node that lives.
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

export function attachRoomSignalling(io: Server, events?: DomainEvents) {
	const { backend, clock, carryOut, stop: stopEffects } = roomEffects(io);

	function liveRoom(view: RoomView): LiveRoom {
		let room = liveRooms().get(view.id);
		if (!room) {
			room = new LiveRoom({ id: view.id, slug: view.slug, kind: view.kind, hostId: view.hostId });
			liveRooms().set(view.id, room);
		}
		return room;
	}

	function roomOf(roomSlug: string): LiveRoom {
		const room = findLiveRoom(roomSlug);
		if (!room) throw forbidden('video.error.not_in_room');
		return room;
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

	/** Every room event, run by the node holding the room for a caller connected anywhere. */
	const ops: Record<string, Op> = {
		'room:join': {
			schema: schemas.join,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.join>) => {
				const actor = actorOf(caller);
				const name = nameOf(caller);
				// joining again from the same tab (reconnection): the previous entry goes first
				const previous = findLiveRoom(input.slug);
				if (previous) await carryOut(previous, previous.leave(caller.socketId, clock(), 'rejoin'));
				const existing = findLiveRoom(input.slug);
				const access = await roomAccess(actor, { slug: input.slug, participants: existing?.participants.size ?? 0 });
				const refusal = refusalError(access.decision);
				if (refusal) throw refusal;
				const room = liveRoom(access.room);
				if (access.decision.outcome === 'lobby') {
					await carryOut(room, room.knock({ peerId: caller.socketId, memberId: caller.member.id, name }));
					return { status: 'lobby' as const, room: access.room };
				}
				const joined = room.join({ peerId: caller.socketId, node: caller.node, memberId: caller.member.id, name, muted: input.muted ?? false, cameraOff: input.cameraOff ?? false }, clock());
				await carryOut(room, joined.effects);
				return {
					status: 'joined' as const,
					room: access.room,
					relation: access.relation,
					peerId: caller.socketId,
					participants: joined.others,
					topology: room.topology,
					iceServers: iceServersFor(caller.member.id, roomSettings()),
					lobby: access.relation === 'host' ? room.lobbyList : []
				};
			}
		},
		'room:leave': {
			schema: schemas.slug,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.slug>) => {
				const room = roomOf(input.slug);
				room.requireParticipant(caller.socketId);
				await carryOut(room, room.leave(caller.socketId, clock()));
				return { left: true };
			}
		},
		'room:admit': {
			schema: schemas.lobby,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.lobby>) => {
				const actor = actorOf(caller);
				await assertHost(actor, input.slug);
				await admitToRoom(actor, input);
				const room = findLiveRoom(input.slug);
				if (room) await carryOut(room, room.admit(input.memberId));
				return { admitted: true };
			}
		},
		'room:deny': {
			schema: schemas.lobby,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.lobby>) => {
				await assertHost(actorOf(caller), input.slug);
				const room = findLiveRoom(input.slug);
				if (!room) throw forbidden('video.error.not_in_lobby');
				await carryOut(room, room.deny(input.memberId));
				return { denied: true };
			}
		},
		'room:signal': {
			schema: schemas.signal,
			limit: 'signal',
			run: async (caller, input: z.infer<typeof schemas.signal>) => {
				const room = roomOf(input.slug);
				await carryOut(room, room.signal(caller.socketId, input.to, { description: input.description, candidate: input.candidate ?? undefined }));
				return {};
			}
		},
		'room:ice-restart': {
			schema: schemas.iceRestart,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.iceRestart>) => {
				const room = roomOf(input.slug);
				await carryOut(room, room.iceRestart(caller.socketId, input.to));
				return {};
			}
		},
		'room:media': {
			schema: schemas.media,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.media>) => {
				const room = roomOf(input.slug);
				await carryOut(room, room.update(caller.socketId, { muted: input.muted, cameraOff: input.cameraOff }));
				return {};
			}
		},
		'room:screen': {
			schema: schemas.screen,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.screen>) => {
				const room = roomOf(input.slug);
				await carryOut(room, room.update(caller.socketId, { sharing: input.sharing }));
				return {};
			}
		},
		'room:chat': {
			schema: schemas.chat,
			limit: 'message',
			run: async (caller, input: z.infer<typeof schemas.chat>) => {
				const sent = await sendRoomMessage(actorOf(caller), input);
				// the conversation may be new (created by the first message): tell the others in the call which one it is
				const room = findLiveRoom(input.slug);
				if (room) io.to(socketRoom(room.id)).except(caller.socketId).emit('room:chat-message', { slug: room.slug, conversationId: sent.conversationId, message: sent.message });
				return sent;
			}
		},
		// a connection went away (closed tab, node leaving): out of the room and of its lobby
		'room:gone': {
			schema: schemas.slug,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.slug>) => {
				const room = findLiveRoom(input.slug);
				if (room) await carryOut(room, room.gone(caller.socketId, clock()));
				return {};
			}
		},
		...sfuOps(io)
	};

	// one node: the room is here. Several: run where the room lives (room-placement.ts)
	const live = liveRedis();
	const placement = live ? createRoomRouter(live, (request) => runOp(request.event, request.caller as RoomCaller, request.input as { slug: string })) : null;
	const me = live?.nodeId ?? 'local';
	/** this node's connections, the rooms (slugs) they joined or knocked at, and the node holding each */
	const socketSlugs = new Map<string, Map<string, string>>();
	/** SIGTERM: this node gives its rooms up (no heartbeat for them any more) */
	let draining = false;

	async function runOp(event: string, caller: RoomCaller, input: { slug: string }) {
		const op = ops[event];
		if (!op) throw forbidden('video.error.not_in_room');
		return op.run(caller, input);
	}

	/** runs the event where the room is held; answers with that node */
	async function route(event: string, caller: RoomCaller, input: { slug: string }): Promise<{ node: string; result: unknown }> {
		if (!placement) return { node: me, result: await runOp(event, caller, input) };
		return placement.run(input.slug, event, caller, input, () => runOp(event, caller, input));
	}

	function attach(ctx: HandlerContext, member: { id: string; firstName: string; lastName: string; roles: readonly Role[] }) {
		const { socket } = ctx;
		const caller: RoomCaller = { socketId: socket.id, node: me, member: { id: member.id, firstName: member.firstName, lastName: member.lastName, roles: member.roles } };
		for (const [event, op] of Object.entries(ops)) {
			if (event === 'room:gone') continue;
			register(ctx, event, { schema: op.schema as z.ZodType<{ slug: string }>, limit: op.limit }, async (input) => {
				const { node, result } = (await route(event, caller, input)) as { node: string; result: { status?: string } | undefined };
				if (event === 'room:join' && (result?.status === 'joined' || result?.status === 'lobby')) {
					const slugs = socketSlugs.get(socket.id) ?? new Map<string, string>();
					slugs.set(input.slug, node);
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
			for (const slug of slugs?.keys() ?? []) {
				void route('room:gone', caller, { slug }).catch((e: Error) => ctx.log(`room leave after disconnect failed: ${e.message}`));
			}
		});
	}

	/**
	 * Another node died or left: our members in the rooms it held are told to reconnect (their
	 * rejoin places each room again, on a node that lives), its members leave the rooms this node
	 * holds, and what it owned in Redis is released.
	 */
	function onNodeGone(nodeId: string) {
		if (!placement) return;
		for (const room of [...liveRooms().values()]) {
			for (const [socketId, p] of [...room.participants]) if (p.node === nodeId) void carryOut(room, room.gone(socketId, clock())).catch(() => {});
		}
		for (const [socketId, joined] of socketSlugs) {
			for (const [slug, holder] of [...joined]) {
				if (holder !== nodeId) continue;
				joined.delete(slug);
				io.to(socketId).emit('room:reconnect', { slug });
			}
		}
		void placement.forgetNode(nodeId).catch(() => {});
	}
	const unsubscribeNodes = events ? events.on('presence.node_gone', ({ nodeId }) => onNodeGone(nodeId)) : () => {};
	// the owner's heartbeat for its rooms, with its load (participants) and whether it runs the SFU
	const refresh = placement
		? setInterval(() => {
				if (draining) return;
				const rooms = [...liveRooms().values()];
				const participants = rooms.reduce((n, r) => n + r.participants.size, 0);
				void placement.refresh({ sfu: backend().kind === 'sfu', slugs: rooms.map((r) => r.slug), participants }).catch(() => {});
			}, 2000)
		: null;
	refresh?.unref();

	return {
		attach,
		/**
		 * This node is leaving: it gives its rooms up, then tells their participants — on every node —
		 * to rejoin, which places each room again on a node that stays.
		 */
		drain() {
			draining = true;
			const tell = () => {
				for (const room of liveRooms().values()) io.to(socketRoom(room.id)).emit('room:reconnect', { slug: room.slug });
			};
			if (placement) void placement.forgetNode(me).then(tell, tell);
			else tell();
		},
		close() {
			unsubscribeLost();
			unsubscribeNodes();
			if (refresh) clearInterval(refresh);
			placement?.close();
			stopEffects();
			liveRooms().clear();
		}
	};
}
