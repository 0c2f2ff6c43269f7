import { z } from 'zod';
import { envSettings } from '../env-settings.ts';

/**
 * Several Relais processes (README "Plusieurs serveurs"): REDIS_URL switches the live state
 * (socket fan-out, presence, ringing calls, socket rate limits) from this process's memory to a
 * Redis shared by every node. Unset (the default), one process keeps everything in memory.
 */
const schema = z.object({
	REDIS_URL: z
		.string()
		.regex(/^rediss?:\/\//, 'redis://[:password@]host:port[/db] or rediss://…')
		.optional()
		.or(z.literal('').transform(() => undefined)),
	/** a stable name for this process in Redis (logs, presence per node); random when unset */
	RELAIS_NODE_ID: z
		.string()
		.regex(/^[A-Za-z0-9_.-]{1,64}$/)
		.optional()
		.or(z.literal('').transform(() => undefined)),
	/** SIGTERM: how long open sockets get to move to another node before the process stops */
	SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(120).default(5),
	/** what this process does: `all` (web and SFU), `web` (no mediasoup worker here), `sfu` (a media node) */
	RELAIS_ROLE: z
		.enum(['all', 'web', 'sfu'])
		.default('all')
		.or(z.literal('').transform(() => 'all' as const))
});

/** `all` and `sfu` start mediasoup workers (when a worker binary is there); `web` never does. */
export type NodeRole = 'all' | 'web' | 'sfu';

export interface LiveSettings {
	redisUrl: string | null;
	nodeId: string | null;
	drainMs: number;
	role: NodeRole;
}

const fromEnv = envSettings('live', schema, (v): LiveSettings => ({ redisUrl: v.REDIS_URL ?? null, nodeId: v.RELAIS_NODE_ID ?? null, drainMs: v.SHUTDOWN_DRAIN_SECONDS * 1000, role: v.RELAIS_ROLE }));

export const checkLiveEnv = fromEnv.check;
export const liveSettings = fromEnv.get;
export const configureLive = fromEnv.configure;
