import type { types } from 'mediasoup';
import { Peer } from './Peer.ts';

export interface TransportOptions {
	listenIp: string;
	announcedAddress?: string;
	minPort: number;
	maxPort: number;
}

/**
 * Codecs of every router: Opus, VP8 (simulcast), H264 as a fallback. No preferredPayloadType:
 * mediasoup gives each video codec's RTX the next free dynamic type, so fixed types collide
 * (VP8 at 101 → its RTX at 102 = H264's) and createRouter throws "duplicated preferredPayloadType".
 */
export const MEDIA_CODECS: types.RouterRtpCodecCapability[] = [
	{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
	{ kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 1000 } },
	{
		kind: 'video',
		mimeType: 'video/H264',
		clockRate: 90000,
		parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 }
	}
];

/**
 * A video room on the SFU: one router on one worker, its peers, and an audio level observer that
 * names the active speaker (−80 dB, 800 ms, as mediasoup-demo).
 */
export class MediaRoom {
	readonly peers = new Map<string, Peer>();
	private speakerListeners = new Set<(peerId: string | null) => void>();

	private constructor(
		readonly roomId: string,
		readonly router: types.Router,
		readonly audioLevel: types.AudioLevelObserver,
		readonly workerPid: number,
		private transportOptions: TransportOptions
	) {
		audioLevel.on('volumes', (volumes) => {
			const peerId = (volumes[0]?.producer.appData as { peerId?: string } | undefined)?.peerId ?? null;
			for (const l of this.speakerListeners) l(peerId);
		});
		audioLevel.on('silence', () => {
			for (const l of this.speakerListeners) l(null);
		});
	}

	static async create(roomId: string, worker: types.Worker, transportOptions: TransportOptions) {
		const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
		const audioLevel = await router.createAudioLevelObserver({ maxEntries: 1, threshold: -80, interval: 800 });
		return new MediaRoom(roomId, router, audioLevel, worker.pid, transportOptions);
	}

	onActiveSpeaker(listener: (peerId: string | null) => void) {
		this.speakerListeners.add(listener);
		return () => this.speakerListeners.delete(listener);
	}

	peer(peerId: string, memberId: string): Peer {
		let peer = this.peers.get(peerId);
		if (!peer) {
			peer = new Peer(peerId, memberId);
			this.peers.set(peerId, peer);
		}
		return peer;
	}

	async createTransport(peer: Peer, direction: 'send' | 'recv') {
		const o = this.transportOptions;
		const transport = await this.router.createWebRtcTransport({
			listenInfos: [
				{ protocol: 'udp', ip: o.listenIp, announcedAddress: o.announcedAddress, portRange: { min: o.minPort, max: o.maxPort } },
				{ protocol: 'tcp', ip: o.listenIp, announcedAddress: o.announcedAddress, portRange: { min: o.minPort, max: o.maxPort } }
			],
			enableUdp: true,
			enableTcp: true,
			preferUdp: true,
			initialAvailableOutgoingBitrate: 1_000_000,
			appData: { peerId: peer.id, direction }
		});
		peer.transports.set(transport.id, transport);
		transport.observer.on('close', () => peer.transports.delete(transport.id));
		return {
			id: transport.id,
			iceParameters: transport.iceParameters,
			iceCandidates: transport.iceCandidates,
			dtlsParameters: transport.dtlsParameters
		};
	}

	async produce(peer: Peer, transportId: string, kind: types.MediaKind, rtpParameters: types.RtpParameters, source: string) {
		const transport = peer.transport(transportId);
		if (!transport) throw new Error('unknown transport');
		const producer = await transport.produce({ kind, rtpParameters, appData: { peerId: peer.id, source } });
		peer.producers.set(producer.id, producer);
		producer.observer.on('close', () => peer.producers.delete(producer.id));
		if (kind === 'audio') await this.audioLevel.addProducer({ producerId: producer.id }).catch(() => {});
		return producer;
	}

	/** Consumers start paused: the client resumes them once its side is ready (no lost keyframe). */
	async consume(peer: Peer, transportId: string, producerId: string, rtpCapabilities: types.RtpCapabilities) {
		const transport = peer.transport(transportId);
		if (!transport) throw new Error('unknown transport');
		if (!this.router.canConsume({ producerId, rtpCapabilities })) throw new Error('cannot consume');
		for (const c of peer.consumers.values()) if (c.producerId === producerId) throw new Error('already consuming');
		const consumer = await transport.consume({ producerId, rtpCapabilities, paused: true });
		peer.consumers.set(consumer.id, consumer);
		consumer.observer.on('close', () => peer.consumers.delete(consumer.id));
		return { id: consumer.id, producerId, kind: consumer.kind, rtpParameters: consumer.rtpParameters, type: consumer.type };
	}

	removePeer(peerId: string) {
		this.peers.get(peerId)?.close();
		this.peers.delete(peerId);
	}

	producersExcept(peerId: string) {
		const out: { peerId: string; producerId: string; kind: types.MediaKind }[] = [];
		for (const peer of this.peers.values()) if (peer.id !== peerId) for (const p of peer.producers.values()) out.push({ peerId: peer.id, producerId: p.id, kind: p.kind });
		return out;
	}

	close() {
		for (const peer of this.peers.values()) peer.close();
		this.peers.clear();
		this.router.close();
	}
}
