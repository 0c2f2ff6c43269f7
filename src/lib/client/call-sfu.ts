import type { types } from 'mediasoup-client';
import { ask } from './socket.ts';

/**
 * The SFU side of a call (mediasoup-client), used only when the server switched the room to
 * `sfu`: a send transport (microphone + camera in three simulcast layers) and a receive
 * transport whose consumers are resumed once created (the server creates them paused).
 */
export interface SfuCallbacks {
	track(peerId: string, track: MediaStreamTrack): void;
	connection(state: 'connected' | 'reconnecting'): void;
	error(message: string): void;
}

/** The simulcast layers the camera is sent in, as fractions of its height (see `start`). */
const LAYER_SCALES = [4, 2, 1];

/**
 * Which simulcast layer a tile needs: the smallest whose height covers the tile's device pixels
 * (a 720p camera: 180p for a thumbnail, 360p for a grid cell, 720p for the speaker view).
 */
export function layerForTile(tileHeightCss: number, devicePixelRatio = 1, sourceHeight = 720): number {
	const needed = tileHeightCss * devicePixelRatio;
	for (let layer = 0; layer < LAYER_SCALES.length; layer++) if (sourceHeight / LAYER_SCALES[layer] >= needed) return layer;
	return LAYER_SCALES.length - 1;
}

export class SfuSession {
	private device: types.Device | null = null;
	private send: types.Transport | null = null;
	private recv: types.Transport | null = null;
	private producers = new Map<string, types.Producer>();
	private consumers = new Map<string, types.Consumer>();
	/** the layer each remote peer's tile needs, sent for its video consumer once it exists */
	private layers = new Map<string, number>();
	private sentLayers = new Map<string, number>();
	private closed = false;
	private consuming = new Set<string>();

	constructor(
		private slug: string,
		private iceServers: RTCIceServer[],
		private on: SfuCallbacks
	) {}

	private async transport(device: types.Device, direction: 'send' | 'recv') {
		const r = await ask<any>('sfu:transport-create', { slug: this.slug, direction });
		if (!r.ok || !r.data) throw new Error(r.error?.message);
		const options = { ...r.data, iceServers: this.iceServers };
		const transport = direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
		transport.on('connect', ({ dtlsParameters }, done, fail) => {
			void ask('sfu:transport-connect', { slug: this.slug, transportId: transport.id, dtlsParameters }).then((x) => (x.ok ? done() : fail(new Error(x.error?.message))));
		});
		transport.on('connectionstatechange', (state) => {
			if (this.closed) return;
			if (state === 'disconnected' || state === 'failed') {
				this.on.connection('reconnecting');
				void ask<{ iceParameters: types.IceParameters }>('sfu:transport-restart-ice', { slug: this.slug, transportId: transport.id }).then((x) => {
					if (x.ok && x.data) void transport.restartIce({ iceParameters: x.data.iceParameters });
				});
			} else if (state === 'connected') this.on.connection('connected');
		});
		return transport;
	}

	async start(local: MediaStream, screenTrack: MediaStreamTrack | null) {
		try {
			const { Device } = await import('mediasoup-client');
			const caps = await ask<{ rtpCapabilities: types.RtpCapabilities }>('sfu:capabilities', { slug: this.slug });
			if (!caps.ok || !caps.data) throw new Error(caps.error?.message);
			const device = new Device();
			await device.load({ routerRtpCapabilities: caps.data.rtpCapabilities });
			this.device = device;
			const send = await this.transport(device, 'send');
			send.on('produce', ({ kind, rtpParameters, appData }, done, fail) => {
				void ask<{ id: string }>('sfu:produce', { slug: this.slug, transportId: send.id, kind, rtpParameters, source: (appData as { source?: string }).source ?? 'camera' }).then((x) =>
					x.ok && x.data ? done({ id: x.data.id }) : fail(new Error(x.error?.message))
				);
			});
			this.send = send;
			this.recv = await this.transport(device, 'recv');
			const audio = local.getAudioTracks()[0];
			const video = screenTrack ?? local.getVideoTracks()[0];
			// the tracks outlive this session (P2P again, or a new session after a lost worker): closing must not stop them
			if (audio) this.producers.set('mic', await send.produce({ track: audio, stopTracks: false, appData: { source: 'mic' } }));
			if (video)
				this.producers.set(
					'camera',
					await send.produce({
						track: video,
						stopTracks: false,
						// simulcast: three layers, the server forwards what each viewer can take
						encodings: [
							{ rid: 'r0', scaleResolutionDownBy: LAYER_SCALES[0], maxBitrate: 150_000 },
							{ rid: 'r1', scaleResolutionDownBy: LAYER_SCALES[1], maxBitrate: 500_000 },
							{ rid: 'r2', scaleResolutionDownBy: LAYER_SCALES[2], maxBitrate: 1_200_000 }
						],
						appData: { source: 'camera' }
					})
				);
			const list = await ask<{ producers: { peerId: string; producerId: string }[] }>('sfu:producers', { slug: this.slug });
			for (const p of list.data?.producers ?? []) await this.consume(p.peerId, p.producerId);
		} catch (error) {
			this.on.error((error as Error).message);
		}
	}

	async consume(peerId: string, producerId: string) {
		// a producer can be announced (sfu:new-producer) and listed (sfu:producers) both: consume it once
		if (!this.recv || !this.device || this.consuming.has(producerId)) return;
		this.consuming.add(producerId);
		const r = await ask<any>('sfu:consume', { slug: this.slug, transportId: this.recv.id, producerId, rtpCapabilities: this.device.recvRtpCapabilities });
		if (!r.ok || !r.data || this.closed) {
			this.consuming.delete(producerId);
			return;
		}
		const consumer = await this.recv.consume({ id: r.data.id, producerId, kind: r.data.kind, rtpParameters: r.data.rtpParameters, appData: { peerId } });
		this.consumers.set(consumer.id, consumer);
		this.on.track(peerId, consumer.track);
		await ask('sfu:consumer-resume', { slug: this.slug, consumerId: consumer.id });
		if (consumer.kind === 'video') {
			this.sentLayers.delete(peerId);
			await this.sendLayer(peerId);
		}
	}

	/** `peerId` left: its consumers end (the server closed their producers). */
	dropPeer(peerId: string) {
		for (const [id, consumer] of this.consumers) {
			if ((consumer.appData as { peerId?: string }).peerId !== peerId) continue;
			consumer.close();
			this.consumers.delete(id);
			this.consuming.delete(consumer.producerId);
		}
		this.layers.delete(peerId);
		this.sentLayers.delete(peerId);
	}

	/** The tile showing `peerId` is `layer`-sized now (see layerForTile). */
	async preferLayer(peerId: string, layer: number) {
		this.layers.set(peerId, layer);
		await this.sendLayer(peerId);
	}

	private async sendLayer(peerId: string) {
		const layer = this.layers.get(peerId);
		const consumer = [...this.consumers.values()].find((c) => c.kind === 'video' && (c.appData as { peerId?: string }).peerId === peerId && !c.closed);
		if (layer === undefined || !consumer || this.sentLayers.get(peerId) === layer) return;
		this.sentLayers.set(peerId, layer);
		await ask('sfu:consumer-layers', { slug: this.slug, consumerId: consumer.id, spatialLayer: layer });
	}

	replaceVideo(track: MediaStreamTrack) {
		void this.producers.get('camera')?.replaceTrack({ track });
	}

	setMicPaused(paused: boolean) {
		const mic = this.producers.get('mic');
		if (!mic) return;
		if (paused) {
			mic.pause();
			void ask('sfu:producer-pause', { slug: this.slug, producerId: mic.id });
		} else {
			mic.resume();
			void ask('sfu:producer-resume', { slug: this.slug, producerId: mic.id });
		}
	}

	close() {
		this.closed = true;
		this.send?.close();
		this.recv?.close();
		this.send = this.recv = null;
	}
}
