import { forbidden } from '../../src/lib/server/errors.ts';
import type { LiveParticipant, LiveRoom } from '../../src/lib/server/rooms/index.ts';
import type { Role } from '../../src/lib/server/access/index.ts';

export type { LiveRoom };
export type Participant = LiveParticipant;

/**
 * The live rooms this node holds (in memory, like the sockets): the domain's aggregates
 * (src/lib/server/rooms/live-room.ts) by room id. With several nodes, only the rooms placed here.
 */
const KEY = Symbol.for('relais.rooms.live');
type Holder = { [KEY]?: Map<string, LiveRoom> };
export const liveRooms = (): Map<string, LiveRoom> => ((globalThis as Holder)[KEY] ??= new Map());
export const socketRoom = (roomId: string) => `room:${roomId}`;

export function findLiveRoom(roomSlug: string): LiveRoom | undefined {
	for (const room of liveRooms().values()) if (room.slug === roomSlug) return room;
	return undefined;
}

/** The caller must be in the room with this connection. */
export function requireParticipant(socketId: string, roomSlug: string): { room: LiveRoom; me: Participant } {
	const room = findLiveRoom(roomSlug);
	if (!room) throw forbidden('video.error.not_in_room');
	return { room, me: room.requireParticipant(socketId) };
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
