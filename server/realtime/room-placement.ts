import type { LiveRedis } from '../../src/lib/server/live/index.ts';
import { createRoomPlacement, type NodeLoad } from '../../src/lib/server/rooms/index.ts';
import { createRoomRpc, RpcTimeout, type RpcRequest } from './room-rpc.ts';

/**
 * Room events with several nodes (REDIS_URL): run on the node holding the room. A join asks the
 * placement (src/lib/server/rooms/placement.ts: the living owner, else the least loaded SFU node,
 * else this node); any other event goes to the living owner, or runs here when nobody holds the
 * room (it then answers "not in this room"). The event of a member connected elsewhere is
 * forwarded over Redis (room-rpc.ts); an owner that does not answer (dead, its heartbeat not yet
 * expired) loses the room, which is placed again without it.
 */
export function createRoomRouter(live: LiveRedis, handle: (request: RpcRequest) => Promise<unknown>) {
	const me = live.nodeId;
	const placement = createRoomPlacement(live);
	const rpc = createRoomRpc(live, handle);

	return {
		placement,
		/** runs `local` when this node holds (or was just given) the room, else asks its holder */
		async run(slug: string, event: string, caller: unknown, input: unknown, local: () => Promise<unknown>): Promise<unknown> {
			const owner = event === 'room:join' ? await placement.placeRoom(slug) : await placement.ownerOf(slug);
			if (owner === null || owner === me) return local();
			try {
				return await rpc.call(owner, event, caller, input);
			} catch (error) {
				if (!(error instanceof RpcTimeout)) throw error;
				await placement.release(slug, owner);
				if (event !== 'room:join') return local();
				const next = await placement.placeRoom(slug, [owner]);
				return next === me ? local() : rpc.call(next, event, caller, input);
			}
		},
		refresh: (load: NodeLoad) => placement.refresh(load),
		forgetNode: (nodeId: string) => placement.forgetNode(nodeId),
		close() {
			rpc.close();
		}
	};
}
