import { z } from 'zod';
import { envSettings } from '../env-settings.ts';

/** Presence timings from the environment (README: PRESENCE_*); tests override them. */
const schema = z.object({
	PRESENCE_STALE_SECONDS: z.coerce.number().min(5).max(3600).default(90),
	PRESENCE_REAP_EVERY_SECONDS: z.coerce.number().min(1).max(3600).default(30)
});

export interface PresenceSettings {
	/** a connection that has not sent a heartbeat for this long is reaped */
	staleMs: number;
	reapEveryMs: number;
}

const fromEnv = envSettings('presence', schema, (values): PresenceSettings => ({ staleMs: values.PRESENCE_STALE_SECONDS * 1000, reapEveryMs: values.PRESENCE_REAP_EVERY_SECONDS * 1000 }));

export const checkPresenceEnv = fromEnv.check;
export const presenceSettings = fromEnv.get;
export const configurePresence = fromEnv.configure;
