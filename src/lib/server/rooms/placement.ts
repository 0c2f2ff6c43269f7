import type { LiveRedis } from '../live/index.ts';
import { PRESENCE_PREFIX } from '../presence/redis-store.ts';

/**
 * Which node holds each live room (several nodes, REDIS_URL) — the one door through which a room
 * gets a node. In Redis:
 *
 *   relais:rooms:owner:<slug>  the owning node; expires unless its owner refreshes it (every 2 s)
 *   relais:rooms:by:<node>     the rooms a node owns (read when it dies)
 *   relais:rooms:load          node → live rooms it owns (every node, for the operator)
 *   relais:rooms:sfu           node → load, only nodes running the SFU (mediasoup workers): the
 *                              live participants of the rooms it owns, refreshed with its room
 *                              heartbeat, +1 for each room placed on it meanwhile
 *
 * A room keeps its owner while the owner lives — its node heartbeat `relais:p:alive:<node>`
 * (presence, every few seconds) exists. A new room, or one whose owner's heartbeat expired, is
 * placed on the least loaded live SFU node; with none, on the node asking (peer-to-peer rooms
 * can live anywhere). Without REDIS_URL there is no placement: every room is in the process.
 */
const OWNER = 'relais:rooms:owner:';
const BY = 'relais:rooms:by:';
const LOAD = 'relais:rooms:load';
const SFU = 'relais:rooms:sfu';
const ALIVE = `${PRESENCE_PREFIX}alive:`;
export const ROOM_OWNER_TTL_MS = 30_000;

// ARGV: me, ttlMs, slug, excluded nodes ("\n"-separated)
const PLACE = `local me, slug = ARGV[1], ARGV[3]
local excluded = {}
for n in string.gmatch(ARGV[4], '[^\\n]+') do excluded[n] = true end
local function alive(n) return n == me or redis.call('EXISTS', '${ALIVE}' .. n) == 1 end
local o = redis.call('GET', KEYS[1])
if o and not excluded[o] and alive(o) then return o end
local best, bestLoad = nil, nil
local loads = redis.call('HGETALL', '${SFU}')
for i = 1, #loads, 2 do
  local n, l = loads[i], tonumber(loads[i + 1])
  if not excluded[n] then
    if alive(n) then
      if best == nil or l < bestLoad or (l == bestLoad and n < best) then best, bestLoad = n, l end
    else
      redis.call('HDEL', '${SFU}', n)
    end
  end
end
if not best then best = me end
if o and o ~= best then redis.call('SREM', '${BY}' .. o, slug) end
redis.call('SET', KEYS[1], best, 'PX', ARGV[2])
redis.call('SADD', '${BY}' .. best, slug)
if bestLoad then redis.call('HINCRBY', '${SFU}', best, 1) end
return best`;

// ARGV: ttlMs → the owner if it lives, else nothing
const OWNER_OF = `local o = redis.call('GET', KEYS[1])
if not o then return false end
if o == ARGV[1] or redis.call('EXISTS', '${ALIVE}' .. o) == 1 then return o end
return false`;
const RELEASE_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
// the owner keeps its rooms, and takes them back when Redis lost the keys (restarted). ARGV: me, ttlMs, slug
const REFRESH = `local o = redis.call('GET', KEYS[1])
if o and o ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SADD', '${BY}' .. ARGV[1], ARGV[3])
return 1`;

export interface NodeLoad {
	/** this node runs the SFU (mediasoup workers): rooms may be placed on it */
	sfu: boolean;
	/** the rooms it owns now, by slug */
	slugs: string[];
	/** live participants in them */
	participants: number;
}

export type RoomPlacement = ReturnType<typeof createRoomPlacement>;

export function createRoomPlacement(live: LiveRedis, options: { ownerTtlMs?: number } = {}) {
	const me = live.nodeId;
	const r = live.client;
	const ttl = options.ownerTtlMs ?? ROOM_OWNER_TTL_MS;
	return {
		nodeId: me,
		/**
		 * The node that holds the room: its living owner, else the least loaded live SFU node (or
		 * this one when none runs the SFU), recorded as the new owner. `exclude`: nodes known not
		 * to answer (their heartbeat may not have expired yet).
		 */
		async placeRoom(slug: string, exclude: string[] = []): Promise<string> {
			return (await r.eval(PLACE, 1, `${OWNER}${slug}`, me, ttl, slug, exclude.join('\n'))) as string;
		},
		/** The living owner of a room, or null (nobody holds it, or its owner's heartbeat expired). */
		async ownerOf(slug: string): Promise<string | null> {
			return ((await r.eval(OWNER_OF, 1, `${OWNER}${slug}`, me)) as string | null) ?? null;
		},
		/** `owner` did not answer: the room is free (if it is still its). */
		async release(slug: string, owner: string) {
			await r.eval(RELEASE_IF, 1, `${OWNER}${slug}`, owner);
		},
		/** The owner's heartbeat: its rooms stay its, and its load (and whether it runs the SFU) is known. */
		async refresh(load: NodeLoad) {
			const pipeline = r.pipeline();
			for (const slug of load.slugs) pipeline.eval(REFRESH, 1, `${OWNER}${slug}`, me, ttl, slug);
			pipeline.pexpire(`${BY}${me}`, ttl * 2).hset(LOAD, me, load.slugs.length);
			if (load.sfu) pipeline.hset(SFU, me, load.participants);
			else pipeline.hdel(SFU, me);
			await pipeline.exec();
		},
		/** A node died or left: the rooms it owned are free again; returns their slugs. */
		async forgetNode(nodeId: string): Promise<string[]> {
			const slugs = await r.smembers(`${BY}${nodeId}`);
			const pipeline = r.pipeline();
			for (const slug of slugs) pipeline.eval(RELEASE_IF, 1, `${OWNER}${slug}`, nodeId);
			pipeline.pexpire(`${BY}${nodeId}`, 60_000).hdel(LOAD, nodeId).hdel(SFU, nodeId);
			await pipeline.exec();
			return slugs;
		},
		/** What the operator (and the tests) read: each SFU node's load. */
		async sfuLoads(): Promise<Record<string, number>> {
			const raw = await r.hgetall(SFU);
			return Object.fromEntries(Object.entries(raw).map(([n, l]) => [n, Number(l)]));
		}
	};
}
