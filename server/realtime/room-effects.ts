import type { Server } from 'socket.io';
import { hangUpDirectCall, holdBusy, joinedDirectCall, releaseBusy, roomSettings, type LiveRoom, type LiveRoomClock, type LiveRoomEffect } from '../../src/lib/server/rooms/index.ts';
import { currentMediaBackend } from '../media/backend.ts';
import { memberRoom } from './chat.ts';
import { liveRooms, socketRoom } from './room-state.ts';

/**
 * What a live room decided (src/lib/server/rooms/live-room.ts), carried out on this node: the
 * socket.io emits and room memberships (which reach every node through the adapter), busy holds
 * and the direct call's hang-up (rooms domain), the media backend (peer-to-peer or mediasoup) and
 * the one timer per room of the return to peer-to-peer. The room gets the clock and settings.
 */
export function roomEffects(io: Server) {
	const backend = () => currentMediaBackend();
	/** rooms on the SFU with two or fewer left: when to check for the return to P2P */
	const checks = new Map<string, NodeJS.Timeout>();
	const clock = (): LiveRoomClock => {
		const settings = roomSettings();
		return { now: Date.now(), mode: settings.videoMode, p2pReturnMs: settings.p2pReturnMs, sfuAvailable: backend().sfuAvailable() };
	};

	function stopCheck(roomId: string) {
		const timer = checks.get(roomId);
		if (timer) clearTimeout(timer);
		checks.delete(roomId);
	}

	function checkAt(room: LiveRoom, at: number) {
		stopCheck(room.id);
		const timer = setTimeout(() => {
			checks.delete(room.id);
			if (liveRooms().get(room.id) !== room) return;
			// a timer may fire a millisecond early: the room then asks for another check
			void carryOut(room, room.tick(clock())).catch((e: Error) => console.error(`[rooms] return to P2P failed: ${e.message}`));
		}, Math.max(1, at - Date.now()));
		timer.unref?.();
		checks.set(room.id, timer);
	}

	/** What the room decided, done: in order, awaiting the holds a join needs. */
	async function carryOut(room: LiveRoom, effects: LiveRoomEffect[]) {
		const failed = (e: Error) => console.error(`[rooms] busy release failed: ${e.message}`);
		const everyone = () => io.to(socketRoom(room.id));
		const slug = room.slug;
		for (const e of effects) {
			switch (e.type) {
				case 'enter':
					io.in(e.peerId).socketsJoin(socketRoom(room.id));
					break;
				case 'exit':
					io.in(e.peerId).socketsLeave(socketRoom(room.id));
					break;
				case 'hold-busy':
					await holdBusy(e.memberId, e.reason);
					break;
				case 'release-busy':
					releaseBusy(e.memberId, e.reason).catch(failed);
					break;
				case 'direct-joined':
					await joinedDirectCall(slug, e.memberId);
					break;
				case 'direct-hung-up':
					hangUpDirectCall(slug).catch(failed);
					break;
				case 'peer-joined':
					everyone().except(e.except).emit('room:peer-joined', { slug, peer: e.peer });
					break;
				case 'peer-left':
					everyone().emit('room:peer-left', { slug, peerId: e.peerId, memberId: e.memberId });
					break;
				case 'peer-updated':
					everyone().emit('room:peer-updated', { slug, peer: e.peer });
					break;
				case 'topology':
					everyone().emit('room:topology', { slug, topology: e.topology });
					break;
				case 'knock':
					io.to(memberRoom(e.hostId)).emit('room:knock', { slug, memberId: e.memberId, name: e.name });
					break;
				case 'admitted':
				case 'denied':
					for (const id of e.connections) io.to(id).emit(`room:${e.type}`, { slug });
					break;
				case 'signal':
					io.to(e.to).emit('room:signal', { slug, from: e.from, description: e.description, candidate: e.candidate });
					break;
				case 'ice-restart':
					io.to(e.to).emit('room:ice-restart', { slug, from: e.from });
					break;
				case 'media-remove-peer':
					void backend().removePeer(room.id, e.peerId).catch(() => {});
					break;
				case 'media-close':
					void backend().closeRoom(room.id).catch(() => {});
					break;
				case 'check-at':
					checkAt(room, e.at);
					break;
				case 'no-check':
					stopCheck(room.id);
					break;
				case 'closed':
					stopCheck(room.id);
					if (liveRooms().get(room.id) === room) liveRooms().delete(room.id);
					void backend().closeRoom(room.id).catch(() => {});
					break;
			}
		}
	}

	return {
		backend,
		clock,
		carryOut,
		/** the node stops: no more checks */
		stop() {
			for (const id of [...checks.keys()]) stopCheck(id);
		}
	};
}
