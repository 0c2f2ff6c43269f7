import { z } from 'zod';

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

const KEY = Symbol.for('relais.presence.settings');
type Holder = { [KEY]?: PresenceSettings };

export function checkPresenceEnv(env: Record<string, string | undefined> = process.env): void {
	const parsed = schema.safeParse(env);
	if (!parsed.success) throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
}

export function presenceSettings(): PresenceSettings {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		const parsed = schema.safeParse(process.env);
		const values = parsed.success ? parsed.data : schema.parse({});
		holder[KEY] = { staleMs: values.PRESENCE_STALE_SECONDS * 1000, reapEveryMs: values.PRESENCE_REAP_EVERY_SECONDS * 1000 };
	}
	return holder[KEY];
}

export function configurePresence(overrides: Partial<PresenceSettings>): PresenceSettings {
	const holder = globalThis as Holder;
	holder[KEY] = { ...presenceSettings(), ...overrides };
	return holder[KEY];
}
