import os from 'node:os';
import { z } from 'zod';
import type { types } from 'mediasoup';
import type { Logger } from '../log.ts';
import { detectWorker } from './detect.ts';
import { MediaRoom, type TransportOptions } from './Room.ts';
import { provideMediaStats, type MediaStats } from '../../src/lib/server/rooms/index.ts';

/**
 * The SFU: one mediasoup worker per core (MEDIASOUP_WORKERS), one router per room created once
 * even when people join at the same moment (a per-room promise), new rooms on the least loaded
 * worker. A worker that dies is replaced; its rooms are recreated lazily on a live worker and
 * their clients told to reconnect (`onRoomsLost`). Without a worker binary the SFU is simply
 * unavailable: one log line, and rooms stay peer-to-peer.
 */
const envSchema = z.object({
	MEDIASOUP_WORKERS: z.coerce.number().int().min(1).max(256).optional(),
	MEDIASOUP_LISTEN_IP: z.string().default('127.0.0.1'),
	MEDIASOUP_ANNOUNCED_ADDRESS: z.string().optional(),
	MEDIASOUP_MIN_PORT: z.coerce.number().int().min(1024).max(65535).default(40000),
	MEDIASOUP_MAX_PORT: z.coerce.number().int().min(1024).max(65535).default(49999)
});

interface WorkerSlot {
	worker: types.Worker;
	rooms: Set<string>;
}

export class MediaService {
	private slots: WorkerSlot[] = [];
	private rooms = new Map<string, Promise<MediaRoom>>();
	private closed = false;
	/** a replacement worker being started: rooms asked for meanwhile wait for it */
	private replacing: Promise<unknown> | null = null;

	private constructor(
		private mediasoup: typeof import('mediasoup'),
		private bin: string,
		private transportOptions: TransportOptions,
		private log: Logger
	) {}

	static async start(options: { count: number; bin: string; transport: TransportOptions; log: Logger }): Promise<MediaService> {
		const mediasoup = await import('mediasoup');
		const service = new MediaService(mediasoup, options.bin, options.transport, options.log);
		for (let i = 0; i < options.count; i++) await service.spawn();
		return service;
	}

	get workerCount() {
		return this.slots.length;
	}

	private async spawn(): Promise<WorkerSlot> {
		const o = this.transportOptions;
		const worker = await this.mediasoup.createWorker({ workerBin: this.bin, rtcMinPort: o.minPort, rtcMaxPort: o.maxPort, logLevel: 'warn' });
		const slot: WorkerSlot = { worker, rooms: new Set() };
		this.slots.push(slot);
		worker.on('died', (error) => void this.onDied(slot, error));
		return slot;
	}

	private async onDied(slot: WorkerSlot, error: Error) {
		this.slots = this.slots.filter((s) => s !== slot);
		const lost = [...slot.rooms];
		for (const roomId of lost) this.rooms.delete(roomId);
		this.log.error(`mediasoup worker ${slot.worker.pid} died (${error.message}): ${lost.length} room(s) to recreate`);
		if (!this.closed) {
			const replacing = this.spawn().then(
				() => {},
				(e: Error) => this.log.error(`mediasoup worker could not be replaced: ${e.message}`)
			);
			this.replacing = replacing;
			void replacing.finally(() => {
				if (this.replacing === replacing) this.replacing = null;
			});
		}
		// clients reconnect at once: their rooms are recreated on a live worker (or wait for the new one)
		for (const l of lostListeners()) l(lost);
	}

	/** The room's router, created at most once (concurrent callers share the same promise). */
	room(roomId: string): Promise<MediaRoom> {
		let pending = this.rooms.get(roomId);
		if (!pending) {
			pending = (async () => {
				if (!this.leastLoaded() && this.replacing) await this.replacing;
				const slot = this.leastLoaded();
				if (!slot) throw new Error('no live mediasoup worker');
				slot.rooms.add(roomId);
				try {
					return await MediaRoom.create(roomId, slot.worker, this.transportOptions);
				} catch (error) {
					slot.rooms.delete(roomId);
					throw error;
				}
			})();
			this.rooms.set(roomId, pending);
			pending.catch(() => this.rooms.delete(roomId));
		}
		return pending;
	}

	existingRoom(roomId: string): Promise<MediaRoom> | undefined {
		return this.rooms.get(roomId);
	}

	async closeRoom(roomId: string) {
		const pending = this.rooms.get(roomId);
		this.rooms.delete(roomId);
		for (const slot of this.slots) slot.rooms.delete(roomId);
		if (pending) (await pending.catch(() => null))?.close();
	}

	private leastLoaded(): WorkerSlot | undefined {
		return [...this.slots].filter((s) => !s.worker.closed).sort((a, b) => a.rooms.size - b.rooms.size)[0];
	}

	/** What the admin page shows: each worker's CPU time and rooms, each room's peers and streams. */
	async stats(): Promise<MediaStats> {
		const workers = await Promise.all(
			this.slots.map(async (slot) => {
				const usage = await slot.worker.getResourceUsage().catch(() => null);
				return { pid: slot.worker.pid, rooms: slot.rooms.size, cpuMs: usage ? usage.ru_utime + usage.ru_stime : null };
			})
		);
		const rooms: MediaStats['rooms'] = [];
		for (const pending of this.rooms.values()) {
			const room = await pending.catch(() => null);
			if (!room) continue;
			let producers = 0;
			let consumers = 0;
			for (const peer of room.peers.values()) {
				producers += peer.producers.size;
				consumers += peer.consumers.size;
			}
			rooms.push({ roomId: room.roomId, workerPid: room.workerPid, peers: room.peers.size, producers, consumers });
		}
		return { workers, rooms };
	}

	async close() {
		this.closed = true;
		for (const slot of this.slots) slot.worker.close();
		this.slots = [];
		this.rooms.clear();
	}
}

const LOST = Symbol.for('relais.media.lost');
type LostHolder = { [LOST]?: Set<(roomIds: string[]) => void> };
const lostListeners = () => ((globalThis as LostHolder)[LOST] ??= new Set());

/** Rooms whose worker died (the signalling tells their clients to reconnect). */
export function onMediaRoomsLost(listener: (roomIds: string[]) => void) {
	lostListeners().add(listener);
	return () => void lostListeners().delete(listener);
}

const KEY = Symbol.for('relais.media');
type Holder = { [KEY]?: { service: MediaService | null; reason: string | null } };

/** The running SFU, or null (the signalling then keeps rooms peer-to-peer). */
export function currentMedia(): MediaService | null {
	return (globalThis as Holder)[KEY]?.service ?? null;
}

export function mediaUnavailableReason(): string | null {
	return (globalThis as Holder)[KEY]?.reason ?? null;
}

export function setMedia(service: MediaService | null, reason: string | null = null) {
	(globalThis as Holder)[KEY] = { service, reason };
	provideMediaStats(service ? () => service.stats() : null, reason);
}

/**
 * Start-up: detect the worker binary, start the workers; on any failure log ONE line and go on
 * without the SFU. Never throws.
 */
export async function startMedia(options: { log: Logger; env?: Record<string, string | undefined> }): Promise<{ service: MediaService | null; reason: string | null; stop: () => Promise<void> }> {
	const env = options.env ?? process.env;
	const noop = { stop: async () => {} };
	const detection = detectWorker(env);
	const unavailable = (reason: string) => {
		options.log.warn(`SFU indisponible : ${reason} — les salles restent en pair-à-pair`);
		setMedia(null, reason);
		return { service: null, reason, ...noop };
	};
	if (!detection.ok) return unavailable(detection.reason);
	const parsed = envSchema.safeParse(env);
	if (!parsed.success) return unavailable(`configuration invalide (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')})`);
	const v = parsed.data;
	// mediasoup reads it when it loads: set before the first import
	process.env.MEDIASOUP_WORKER_BIN = detection.bin;
	try {
		const service = await MediaService.start({
			count: v.MEDIASOUP_WORKERS ?? os.availableParallelism(),
			bin: detection.bin,
			transport: { listenIp: v.MEDIASOUP_LISTEN_IP, announcedAddress: v.MEDIASOUP_ANNOUNCED_ADDRESS, minPort: v.MEDIASOUP_MIN_PORT, maxPort: v.MEDIASOUP_MAX_PORT },
			log: options.log
		});
		setMedia(service);
		options.log.info(`SFU: ${service.workerCount} mediasoup worker(s) (${detection.bin})`);
		return {
			service,
			reason: null,
			stop: async () => {
				setMedia(null, 'arrêté');
				await service.close();
			}
		};
	} catch (error) {
		return unavailable(`le worker ne démarre pas (${(error as Error).message.split('\n')[0]})`);
	}
}
