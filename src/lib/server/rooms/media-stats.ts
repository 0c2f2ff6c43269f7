import { requirePermission, type ActorRef as Actor } from '../access/index.ts';

/**
 * The SFU's figures for the admin page. The media server lives outside the domain (server/media)
 * and registers where its figures come from; the domain decides who may see them.
 */
export interface MediaStats {
	workers: { pid: number; rooms: number; cpuMs: number | null }[];
	rooms: { roomId: string; workerPid: number; peers: number; producers: number; consumers: number }[];
}

type Source = { read: (() => Promise<MediaStats>) | null; reason: string | null };
const KEY = Symbol.for('relais.rooms.media-stats');
type Holder = { [KEY]?: Source };

export function provideMediaStats(read: (() => Promise<MediaStats>) | null, reason: string | null) {
	(globalThis as Holder)[KEY] = { read, reason };
}

export async function mediaStats(actor: Actor): Promise<{ available: true; stats: MediaStats } | { available: false; reason: string | null }> {
	await requirePermission(actor, 'media.stats.read');
	const source = (globalThis as Holder)[KEY];
	if (!source?.read) return { available: false, reason: source?.reason ?? null };
	return { available: true, stats: await source.read() };
}
