import { randomFillSync } from 'node:crypto';
import wrtc from '@roamhq/wrtc';
import type { Socket } from 'socket.io-client';
import type { types } from 'mediasoup-client';
import { ask, type Reply } from './realtime.ts';

/**
 * A real WebRTC participant in Node: mediasoup-client over @roamhq/wrtc (libwebrtc), speaking
 * the room signalling a browser speaks (room:join, sfu:*). It sends a synthetic camera (moving
 * bars, VP8, optionally in three simulcast layers) and microphone (a tone, Opus), decodes what it
 * receives and counts frames per remote peer. Used by the SFU integration tests and bench:media.
 */

// mediasoup-client's Chrome handler drives the browser's WebRTC classes: lend it wrtc's
const globals = globalThis as Record<string, unknown>;
for (const name of ['RTCPeerConnection', 'RTCSessionDescription', 'RTCIceCandidate', 'MediaStream', 'MediaStreamTrack', 'RTCRtpSender', 'RTCRtpReceiver', 'RTCRtpTransceiver'] as const) {
	globals[name] ??= (wrtc as unknown as Record<string, unknown>)[name];
}
const { RTCVideoSource, RTCVideoSink, RTCAudioSource, RTCAudioSink } = wrtc.nonstandard;

/**
 * Moving vertical bars in I420, so the encoder has motion to code (a flat image costs nothing);
 * with `grain`, a band of fresh noise too, so it codes near its bitrate cap like a real camera.
 */
export class FakeCamera {
	readonly track: MediaStreamTrack;
	private source = new RTCVideoSource();
	private timer: ReturnType<typeof setInterval>;
	private frame = 0;

	constructor(
		readonly width = 640,
		readonly height = 360,
		fps = 15,
		grain = false
	) {
		this.track = this.source.createTrack() as unknown as MediaStreamTrack;
		const data = new Uint8Array(width * height * 1.5).fill(128);
		const row = new Uint8Array(width * 2);
		for (let x = 0; x < row.length; x++) row[x] = (x >> 4) % 2 ? 220 : 30;
		this.timer = setInterval(() => {
			const shift = (this.frame++ * 4) % width;
			for (let y = 0; y < height; y++) data.set(row.subarray(shift, shift + width), y * width);
			if (grain) randomFillSync(data, 0, (width * height) >> 2);
			this.source.onFrame({ width, height, data });
		}, 1000 / fps);
	}

	stop() {
		clearInterval(this.timer);
		this.track.stop();
	}
}

/** A 440 Hz tone, 10 ms at a time (what libwebrtc expects). */
export class FakeMicrophone {
	readonly track: MediaStreamTrack;
	private source = new RTCAudioSource();
	private timer: ReturnType<typeof setInterval>;

	constructor() {
		this.track = this.source.createTrack() as unknown as MediaStreamTrack;
		const samples = new Int16Array(480);
		let t = 0;
		this.timer = setInterval(() => {
			for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * t++) / 48000));
			this.source.onData({ samples, sampleRate: 48000 });
		}, 10);
	}

	stop() {
		clearInterval(this.timer);
		this.track.stop();
	}
}

export interface NodePeerOptions {
	/** send camera + microphone (default true) */
	produce?: boolean;
	/** three simulcast layers, as the browser client sends (default true) */
	simulcast?: boolean;
	width?: number;
	height?: number;
	fps?: number;
}

interface Received {
	consumer: types.Consumer;
	peerId: string;
	stop: () => void;
}

const SIMULCAST: types.RtpEncodingParameters[] = [
	{ rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
	{ rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
	{ rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_200_000 }
];

export class NodePeer {
	peerId: string | null = null;
	topology: 'p2p' | 'sfu' | null = null;
	/** video frames decoded, per remote peer id */
	readonly frames = new Map<string, number>();
	/** size of the last decoded frame, per remote peer id */
	readonly frameSize = new Map<string, { width: number; height: number }>();
	/** audio chunks received, per remote peer id */
	readonly audio = new Map<string, number>();
	/** when the first remote video frame arrived (performance.now()) */
	firstFrameAt: number | null = null;
	errors: string[] = [];
	private device: types.Device | null = null;
	private send: types.Transport | null = null;
	private recv: types.Transport | null = null;
	private received = new Map<string, Received>();
	private consuming = new Set<string>();
	private camera: FakeCamera | null = null;
	private mic: FakeMicrophone | null = null;
	private sfuStarting: Promise<void> | null = null;
	private off: (() => void)[] = [];

	constructor(
		readonly socket: Socket,
		readonly slug: string,
		private options: NodePeerOptions = {}
	) {
		const on = (event: string, handler: (m: any) => void) => {
			const listener = (m: any) => {
				if (m?.slug === slug) handler(m);
			};
			socket.on(event, listener);
			this.off.push(() => socket.off(event, listener));
		};
		on('room:topology', (m: { topology: 'p2p' | 'sfu' }) => void this.onTopology(m.topology));
		on('sfu:new-producer', (m: { peerId: string; producerId: string }) => void this.consume(m.peerId, m.producerId));
		on('room:peer-left', (m: { peerId: string }) => this.dropPeer(m.peerId));
		// the server lost the room's worker: join again, the room is recreated on a live one
		on('room:reconnect', () => void this.rejoin());
	}

	async join(): Promise<Reply> {
		const reply = await ask(this.socket, 'room:join', { slug: this.slug });
		if (!reply.ok) return reply;
		this.peerId = reply.data.peerId;
		await this.onTopology(reply.data.topology);
		return reply;
	}

	private async onTopology(topology: 'p2p' | 'sfu') {
		this.topology = topology;
		if (topology === 'sfu') {
			this.sfuStarting ??= this.startSfu().finally(() => (this.sfuStarting = null));
			await this.sfuStarting;
		} else this.stopSfu();
	}

	/** Resolves once the SFU session (transports, producers, existing consumers) is up. */
	ready() {
		return this.sfuStarting ?? Promise.resolve();
	}

	private async request<T = any>(event: string, payload: Record<string, unknown>): Promise<T> {
		const reply = await ask<T>(this.socket, event, { slug: this.slug, ...payload }, 10_000);
		if (!reply.ok) {
			this.errors.push(`${event}: ${reply.error?.message}`);
			throw new Error(`${event}: ${reply.error?.message}`);
		}
		return reply.data as T;
	}

	private async transport(direction: 'send' | 'recv') {
		const device = this.device!;
		const options = await this.request('sfu:transport-create', { direction });
		const transport = direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
		transport.on('connect', ({ dtlsParameters }, done, fail) => {
			this.request('sfu:transport-connect', { transportId: transport.id, dtlsParameters }).then(() => done(), fail);
		});
		if (direction === 'send') {
			transport.on('produce', ({ kind, rtpParameters, appData }, done, fail) => {
				this.request<{ id: string }>('sfu:produce', { transportId: transport.id, kind, rtpParameters, source: (appData as { source: string }).source }).then(done, fail);
			});
		}
		return transport;
	}

	private async startSfu() {
		const { Device } = await import('mediasoup-client');
		const { rtpCapabilities } = await this.request('sfu:capabilities', {});
		this.device = new Device({ handlerName: 'Chrome74' });
		await this.device.load({ routerRtpCapabilities: rtpCapabilities });
		this.recv = await this.transport('recv');
		if (this.options.produce !== false) {
			this.send = await this.transport('send');
			this.camera ??= new FakeCamera(this.options.width, this.options.height, this.options.fps);
			this.mic ??= new FakeMicrophone();
			await this.send.produce({ track: this.mic.track, stopTracks: false, appData: { source: 'mic' } });
			await this.send.produce({ track: this.camera.track, stopTracks: false, encodings: this.options.simulcast === false ? undefined : SIMULCAST, appData: { source: 'camera' } });
		}
		const { producers } = await this.request<{ producers: { peerId: string; producerId: string }[] }>('sfu:producers', {});
		await Promise.all(producers.map((p) => this.consume(p.peerId, p.producerId)));
	}

	private async consume(peerId: string, producerId: string) {
		if (!this.recv || !this.device || this.consuming.has(producerId)) return;
		this.consuming.add(producerId);
		const recv = this.recv;
		try {
			const data = await this.request('sfu:consume', { transportId: recv.id, producerId, rtpCapabilities: this.device.recvRtpCapabilities });
			const consumer = await recv.consume({ id: data.id, producerId, kind: data.kind, rtpParameters: data.rtpParameters, appData: { peerId } });
			this.received.set(consumer.id, { consumer, peerId, stop: this.sink(peerId, consumer.track) });
			await this.request('sfu:consumer-resume', { consumerId: consumer.id });
		} catch {
			this.consuming.delete(producerId);
		}
	}

	private sink(peerId: string, track: MediaStreamTrack): () => void {
		if (track.kind === 'video') {
			const sink = new RTCVideoSink(track as never);
			sink.onframe = ({ frame }: { frame: { width: number; height: number } }) => {
				this.firstFrameAt ??= performance.now();
				this.frames.set(peerId, (this.frames.get(peerId) ?? 0) + 1);
				this.frameSize.set(peerId, { width: frame.width, height: frame.height });
			};
			return () => sink.stop();
		}
		const sink = new RTCAudioSink(track as never);
		sink.ondata = () => this.audio.set(peerId, (this.audio.get(peerId) ?? 0) + 1);
		return () => sink.stop();
	}

	/** The consumer receiving `peerId`'s video, once there is one. */
	videoConsumerOf(peerId: string): types.Consumer | undefined {
		for (const r of this.received.values()) if (r.peerId === peerId && r.consumer.kind === 'video' && !r.consumer.closed) return r.consumer;
		return undefined;
	}

	/** Asks for one simulcast layer of `peerId`'s camera, as the browser does for a tile's size. */
	async preferLayer(peerId: string, spatialLayer: number) {
		const consumer = this.videoConsumerOf(peerId);
		if (!consumer) throw new Error(`no video from ${peerId}`);
		await this.request('sfu:consumer-layers', { consumerId: consumer.id, spatialLayer });
	}

	private dropPeer(peerId: string) {
		for (const [id, r] of this.received) {
			if (r.peerId !== peerId) continue;
			r.stop();
			r.consumer.close();
			this.consuming.delete(r.consumer.producerId);
			this.received.delete(id);
		}
	}

	private stopSfu() {
		for (const r of this.received.values()) r.stop();
		this.received.clear();
		this.consuming.clear();
		this.send?.close();
		this.recv?.close();
		this.send = this.recv = null;
		this.device = null;
	}

	async rejoin() {
		this.stopSfu();
		this.topology = null;
		await this.sfuStarting?.catch(() => {});
		await this.join();
	}

	async leave() {
		await ask(this.socket, 'room:leave', { slug: this.slug });
		this.close();
	}

	close() {
		this.stopSfu();
		this.camera?.stop();
		this.mic?.stop();
		this.camera = this.mic = null;
		for (const off of this.off) off();
		this.off = [];
	}
}
