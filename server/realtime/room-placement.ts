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
		/**
		 * Runs `local` when this node holds (or was just given) the room, else asks its holder;
		 * answers with the node that ran it.
		 */
		async run(slug: string, event: string, caller: unknown, input: unknown, local: () => Promise<unknown>): Promise<{ node: string; result: unknown }> {
			const here = async () => ({ node: me, result: await local() });
			const there = async (node: string) => ({ node, result: await rpc.call(node, event, caller, input) });
			const owner = event === 'room:join' ? await placement.placeRoom(slug) : await placement.ownerOf(slug);
			if (owner === null || owner === me) return here();
			try {
				return await there(owner);
			} catch (error) {
				if (!(error instanceof RpcTimeout)) throw error;
				await placement.release(slug, owner);
				if (event !== 'room:join') return here();
				const next = await placement.placeRoom(slug, [owner]);
				return next === me ? here() : there(next);
			}
		},
		refresh: (load: NodeLoad) => placement.refresh(load),
		forgetNode: (nodeId: string) => placement.forgetNode(nodeId),
		close() {
			rpc.close();
		}
	};
}
