import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';

/**
 * The Redis shared by every node, when REDIS_URL is set (null otherwise: one process, memory).
 * One command connection and one subscriber connection per process, on globalThis like
 * context(): the socket layer and the SvelteKit bundle see the same ones. Commands issued while
 * Redis restarts wait in ioredis's queue and run once it is back.
 */
export interface LiveRedis {
	url: string;
	/** this process's name in Redis keys (presence per node, holds per node) */
	nodeId: string;
	client: Redis;
	/** subscribe to a channel; returns the unsubscribe */
	subscribe(channel: string, listener: (message: string) => void): () => void;
	/** called again each time the subscriber reconnects (Redis restarted: caches reload) */
	onReconnect(listener: () => void): () => void;
	close(): Promise<void>;
}

export const KEY_PREFIX = 'relais:';

const KEY = Symbol.for('relais.live.redis');
type Holder = { [KEY]?: LiveRedis | null };

export function liveRedis(): LiveRedis | null {
	return (globalThis as Holder)[KEY] ?? null;
}

export function newNodeId(): string {
	return `${hostname().replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 30) || 'node'}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

function clientOptions() {
	return {
		// a request waits for a reconnection rather than failing at once (Redis restarting)
		maxRetriesPerRequest: 40,
		retryStrategy: (times: number) => Math.min(50 * times, 1000),
		connectTimeout: 5000,
		enableReadyCheck: true
	};
}

/** Opens the connections (waits until Redis answers) and makes them the process's. */
export async function connectLiveRedis(url: string, options: { nodeId?: string | null; log?: (line: string) => void } = {}): Promise<LiveRedis> {
	const log = options.log ?? (() => {});
	const client = new Redis(url, { ...clientOptions(), lazyConnect: true });
	const sub = new Redis(url, { ...clientOptions(), lazyConnect: true });
	const listeners = new Map<string, Set<(message: string) => void>>();
	const reconnectListeners = new Set<() => void>();
	let closing = false;
	client.on('error', (error: Error) => {
		if (!closing) log(`redis: ${error.message}`);
	});
	sub.on('error', () => {});
	await client.connect();
	await sub.connect();
	// attached after the first connection: every later 'ready' follows a lost connection
	sub.on('ready', () => {
		log('redis: reconnected');
		for (const listener of reconnectListeners) listener();
	});
	sub.on('message', (channel: string, message: string) => {
		for (const listener of listeners.get(channel) ?? []) listener(message);
	});
	const live: LiveRedis = {
		url,
		nodeId: options.nodeId ?? newNodeId(),
		client,
		subscribe(channel, listener) {
			let set = listeners.get(channel);
			if (!set) {
				listeners.set(channel, (set = new Set()));
				void sub.subscribe(channel).catch((e: Error) => log(`redis subscribe ${channel}: ${e.message}`));
			}
			set.add(listener);
			return () => {
				set.delete(listener);
				if (set.size === 0) {
					listeners.delete(channel);
					void sub.unsubscribe(channel).catch(() => {});
				}
			};
		},
		onReconnect(listener) {
			reconnectListeners.add(listener);
			return () => reconnectListeners.delete(listener);
		},
		async close() {
			closing = true;
			if (liveRedis() === live) (globalThis as Holder)[KEY] = null;
			await Promise.allSettled([client.quit(), sub.quit()]);
			client.disconnect();
			sub.disconnect();
		}
	};
	(globalThis as Holder)[KEY] = live;
	return live;
}

/** Does Redis answer within the time-out? (readiness) */
export async function redisAnswers(live: LiveRedis, timeoutMs: number): Promise<boolean> {
	if (live.client.status !== 'ready') return false;
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([live.client.ping().then((r) => r === 'PONG'), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)))]);
	} catch {
		return false;
	} finally {
		clearTimeout(timer);
	}
}
