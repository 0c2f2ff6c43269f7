import { context } from '../context.ts';
import type { LiveRedis } from '../live/index.ts';
import { presenceSettings } from './settings.ts';
import { RedisPresence } from './redis-store.ts';

/**
 * Which presence store this process uses: the in-memory registry (registry.ts, one process) or
 * Redis (redis-store.ts, several nodes) once server/index.ts started it with REDIS_URL.
 */
const KEY = Symbol.for('relais.presence.shared');
type Holder = { [KEY]?: RedisPresence | null };

export function sharedPresence(): RedisPresence | null {
	return (globalThis as Holder)[KEY] ?? null;
}

export async function startSharedPresence(live: LiveRedis, log: (line: string) => void = () => {}): Promise<RedisPresence> {
	const store = new RedisPresence(live, {
		staleMs: () => presenceSettings().staleMs,
		onChange: (change) => context().events.emit('presence.changed', change),
		onNodeGone: (nodeId) => context().events.emit('presence.node_gone', { nodeId }),
		log
	});
	await store.start();
	await store.tickNodes(nodeTtlMs());
	(globalThis as Holder)[KEY] = store;
	return store;
}

/** Stops using Redis for presence (clean shutdown: this node's connections leave at once). */
export async function stopSharedPresence(options: { leave?: boolean } = {}) {
	const store = sharedPresence();
	if (!store) return;
	(globalThis as Holder)[KEY] = null;
	if (options.leave !== false) await store.leave().catch(() => {});
	store.stop();
}

/**
 * A node is declared dead when it has not said "alive" for this long (at most the presence TTL, at
 * most 10 s): its connections, busy holds and rooms move then. Nodes say it every third of it.
 */
export function nodeTtlMs(): number {
	return Math.min(10_000, presenceSettings().staleMs);
}

/** The node's heartbeat in Redis, which also cleans the nodes that died (server/realtime/io.ts runs it). */
export async function tickNode(): Promise<string[]> {
	return (await sharedPresence()?.tickNodes(nodeTtlMs())) ?? [];
}
