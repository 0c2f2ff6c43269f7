import type { MediaBackend } from '../../src/lib/server/rooms/index.ts';
import { currentMedia, type MediaService } from './workers.ts';

/**
 * The two media backends of a live room (src/lib/server/rooms/live-room.ts): peer-to-peer — the
 * browsers send each other their media, this node only relays the signalling — and mediasoup, when
 * this node runs the SFU (RELAIS_ROLE all or sfu, and a worker binary).
 */
export const peerToPeer: MediaBackend = {
	kind: 'p2p',
	sfuAvailable: () => false,
	removePeer: async () => {},
	closeRoom: async () => {}
};

export function mediasoupBackend(service: MediaService): MediaBackend {
	return {
		kind: 'sfu',
		// a dead worker is replaced and its rooms recreated on a live one (workers.ts)
		sfuAvailable: () => true,
		async removePeer(roomId, peerId) {
			const room = await service.existingRoom(roomId)?.catch(() => null);
			room?.removePeer(peerId);
		},
		closeRoom: (roomId) => service.closeRoom(roomId)
	};
}

/** This node's backend now: mediasoup while the SFU runs, else peer-to-peer. */
export function currentMediaBackend(): MediaBackend {
	const service = currentMedia();
	return service ? mediasoupBackend(service) : peerToPeer;
}
