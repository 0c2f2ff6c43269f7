import type { RoomKind, Topology } from '../../src/lib/server/rooms/index.ts';
import { forbidden } from '../../src/lib/server/errors.ts';
import type { Role } from '../../src/lib/server/access/index.ts';

/** Who is in each video room right now, on this node (in memory, like the sockets). */
export interface Participant {
	peerId: string;
	/** the node holding this participant's connection (several nodes: REDIS_URL) */
	node: string;
	memberId: string;
	name: string;
	muted: boolean;
	cameraOff: boolean;
	sharing: boolean;
}

export interface LiveRoom {
	id: string;
	slug: string;
	kind: RoomKind;
	hostId: string;
	participants: Map<string, Participant>;
	lobby: Map<string, { name: string; sockets: Set<string> }>;
	topology: Topology;
	twoSince: number | null;
	returnTimer: ReturnType<typeof setTimeout> | null;
}

const KEY = Symbol.for('relais.rooms.live');
type Holder = { [KEY]?: Map<string, LiveRoom> };
export const liveRooms = () => ((globalThis as Holder)[KEY] ??= new Map());
export const socketRoom = (roomId: string) => `room:${roomId}`;

/** The caller must be in the room with this connection. */
export function requireParticipant(socketId: string, roomSlug: string): { room: LiveRoom; me: Participant } {
	for (const room of liveRooms().values()) {
		if (room.slug !== roomSlug) continue;
		const me = room.participants.get(socketId);
		if (me) return { room, me };
	}
	throw forbidden('video.error.not_in_room');
}


/**
 * Who acts in a room: a connection (socket id, the node it is connected to) and its member. With
 * several nodes the room's owner receives it from the member's node (room-rpc.ts).
 */
export interface RoomCaller {
	socketId: string;
	node: string;
	member: { id: string; firstName: string; lastName: string; roles: readonly Role[] };
}
