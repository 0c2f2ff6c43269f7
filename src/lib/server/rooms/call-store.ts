import { liveRedis, type LiveRedis } from '../live/index.ts';
import { transition, type Call, type CallEvent } from './call-machine.ts';

/**
 * Where ringing and just-accepted direct calls live: this process's memory, or Redis when
 * several nodes share the work (REDIS_URL) — the provider may answer from a tab connected to
 * another node than the caller's. A call lives seconds: keys expire on their own.
 */
export interface StoredCall {
	call: Call;
	providerSlug: string;
	providerName: string;
}

export type Settled = { ok: true; entry: StoredCall; call: Call } | { ok: false; reason: 'not_found' | 'not_ringing' | 'not_allowed' };

export interface CallStore {
	put(entry: StoredCall, ttlMs: number): Promise<void>;
	/** the call's transition from ringing (call-machine.ts), applied once: a second settle fails */
	settle(callId: string, event: CallEvent): Promise<Settled>;
	/** ids of calls `callerId` is ringing */
	ringingBy(callerId: string): Promise<string[]>;
	putAccepted(slug: string, call: Call, ttlMs: number): Promise<void>;
	getAccepted(slug: string): Promise<Call | null>;
	/** removes and returns the accepted call (once) */
	takeAccepted(slug: string): Promise<Call | null>;
	reset(): void;
}

class MemoryCalls implements CallStore {
	calls = new Map<string, StoredCall>();
	accepted = new Map<string, Call>();
	async put(entry: StoredCall) {
		this.calls.set(entry.call.id, entry);
	}
	async settle(callId: string, event: CallEvent): Promise<Settled> {
		const entry = this.calls.get(callId);
		if (!entry) return { ok: false, reason: 'not_found' };
		const result = transition(entry.call, event);
		if (!result.ok) return result;
		this.calls.delete(callId);
		return { ok: true, entry, call: result.call };
	}
	async ringingBy(callerId: string) {
		return [...this.calls.values()].filter((e) => e.call.callerId === callerId && e.call.state === 'ringing').map((e) => e.call.id);
	}
	async putAccepted(slug: string, call: Call) {
		this.accepted.set(slug, call);
	}
	async getAccepted(slug: string) {
		return this.accepted.get(slug) ?? null;
	}
	async takeAccepted(slug: string) {
		const call = this.accepted.get(slug) ?? null;
		this.accepted.delete(slug);
		return call;
	}
	reset() {
		this.calls.clear();
		this.accepted.clear();
	}
}

const P = 'relais:call:';
// deletes the call only if it is still the one read (same JSON): the first settle wins
const COMPARE_AND_DELETE = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]); redis.call('SREM', KEYS[2], ARGV[2]); return 1 end return 0`;

class RedisCalls implements CallStore {
	constructor(private live: LiveRedis) {}
	private get r() {
		return this.live.client;
	}
	async put(entry: StoredCall, ttlMs: number) {
		await this.r.multi().set(`${P}${entry.call.id}`, JSON.stringify(entry), 'PX', ttlMs).sadd(`${P}by:${entry.call.callerId}`, entry.call.id).pexpire(`${P}by:${entry.call.callerId}`, ttlMs).exec();
	}
	async settle(callId: string, event: CallEvent): Promise<Settled> {
		const raw = await this.r.get(`${P}${callId}`);
		if (!raw) return { ok: false, reason: 'not_found' };
		const entry = JSON.parse(raw) as StoredCall;
		const result = transition(entry.call, event);
		if (!result.ok) return result;
		const won = await this.r.eval(COMPARE_AND_DELETE, 2, `${P}${callId}`, `${P}by:${entry.call.callerId}`, raw, callId);
		if (won !== 1) return { ok: false, reason: 'not_ringing' };
		return { ok: true, entry, call: result.call };
	}
	async ringingBy(callerId: string) {
		return this.r.smembers(`${P}by:${callerId}`);
	}
	async putAccepted(slug: string, call: Call, ttlMs: number) {
		await this.r.set(`${P}accepted:${slug}`, JSON.stringify(call), 'PX', ttlMs);
	}
	async getAccepted(slug: string) {
		const raw = await this.r.get(`${P}accepted:${slug}`);
		return raw ? (JSON.parse(raw) as Call) : null;
	}
	async takeAccepted(slug: string) {
		const raw = await this.r.getdel(`${P}accepted:${slug}`);
		return raw ? (JSON.parse(raw) as Call) : null;
	}
	reset() {}
}

const KEY = Symbol.for('relais.rooms.callStore');
type Holder = { [KEY]?: { store: CallStore; live: LiveRedis | null } };

/** The store matching this process's set-up (follows REDIS_URL being connected or not). */
export function callStore(): CallStore {
	const holder = globalThis as Holder;
	const live = liveRedis();
	if (!holder[KEY] || holder[KEY].live !== live) holder[KEY] = { store: live ? new RedisCalls(live) : new MemoryCalls(), live };
	return holder[KEY].store;
}
