import { setInCall } from '../presence/index.ts';

/**
 * A member is "busy / en appel" while any reason holds: ringing, or a connection in a room.
 * Reasons are counted so that leaving one room does not clear the busy state of another.
 */
const KEY = Symbol.for('relais.rooms.busy');
type Holder = { [KEY]?: Map<string, Set<string>> };

function reasons(): Map<string, Set<string>> {
	const holder = globalThis as Holder;
	return (holder[KEY] ??= new Map());
}

export function holdBusy(memberId: string, reason: string) {
	const map = reasons();
	const set = map.get(memberId) ?? new Set<string>();
	const was = set.size > 0;
	set.add(reason);
	map.set(memberId, set);
	if (!was) setInCall(memberId, true);
}

export function releaseBusy(memberId: string, reason: string) {
	const map = reasons();
	const set = map.get(memberId);
	if (!set || !set.delete(reason)) return;
	if (set.size === 0) {
		map.delete(memberId);
		setInCall(memberId, false);
	}
}

export function isBusy(memberId: string): boolean {
	return (reasons().get(memberId)?.size ?? 0) > 0;
}
