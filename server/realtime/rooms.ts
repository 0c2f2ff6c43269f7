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
import { memberRoom } from './chat.ts';
import { registerSfu, SFU_EVENTS } from './sfu.ts';
import { liveRooms, requireParticipant, socketRoom, type LiveRoom, type Participant } from './room-state.ts';
import { actorOfMember, type Role } from '../../src/lib/server/access/index.ts';

/**
 * Room signalling. The domain (src/lib/server/rooms) says who may enter when; this module keeps
 * who is in each room right now (in memory, like the sockets), relays peer-to-peer offers,
 * answers and ICE candidates between the two participants, mute / camera / screen states, ICE
 * restart requests, the lobby (knock → the host admits or denies) and the in-call chat (through
 * the chat domain). A third participant switches the room to the SFU when a worker runs
 * (sfu.ts), or is refused with "salle pleine en pair-à-pair"; back to P2P a little while after
 * only two remain.
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

export function attachRoomSignalling(io: Server) {
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
		io.sockets.sockets.get(socketId)?.leave(socketRoom(room.id));
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

	function attach(ctx: HandlerContext, member: { id: string; firstName: string; lastName: string; roles: readonly Role[] }) {
		const { socket } = ctx;
		const actor = actorOfMember(member);
		const name = `${member.firstName} ${member.lastName}`;

		register(ctx, 'room:join', { schema: schemas.join, limit: 'other' }, async (input) => {
			// joining again from the same tab (reconnection): the previous entry goes first
			for (const room of liveRooms().values()) if (room.slug === input.slug) removeParticipant(room, socket.id, 'rejoin');
			const existing = [...liveRooms().values()].find((r) => r.slug === input.slug);
			const access = await roomAccess(actor, { slug: input.slug, participants: existing?.participants.size ?? 0 });
			const refusal = refusalError(access.decision);
			if (refusal) throw refusal;
			const room = liveRoom(access.room);
			if (access.decision.outcome === 'lobby') {
				const entry = room.lobby.get(member.id) ?? { name, sockets: new Set<string>() };
				entry.sockets.add(socket.id);
				room.lobby.set(member.id, entry);
				io.to(memberRoom(room.hostId)).emit('room:knock', { slug: room.slug, memberId: member.id, name });
				return { status: 'lobby' as const, room: access.room };
			}
			const settings = roomSettings();
			const decision = decideTopology({ mode: settings.videoMode, participants: room.participants.size + 1, sfuAvailable: !!media(), current: room.topology });
			if ('refused' in decision) throw forbidden('video.error.p2p_full');
			room.lobby.delete(member.id);
			const me: Participant = { peerId: socket.id, memberId: member.id, name, muted: input.muted ?? false, cameraOff: input.cameraOff ?? false, sharing: false };
			const others = [...room.participants.values()].map(publicParticipant);
			room.participants.set(socket.id, me);
			await socket.join(socketRoom(room.id));
			if (room.kind === 'direct') {
				// together in a direct call: both busy again (also when they come back after a hang-up)
				await Promise.all([...room.participants].map(([id, p]) => holdBusy(p.memberId, `room:${id}`)));
				await joinedDirectCall(room.slug, member.id);
			} else await holdBusy(member.id, `room:${socket.id}`);
			setTopology(room, decision.topology);
			scheduleReturn(room);
			socket.to(socketRoom(room.id)).emit('room:peer-joined', { slug: room.slug, peer: publicParticipant(me) });
			return {
				status: 'joined' as const,
				room: access.room,
				relation: access.relation,
				peerId: socket.id,
				participants: others,
				topology: room.topology,
				iceServers: iceServersFor(member.id, settings),
				lobby: access.relation === 'host' ? [...room.lobby.entries()].map(([memberId, e]) => ({ memberId, name: e.name })) : []
			};
		});

		register(ctx, 'room:leave', { schema: schemas.slug, limit: 'other' }, (input) => {
			const { room } = requireParticipant(socket.id, input.slug);
			removeParticipant(room, socket.id);
			return { left: true };
		});

		register(ctx, 'room:admit', { schema: schemas.lobby, limit: 'other' }, async (input) => {
			await assertHost(actor, input.slug);
			const room = [...liveRooms().values()].find((r) => r.slug === input.slug);
			const entry = room?.lobby.get(input.memberId);
			await admitToRoom(actor, input);
			if (room && entry) {
				room.lobby.delete(input.memberId);
				for (const id of entry.sockets) io.to(id).emit('room:admitted', { slug: input.slug });
			}
			return { admitted: true };
		});

		register(ctx, 'room:deny', { schema: schemas.lobby, limit: 'other' }, async (input) => {
			await assertHost(actor, input.slug);
			const room = [...liveRooms().values()].find((r) => r.slug === input.slug);
			const entry = room?.lobby.get(input.memberId);
			if (!room || !entry) throw forbidden('video.error.not_in_lobby');
			room.lobby.delete(input.memberId);
			for (const id of entry.sockets) io.to(id).emit('room:denied', { slug: input.slug });
			return { denied: true };
		});

		register(ctx, 'room:signal', { schema: schemas.signal, limit: 'signal' }, (input) => {
			const { room } = requireParticipant(socket.id, input.slug);
			if (!room.participants.has(input.to) || input.to === socket.id) throw forbidden('video.error.peer_gone');
			if (room.topology !== 'p2p' && input.description) throw forbidden('video.error.not_p2p');
			io.to(input.to).emit('room:signal', { slug: room.slug, from: socket.id, description: input.description, candidate: input.candidate ?? undefined });
			return {};
		});

		register(ctx, 'room:ice-restart', { schema: schemas.iceRestart, limit: 'other' }, (input) => {
			const { room } = requireParticipant(socket.id, input.slug);
			if (!room.participants.has(input.to) || input.to === socket.id) throw forbidden('video.error.peer_gone');
			io.to(input.to).emit('room:ice-restart', { slug: room.slug, from: socket.id });
			return {};
		});

		register(ctx, 'room:media', { schema: schemas.media, limit: 'other' }, (input) => {
			const { room, me } = requireParticipant(socket.id, input.slug);
			me.muted = input.muted;
			me.cameraOff = input.cameraOff;
			io.to(socketRoom(room.id)).emit('room:peer-updated', { slug: room.slug, peer: publicParticipant(me) });
			return {};
		});

		register(ctx, 'room:screen', { schema: schemas.screen, limit: 'other' }, (input) => {
			const { room, me } = requireParticipant(socket.id, input.slug);
			me.sharing = input.sharing;
			io.to(socketRoom(room.id)).emit('room:peer-updated', { slug: room.slug, peer: publicParticipant(me) });
			return {};
		});

		register(ctx, 'room:chat', { schema: schemas.chat, limit: 'message' }, async (input) => {
			const sent = await sendRoomMessage(actor, input);
			// the conversation may be new (created by the first message): tell the others in the call which one it is
			const room = [...liveRooms().values()].find((r) => r.slug === input.slug);
			if (room) socket.to(socketRoom(room.id)).emit('room:chat-message', { slug: room.slug, conversationId: sent.conversationId, message: sent.message });
			return sent;
		});
		register(ctx, 'room:chat-history', { schema: schemas.slug, limit: 'other' }, (input) => roomMessages(actor, input.slug));

		registerSfu(ctx, io);

		socket.on('disconnect', () => {
			for (const room of [...liveRooms().values()]) {
				removeParticipant(room, socket.id);
				for (const [memberId, entry] of room.lobby) {
					entry.sockets.delete(socket.id);
					if (entry.sockets.size === 0) room.lobby.delete(memberId);
				}
				if (room.participants.size === 0 && room.lobby.size === 0) liveRooms().delete(room.id);
			}
		});
	}

	return {
		attach,
		/** this node is leaving: its rooms' participants rejoin through another node */
		drain() {
			for (const room of liveRooms().values()) io.local.to(socketRoom(room.id)).emit('room:reconnect', { slug: room.slug });
		},
		close() {
			unsubscribeLost();
			for (const room of liveRooms().values()) if (room.returnTimer) clearTimeout(room.returnTimer);
			liveRooms().clear();
		}
	};
}
