/**
 * Live connections of this process, by member. In memory on purpose: presence is the hottest path
 * (every tab, every heartbeat) and dies with the process anyway. A multi-node deployment swaps this
 * for a shared store with the same interface. Connection ids are opaque (the transport's socket ids).
 */
export type PresenceStatus = 'available' | 'online' | 'away' | 'busy' | 'offline';

export interface Connection {
	id: string;
	memberId: string;
	lastBeat: number;
	idle: boolean;
}

interface MemberPresence {
	connections: Map<string, Connection>;
	availableForCalls: boolean;
	inCall: boolean;
	status: PresenceStatus;
	lastSeenWrite: number;
}

export class PresenceRegistry {
	readonly members = new Map<string, MemberPresence>();
	readonly connections = new Map<string, Connection>();

	state(memberId: string): MemberPresence | undefined {
		return this.members.get(memberId);
	}

	ensure(memberId: string, availableForCalls: boolean): MemberPresence {
		let state = this.members.get(memberId);
		if (!state) {
			state = { connections: new Map(), availableForCalls, inCall: false, status: 'offline', lastSeenWrite: 0 };
			this.members.set(memberId, state);
		}
		return state;
	}

	/** What others see, computed from every connection of the member. */
	compute(memberId: string): PresenceStatus {
		const state = this.members.get(memberId);
		if (!state || state.connections.size === 0) return 'offline';
		if (state.inCall) return 'busy';
		let active = false;
		for (const c of state.connections.values()) if (!c.idle) active = true;
		if (!active) return 'away';
		return state.availableForCalls ? 'available' : 'online';
	}

	status(memberId: string): PresenceStatus {
		return this.members.get(memberId)?.status ?? 'offline';
	}

	/** Drops the member's entry once nothing needs remembering. */
	forgetIfEmpty(memberId: string) {
		const state = this.members.get(memberId);
		if (state && state.connections.size === 0 && !state.inCall) this.members.delete(memberId);
	}
}

const KEY = Symbol.for('relais.presence.registry');
type Holder = { [KEY]?: PresenceRegistry };

/** One registry per process, shared by the socket layer and the SvelteKit bundle (like context()). */
export function registry(): PresenceRegistry {
	const holder = globalThis as Holder;
	return (holder[KEY] ??= new PresenceRegistry());
}

/** Tests: start from nothing. */
export function resetPresenceRegistry() {
	(globalThis as Holder)[KEY] = new PresenceRegistry();
}
