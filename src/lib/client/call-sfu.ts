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

export class SfuSession {
	private device: types.Device | null = null;
	private send: types.Transport | null = null;
	private recv: types.Transport | null = null;
	private producers = new Map<string, types.Producer>();
	private consumers = new Map<string, types.Consumer>();

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
			if (audio) this.producers.set('mic', await send.produce({ track: audio, appData: { source: 'mic' } }));
			if (video)
				this.producers.set(
					'camera',
					await send.produce({
						track: video,
						// simulcast: three layers, the server forwards what each viewer can take
						encodings: [
							{ rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
							{ rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
							{ rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_200_000 }
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
		if (!this.recv || !this.device) return;
		const r = await ask<any>('sfu:consume', { slug: this.slug, transportId: this.recv.id, producerId, rtpCapabilities: this.device.recvRtpCapabilities });
		if (!r.ok || !r.data) return;
		const consumer = await this.recv.consume({ id: r.data.id, producerId, kind: r.data.kind, rtpParameters: r.data.rtpParameters });
		this.consumers.set(consumer.id, consumer);
		this.on.track(peerId, consumer.track);
		await ask('sfu:consumer-resume', { slug: this.slug, consumerId: consumer.id });
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
		this.send?.close();
		this.recv?.close();
		this.send = this.recv = null;
	}
}
