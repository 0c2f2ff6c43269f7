import type { LiveRedis } from '../live/index.ts';
import type { PresenceStatus } from './registry.ts';

/**
 * Presence shared by several nodes (REDIS_URL). Redis holds the truth, updated atomically by the
 * Lua scripts below; every node keeps a read mirror of the aggregated statuses (kept current by a
 * pub/sub channel), so that reads (`presenceOf`, the directory's "en ligne maintenant") stay
 * synchronous and cost no round trip.
 *
 *   relais:p:c:<connection>   "<member>|<node>|<idle 0/1>", expires after PRESENCE_STALE_SECONDS
 *                             unless the heartbeat refreshes it
 *   relais:p:m:<member>       set of the member's connections, on every node
 *   relais:p:n:<node>         hash connection → member: what a node held (cleaned when it dies)
 *   relais:p:b:<member>       hash reason → node: "busy" holds (ringing, in a room)
 *   relais:p:nb:<node>        set of "<member>\t<reason>" holds of a node (cleaned when it dies)
 *   relais:p:a:<member>       "1" when available for calls (the persisted switch, cached)
 *   relais:p:status           hash member → "<status>|<available 0/1>" (only members not offline)
 *   relais:p:alive:<node>     exists while the node lives (refreshed by its reaper tick)
 *   relais:p:nodes            set of nodes that registered
 *   relais:p:seq              change counter; channel relais:p:changed carries "<member>|<status>|<avail>|<seq>"
 */
export const PRESENCE_PREFIX = 'relais:p:';

const RECOMPUTE = `
local function recompute(P, m)
  local mk = P .. 'm:' .. m
  local conns = redis.call('SMEMBERS', mk)
  local n, active = 0, false
  for _, c in ipairs(conns) do
    local v = redis.call('GET', P .. 'c:' .. c)
    if v then
      n = n + 1
      if string.sub(v, -1) == '0' then active = true end
    else
      redis.call('SREM', mk, c)
    end
  end
  local busy = redis.call('HLEN', P .. 'b:' .. m) > 0
  local avail = redis.call('GET', P .. 'a:' .. m) == '1'
  local status
  if n == 0 then status = 'offline'
  elseif busy then status = 'busy'
  elseif not active then status = 'away'
  elseif avail then status = 'available'
  else status = 'online' end
  local value = status .. '|' .. (avail and '1' or '0')
  if n == 0 and not busy then redis.call('DEL', P .. 'a:' .. m) end
  local prev = redis.call('HGET', P .. 'status', m)
  if status == 'offline' then
    if not prev then return {status, avail and 1 or 0, 0} end
    redis.call('HDEL', P .. 'status', m)
  else
    if prev == value then return {status, avail and 1 or 0, 0} end
    redis.call('HSET', P .. 'status', m, value)
  end
  local seq = redis.call('INCR', P .. 'seq')
  redis.call('PUBLISH', P .. 'changed', m .. '|' .. value .. '|' .. seq)
  return {status, avail and 1 or 0, seq}
end
`;

const CLEANUP = `
local function cleanup(P, dead)
  local touched = {}
  local conns = redis.call('HGETALL', P .. 'n:' .. dead)
  for i = 1, #conns, 2 do
    redis.call('DEL', P .. 'c:' .. conns[i])
    redis.call('SREM', P .. 'm:' .. conns[i + 1], conns[i])
    touched[conns[i + 1]] = true
  end
  local holds = redis.call('SMEMBERS', P .. 'nb:' .. dead)
  for _, h in ipairs(holds) do
    local tab = string.find(h, '\\t', 1, true)
    local m = string.sub(h, 1, tab - 1)
    local r = string.sub(h, tab + 1)
    if redis.call('HGET', P .. 'b:' .. m, r) == dead then redis.call('HDEL', P .. 'b:' .. m, r) end
    touched[m] = true
  end
  redis.call('DEL', P .. 'n:' .. dead, P .. 'nb:' .. dead)
  redis.call('SREM', P .. 'nodes', dead)
  redis.call('PUBLISH', P .. 'node-gone', dead)
  local out = {}
  for m, _ in pairs(touched) do
    local r = recompute(P, m)
    table.insert(out, {m, r[1], r[2], r[3]})
  end
  return out
end
`;

const SCRIPTS = {
	// ARGV: P, node, connection, member, idle, ttlMs, avail ('0'/'1' sets it; '' keeps it), availIfMissing
	relaisPresenceUpsert: `${RECOMPUTE}
local P, node, conn, m = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
redis.call('SET', P .. 'c:' .. conn, m .. '|' .. node .. '|' .. ARGV[5], 'PX', ARGV[6])
redis.call('SADD', P .. 'm:' .. m, conn)
redis.call('HSET', P .. 'n:' .. node, conn, m)
if ARGV[7] ~= '' then redis.call('SET', P .. 'a:' .. m, ARGV[7])
else redis.call('SET', P .. 'a:' .. m, ARGV[8], 'NX') end
return recompute(P, m)`,
	// ARGV: P, node, connection, member
	relaisPresenceRemove: `${RECOMPUTE}
local P, node, conn, m = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
redis.call('DEL', P .. 'c:' .. conn)
redis.call('HDEL', P .. 'n:' .. node, conn)
redis.call('SREM', P .. 'm:' .. m, conn)
return recompute(P, m)`,
	// ARGV: P, member, avail
	relaisPresenceAvailable: `${RECOMPUTE}
local P, m = ARGV[1], ARGV[2]
redis.call('SET', P .. 'a:' .. m, ARGV[3])
return recompute(P, m)`,
	// ARGV: P, node, member, reason
	relaisPresenceHold: `${RECOMPUTE}
local P, node, m, r = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
redis.call('HSET', P .. 'b:' .. m, r, node)
redis.call('SADD', P .. 'nb:' .. node, m .. '\\t' .. r)
return recompute(P, m)`,
	// ARGV: P, member, reason
	relaisPresenceRelease: `${RECOMPUTE}
local P, m, r = ARGV[1], ARGV[2], ARGV[3]
local node = redis.call('HGET', P .. 'b:' .. m, r)
if not node then return false end
redis.call('HDEL', P .. 'b:' .. m, r)
redis.call('SREM', P .. 'nb:' .. node, m .. '\\t' .. r)
return recompute(P, m)`,
	// two holds at once, or none: the direct call's "one rings, the other is told busy".
	// ARGV: P, node, caller, provider, reason → {'provider_busy'} | {'caller_busy'} | {'ok', r1, r2}
	relaisPresenceHoldPair: `${RECOMPUTE}
local P, node, a, b, r = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
if redis.call('HLEN', P .. 'b:' .. b) > 0 then return {'provider_busy'} end
if redis.call('HLEN', P .. 'b:' .. a) > 0 then return {'caller_busy'} end
for _, m in ipairs({a, b}) do
  redis.call('HSET', P .. 'b:' .. m, r, node)
  redis.call('SADD', P .. 'nb:' .. node, m .. '\\t' .. r)
end
return {'ok', recompute(P, a), recompute(P, b)}`,
	// the reaper's tick: this node is alive; nodes whose alive key expired are cleaned.
	// ARGV: P, node, aliveTtlMs → list of {member, status, avail, seq} changed by cleanups, then dead nodes
	relaisPresenceNodes: `${RECOMPUTE}${CLEANUP}
local P, me = ARGV[1], ARGV[2]
redis.call('SET', P .. 'alive:' .. me, '1', 'PX', ARGV[3])
redis.call('SADD', P .. 'nodes', me)
local out, dead = {}, {}
for _, n in ipairs(redis.call('SMEMBERS', P .. 'nodes')) do
  if n ~= me and redis.call('EXISTS', P .. 'alive:' .. n) == 0 then
    table.insert(dead, n)
    for _, row in ipairs(cleanup(P, n)) do table.insert(out, row) end
  end
end
return {out, dead}`,
	// a node stopping cleanly: its connections and holds go at once. ARGV: P, node
	relaisPresenceLeave: `${RECOMPUTE}${CLEANUP}
redis.call('DEL', ARGV[1] .. 'alive:' .. ARGV[2])
return cleanup(ARGV[1], ARGV[2])`
} as const;

type ScriptName = keyof typeof SCRIPTS;
type Computed = [PresenceStatus, number, number];

export interface PresenceChange {
	memberId: string;
	status: PresenceStatus;
	availableForCalls: boolean;
}

interface LocalConnection {
	memberId: string;
	lastBeat: number;
	idle: boolean;
}

interface Mirrored {
	status: PresenceStatus;
	avail: boolean;
	seq: number;
	at: number;
}

export class RedisPresence {
	/** aggregated statuses of every member not offline, on every node (plus recent offline tombstones) */
	readonly mirror = new Map<string, Mirrored>();
	/** this node's connections (the local reaper drops those whose heartbeat stopped) */
	readonly local = new Map<string, LocalConnection>();
	private stops: (() => void)[] = [];

	constructor(
		readonly live: LiveRedis,
		private options: {
			staleMs: () => number;
			/** a change this node computed: the transport tells the watchers (once, through the adapter) */
			onChange: (change: PresenceChange) => void;
			/** a node died or left (every node hears it once): its rooms move */
			onNodeGone?: (nodeId: string) => void;
			log: (line: string) => void;
		}
	) {
		for (const [name, lua] of Object.entries(SCRIPTS)) live.client.defineCommand(name, { numberOfKeys: 0, lua });
	}

	get nodeId() {
		return this.live.nodeId;
	}

	private run(name: ScriptName, ...args: (string | number)[]): Promise<unknown> {
		return (this.live.client as unknown as Record<ScriptName, (...a: (string | number)[]) => Promise<unknown>>)[name](PRESENCE_PREFIX, ...args);
	}

	async start() {
		this.stops.push(
			this.live.subscribe(`${PRESENCE_PREFIX}changed`, (message) => {
				const [memberId, status, avail, seq] = message.split('|');
				if (memberId && status && seq) this.apply(memberId, status as PresenceStatus, avail === '1', Number(seq));
			}),
			this.live.subscribe(`${PRESENCE_PREFIX}node-gone`, (nodeId) => {
				if (nodeId !== this.nodeId) this.options.onNodeGone?.(nodeId);
			}),
			// Redis came back (maybe empty): our connections register again, the mirror reloads
			this.live.onReconnect(() => {
				void this.resync().catch((e: Error) => this.options.log(`presence resync failed: ${e.message}`));
			})
		);
		await this.reload();
	}

	stop() {
		this.stops.forEach((s) => s());
		this.stops = [];
	}

	private apply(memberId: string, status: PresenceStatus, avail: boolean, seq: number) {
		const current = this.mirror.get(memberId);
		if (current && current.seq >= seq) return;
		this.mirror.set(memberId, { status, avail, seq, at: Date.now() });
	}

	/** Applies a script's result here at once and tells the watchers when it changed something. */
	private computed(memberId: string, result: unknown): PresenceStatus {
		const [status, avail, seq] = result as Computed;
		if (seq > 0) {
			this.apply(memberId, status, avail === 1, seq);
			this.options.onChange({ memberId, status, availableForCalls: avail === 1 });
		}
		return status;
	}

	async reload() {
		const [[, statuses], [, seq]] = (await this.live.client.multi().hgetall(`${PRESENCE_PREFIX}status`).get(`${PRESENCE_PREFIX}seq`).exec()) as [[unknown, Record<string, string>], [unknown, string | null]];
		const at = Number(seq ?? 0);
		this.mirror.clear();
		for (const [memberId, value] of Object.entries(statuses)) {
			const [status, avail] = value.split('|');
			this.mirror.set(memberId, { status: status as PresenceStatus, avail: avail === '1', seq: at, at: Date.now() });
		}
	}

	private async resync() {
		for (const [connectionId, c] of this.local) await this.upsert(connectionId, c.memberId, c.idle, '');
		await this.reload();
	}

	private upsert(connectionId: string, memberId: string, idle: boolean, avail: '' | '0' | '1') {
		const known = this.mirror.get(memberId)?.avail ? '1' : '0';
		return this.run('relaisPresenceUpsert', this.nodeId, connectionId, memberId, idle ? '1' : '0', this.options.staleMs(), avail, known);
	}

	async connect(memberId: string, connectionId: string, availableForCalls: boolean): Promise<PresenceStatus> {
		this.local.set(connectionId, { memberId, lastBeat: Date.now(), idle: false });
		return this.computed(memberId, await this.upsert(connectionId, memberId, false, availableForCalls ? '1' : '0'));
	}

	async beat(connectionId: string, idle: boolean): Promise<PresenceStatus | null> {
		const c = this.local.get(connectionId);
		if (!c) return null;
		c.lastBeat = Date.now();
		c.idle = idle;
		return this.computed(c.memberId, await this.upsert(connectionId, c.memberId, idle, ''));
	}

	memberOf(connectionId: string): string | undefined {
		return this.local.get(connectionId)?.memberId;
	}

	connectionsOf(memberId: string): number {
		let n = 0;
		for (const c of this.local.values()) if (c.memberId === memberId) n++;
		return n;
	}

	async disconnect(connectionId: string): Promise<PresenceStatus | null> {
		const c = this.local.get(connectionId);
		if (!c) return null;
		this.local.delete(connectionId);
		return this.computed(c.memberId, await this.run('relaisPresenceRemove', this.nodeId, connectionId, c.memberId));
	}

	async setAvailable(memberId: string, available: boolean): Promise<PresenceStatus> {
		return this.computed(memberId, await this.run('relaisPresenceAvailable', memberId, available ? '1' : '0'));
	}

	async hold(memberId: string, reason: string): Promise<void> {
		this.computed(memberId, await this.run('relaisPresenceHold', this.nodeId, memberId, reason));
	}

	async release(memberId: string, reason: string): Promise<void> {
		const result = await this.run('relaisPresenceRelease', memberId, reason);
		if (result) this.computed(memberId, result);
	}

	/** Both busy at once, or neither (someone else got there first). */
	async holdPair(callerId: string, providerId: string, reason: string): Promise<'ok' | 'provider_busy' | 'caller_busy'> {
		const result = (await this.run('relaisPresenceHoldPair', this.nodeId, callerId, providerId, reason)) as [string, unknown?, unknown?];
		if (result[0] !== 'ok') return result[0] as 'provider_busy' | 'caller_busy';
		this.computed(callerId, result[1]);
		this.computed(providerId, result[2]);
		return 'ok';
	}

	async isBusy(memberId: string): Promise<boolean> {
		return (await this.live.client.hlen(`${PRESENCE_PREFIX}b:${memberId}`)) > 0;
	}

	/** The reaper's tick: marks this node alive and cleans the nodes that died (SIGKILL, power cut). */
	async tickNodes(aliveTtlMs: number): Promise<string[]> {
		const [rows, dead] = (await this.run('relaisPresenceNodes', this.nodeId, aliveTtlMs)) as [[string, PresenceStatus, number, number][], string[]];
		for (const [memberId, ...result] of rows) this.computed(memberId, result);
		// offline tombstones only guard against a late message; they need not stay
		const old = Date.now() - 60_000;
		for (const [id, m] of this.mirror) if (m.status === 'offline' && m.at < old) this.mirror.delete(id);
		return dead;
	}

	/** Clean stop: this node's connections and holds leave Redis now rather than after the TTL. */
	async leave(): Promise<void> {
		const rows = (await this.run('relaisPresenceLeave', this.nodeId)) as [string, PresenceStatus, number, number][];
		this.local.clear();
		for (const [memberId, ...result] of rows) this.computed(memberId, result);
	}

	status(memberId: string): PresenceStatus {
		return this.mirror.get(memberId)?.status ?? 'offline';
	}

	onlineIds(): string[] {
		const out: string[] = [];
		for (const [id, m] of this.mirror) if (m.status !== 'offline') out.push(id);
		return out;
	}
}
