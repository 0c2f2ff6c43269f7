// Domain events of presence, added to the bus's map (src/lib/server/events.ts) by declaration merging.
import type { PresenceStatus } from './registry.ts';

declare module '../events.ts' {
	interface DomainEventMap {
		/** a member's aggregated status changed: fanned out to the `presence:<id>` room only */
		'presence.changed': { memberId: string; status: PresenceStatus; availableForCalls: boolean };
		/** the reaper dropped a connection that stopped heartbeating: its transport should close it */
		'presence.connection_reaped': { memberId: string; connectionId: string };
		/** several nodes (REDIS_URL): another node died or stopped — its connections and holds are gone */
		'presence.node_gone': { nodeId: string };
	}
}

export {};
