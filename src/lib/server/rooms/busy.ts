import { setInCall, sharedPresence } from '../presence/index.ts';

/**
 * A member is "busy / en appel" while any reason holds: ringing, or a connection in a room.
 * Reasons are counted so that leaving one room does not clear the busy state of another. One
 * process: in memory (the effect is immediate, the promise already settled). Several nodes
 * (REDIS_URL): the reasons live in Redis with the node that holds them, so a node's death
 * releases its holds (presence/redis-store.ts).
 */
const KEY = Symbol.for('relais.rooms.busy');
type Holder = { [KEY]?: Map<string, Set<string>> };

function reasons(): Map<string, Set<string>> {
	const holder = globalThis as Holder;
	return (holder[KEY] ??= new Map());
}

export async function holdBusy(memberId: string, reason: string): Promise<void> {
	const shared = sharedPresence();
	if (shared) return shared.hold(memberId, reason);
	const map = reasons();
	const set = map.get(memberId) ?? new Set<string>();
	const was = set.size > 0;
	set.add(reason);
	map.set(memberId, set);
	if (!was) setInCall(memberId, true);
}

export async function releaseBusy(memberId: string, reason: string): Promise<void> {
	const shared = sharedPresence();
	if (shared) return shared.release(memberId, reason);
	const map = reasons();
	const set = map.get(memberId);
	if (!set || !set.delete(reason)) return;
	if (set.size === 0) {
		map.delete(memberId);
		setInCall(memberId, false);
	}
}

export async function isBusy(memberId: string): Promise<boolean> {
	const shared = sharedPresence();
	if (shared) return shared.isBusy(memberId);
	return (reasons().get(memberId)?.size ?? 0) > 0;
}

/**
 * Both members busy for `reason`, atomically: when two callers ring the same provider at the same
 * instant, one gets 'ok' and the other 'provider_busy' (one Lua script in Redis; in memory, this
 * runs without an await in between).
 */
export async function holdBothBusy(callerId: string, providerId: string, reason: string): Promise<'ok' | 'provider_busy' | 'caller_busy'> {
	const shared = sharedPresence();
	if (shared) return shared.holdPair(callerId, providerId, reason);
	if ((reasons().get(providerId)?.size ?? 0) > 0) return 'provider_busy';
	if ((reasons().get(callerId)?.size ?? 0) > 0) return 'caller_busy';
	void holdBusy(callerId, reason);
	void holdBusy(providerId, reason);
	return 'ok';
}
