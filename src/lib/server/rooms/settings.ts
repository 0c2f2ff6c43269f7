import { z } from 'zod';

/** Video rooms and calls, from the environment (README: ROOM_*, VIDEO_MODE, CALL_*, ICE/TURN); tests override them. */
const schema = z.object({
	ROOM_OPENS_MINUTES_BEFORE: z.coerce.number().int().min(0).max(24 * 60).default(10),
	ROOM_GRACE_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(15),
	ROOM_MAX_PARTICIPANTS: z.coerce.number().int().min(2).max(100).default(8),
	ROOM_ADHOC_HOURS: z.coerce.number().min(0.25).max(72).default(4),
	ROOM_P2P_RETURN_SECONDS: z.coerce.number().min(0).max(600).default(10),
	VIDEO_MODE: z.enum(['auto', 'sfu', 'p2p']).default('auto'),
	CALL_RING_SECONDS: z.coerce.number().min(3).max(300).default(30),
	ICE_SERVERS: z.string().optional(),
	STUN_URLS: z.string().optional(),
	TURN_URLS: z.string().optional(),
	TURN_SECRET: z.string().optional(),
	TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 86400).default(86400)
});

export type VideoMode = 'auto' | 'sfu' | 'p2p';

export interface IceServer {
	urls: string | string[];
	username?: string;
	credential?: string;
}

export interface RoomSettings {
	opensBeforeMs: number;
	graceMs: number;
	maxParticipants: number;
	adhocMs: number;
	p2pReturnMs: number;
	videoMode: VideoMode;
	ringMs: number;
	/** fixed servers (ICE_SERVERS JSON), used as given */
	iceServers: IceServer[] | null;
	stunUrls: string[];
	turnUrls: string[];
	turnSecret: string | null;
	turnTtlSeconds: number;
}

const KEY = Symbol.for('relais.rooms.settings');
type Holder = { [KEY]?: RoomSettings };

const list = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

const iceServerSchema = z.array(z.object({ urls: z.union([z.string(), z.array(z.string())]), username: z.string().optional(), credential: z.string().optional() }));

function parseIceServers(raw: string | undefined): IceServer[] | null {
	if (!raw) return null;
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch {
		throw new Error('ICE_SERVERS: not valid JSON');
	}
	const parsed = iceServerSchema.safeParse(json);
	if (!parsed.success) throw new Error('ICE_SERVERS: expected [{ "urls": "stun:…" | [...], "username"?, "credential"? }]');
	return parsed.data;
}

function fromEnv(env: Record<string, string | undefined>): RoomSettings {
	const v = schema.parse(env);
	return {
		opensBeforeMs: v.ROOM_OPENS_MINUTES_BEFORE * 60_000,
		graceMs: v.ROOM_GRACE_MINUTES * 60_000,
		maxParticipants: v.ROOM_MAX_PARTICIPANTS,
		adhocMs: v.ROOM_ADHOC_HOURS * 3600_000,
		p2pReturnMs: v.ROOM_P2P_RETURN_SECONDS * 1000,
		videoMode: v.VIDEO_MODE,
		ringMs: v.CALL_RING_SECONDS * 1000,
		iceServers: parseIceServers(v.ICE_SERVERS),
		stunUrls: list(v.STUN_URLS),
		turnUrls: list(v.TURN_URLS),
		turnSecret: v.TURN_SECRET || null,
		turnTtlSeconds: v.TURN_TTL_SECONDS
	};
}

export function checkRoomsEnv(env: Record<string, string | undefined> = process.env): void {
	try {
		fromEnv(env);
	} catch (error) {
		if (error instanceof z.ZodError) throw new Error(`Invalid configuration:\n${error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
		throw new Error(`Invalid configuration: ${(error as Error).message}`);
	}
}

export function roomSettings(): RoomSettings {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		try {
			holder[KEY] = fromEnv(process.env);
		} catch {
			holder[KEY] = fromEnv({});
		}
	}
	return holder[KEY];
}

export function configureRooms(overrides: Partial<RoomSettings>): RoomSettings {
	const holder = globalThis as Holder;
	holder[KEY] = { ...roomSettings(), ...overrides };
	return holder[KEY];
}
