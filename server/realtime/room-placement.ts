import type { LiveRedis } from '../../src/lib/server/live/index.ts';
import { createRoomRpc, RpcTimeout, type RpcRequest } from './room-rpc.ts';

/**
 * Which node owns each live room (several nodes, REDIS_URL): `relais:rooms:owner:<slug>` → node,
 * claimed atomically by the first node that needs the room, refreshed by its owner while the room
 * lives, and the set `relais:rooms:by:<node>` of the rooms a node owns (read when it dies);
 * `relais:rooms:load` counts each node's live rooms. An event for a room owned elsewhere is
 * forwarded to the owner; an owner that does not answer (dead, not yet declared) loses the room
 * to the asking node.
 */
const OWNER = 'relais:rooms:owner:';
const BY = 'relais:rooms:by:';
const OWNER_TTL_MS = 30_000;

const CLAIM = `local o = redis.call('GET', KEYS[1])
if o then return o end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
return ARGV[1]`;
const RELEASE_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const REFRESH = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export function createRoomPlacement(live: LiveRedis, handle: (request: RpcRequest) => Promise<unknown>) {
	const me = live.nodeId;
	const r = live.client;
	const rpc = createRoomRpc(live, handle);
	const claim = async (slug: string) => (await r.eval(CLAIM, 2, `${OWNER}${slug}`, `${BY}${me}`, me, OWNER_TTL_MS, slug)) as string;

	return {
		/** runs `local` when this node owns (or just claimed) the room, else asks the owner */
		async run(slug: string, event: string, caller: unknown, input: unknown, local: () => Promise<unknown>): Promise<unknown> {
			const owner = await claim(slug);
			if (owner === me) return local();
			try {
				return await rpc.call(owner, event, caller, input);
			} catch (error) {
				if (!(error instanceof RpcTimeout)) throw error;
				await r.eval(RELEASE_IF, 1, `${OWNER}${slug}`, owner);
				const next = await claim(slug);
				return next === me ? local() : rpc.call(next, event, caller, input);
			}
		},
		/** the owner's heartbeat for its live rooms */
		async refresh(slugs: string[]) {
			const pipeline = r.pipeline();
			for (const slug of slugs) pipeline.eval(REFRESH, 1, `${OWNER}${slug}`, me, OWNER_TTL_MS);
			pipeline.pexpire(`${BY}${me}`, OWNER_TTL_MS * 2).hset('relais:rooms:load', me, slugs.length);
			await pipeline.exec();
		},
		/** a node died: the rooms it owned are free again; returns their slugs */
		async forgetNode(nodeId: string): Promise<string[]> {
			const slugs = await r.smembers(`${BY}${nodeId}`);
			const pipeline = r.pipeline();
			for (const slug of slugs) pipeline.eval(RELEASE_IF, 1, `${OWNER}${slug}`, nodeId);
			pipeline.pexpire(`${BY}${nodeId}`, 60_000).hdel('relais:rooms:load', nodeId);
			await pipeline.exec();
			return slugs;
		},
		close() {
			rpc.close();
		}
	};
}
