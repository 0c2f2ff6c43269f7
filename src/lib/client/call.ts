import type { Socket } from 'socket.io-client';
import { ask, getSocket } from './socket.ts';
import { layerForTile, SfuSession } from './call-sfu.ts';

/**
 * The browser side of a video room. Peer-to-peer (one RTCPeerConnection per other participant,
 * the newcomer sends the offers) while the server says `p2p`; mediasoup-client (send + receive
 * transports, simulcast camera, consumers resumed after creation) only when it says `sfu`.
 * Reconnection: on a network drop the socket reconnects and the room is joined again; a peer
 * connection that fails is restarted with an ICE restart.
 */
export type Topology = 'p2p' | 'sfu';

export interface RemoteParticipant {
	peerId: string;
	memberId: string;
	name: string;
	muted: boolean;
	cameraOff: boolean;
	sharing: boolean;
}

export interface JoinReply {
	status: 'joined' | 'lobby';
	room: { slug: string; hostId: string };
	relation?: string;
	peerId?: string;
	participants?: RemoteParticipant[];
	topology?: Topology;
	iceServers?: RTCIceServer[];
	lobby?: { memberId: string; name: string }[];
}

export interface CallEvents {
	participants(list: RemoteParticipant[]): void;
	stream(peerId: string, stream: MediaStream | null): void;
	topology(topology: Topology): void;
	connection(state: 'connected' | 'reconnecting' | 'failed'): void;
	knock(k: { memberId: string; name: string }): void;
	lobby(state: 'waiting' | 'admitted' | 'denied'): void;
	activeSpeaker(peerId: string | null): void;
	/** someone left the call (left, closed the tab or lost the network) */
	peerLeft(peer: RemoteParticipant): void;
	error(message: string): void;
	ended(): void;
}

export class CallController {
	readonly peers = new Map<string, RTCPeerConnection>();
	private streams = new Map<string, MediaStream>();
	private remote = new Map<string, RemoteParticipant>();
	private socket: Socket;
	private iceServers: RTCIceServer[] = [];
	private offerer = new Set<string>();
	private restartTimers = new Map<string, ReturnType<typeof setTimeout>>();
	private off: (() => void)[] = [];
	private sfu: SfuSession | null = null;
	private tileLayers = new Map<string, number>();
	selfId: string | null = null;
	topology: Topology = 'p2p';
	muted = false;
	cameraOff = false;
	sharing = false;
	private screenTrack: MediaStreamTrack | null = null;
	private joined = false;
	private left = false;

	constructor(
		readonly slug: string,
		public local: MediaStream,
		private on: CallEvents
	) {
		this.socket = getSocket('member');
		this.listen();
	}

	private listen() {
		const s = this.socket;
		const handlers: Record<string, (payload: any) => void> = {
			'room:peer-joined': (p: { slug: string; peer: RemoteParticipant }) => {
				if (p.slug !== this.slug) return;
				this.remote.set(p.peer.peerId, p.peer);
				this.emitParticipants();
				// the newcomer sends the offer; on the SFU its producers arrive as sfu:new-producer
			},
			'room:peer-left': (p: { slug: string; peerId: string }) => {
				if (p.slug !== this.slug) return;
				const gone = this.remote.get(p.peerId);
				this.remote.delete(p.peerId);
				this.closePeer(p.peerId);
				this.sfu?.dropPeer(p.peerId);
				this.emitParticipants();
				if (gone) this.on.peerLeft(gone);
			},
			'room:peer-updated': (p: { slug: string; peer: RemoteParticipant }) => {
				if (p.slug !== this.slug || p.peer.peerId === this.selfId) return;
				this.remote.set(p.peer.peerId, p.peer);
				this.emitParticipants();
			},
			'room:signal': (m: { slug: string; from: string; description?: RTCSessionDescriptionInit; candidate?: RTCIceCandidateInit }) => {
				if (m.slug === this.slug) void this.onSignal(m);
			},
			'room:ice-restart': (m: { slug: string; from: string }) => {
				if (m.slug === this.slug) void this.offer(m.from, true);
			},
			'room:topology': (m: { slug: string; topology: Topology }) => {
				// while joining, the reply carries the topology: acting on the event too would start a second session
				if (m.slug === this.slug && this.joined) void this.switchTopology(m.topology);
			},
			'room:reconnect': (m: { slug: string }) => {
				if (m.slug === this.slug) void this.rejoin();
			},
			'room:knock': (k: { slug: string; memberId: string; name: string }) => {
				if (k.slug === this.slug) this.on.knock(k);
			},
			'room:admitted': (m: { slug: string }) => {
				if (m.slug === this.slug) {
					this.on.lobby('admitted');
					void this.join();
				}
			},
			'room:denied': (m: { slug: string }) => {
				if (m.slug === this.slug) this.on.lobby('denied');
			},
			'room:active-speaker': (m: { slug: string; peerId: string | null }) => {
				if (m.slug === this.slug) this.on.activeSpeaker(m.peerId);
			},
			'sfu:new-producer': (m: { slug: string; peerId: string; producerId: string }) => {
				if (m.slug === this.slug && this.sfu) void this.consume(m.peerId, m.producerId);
			},
			disconnect: () => {
				if (this.joined && !this.left) this.on.connection('reconnecting');
			},
			connect: () => {
				if (this.joined && !this.left) void this.rejoin();
			}
		};
		for (const [event, handler] of Object.entries(handlers)) {
			s.on(event, handler);
			this.off.push(() => s.off(event, handler));
		}
	}

	private emitParticipants() {
		this.on.participants([...this.remote.values()]);
	}

	/** Joins (or knocks). Resolves with the server's reply; errors are reported through `on.error`. */
	async join(): Promise<JoinReply | null> {
		const reply = await ask<JoinReply>('room:join', { slug: this.slug, muted: this.muted, cameraOff: this.cameraOff });
		if (!reply.ok || !reply.data) {
			this.on.error(reply.error?.message || '');
			return null;
		}
		const data = reply.data;
		if (data.status === 'lobby') {
			this.on.lobby('waiting');
			return data;
		}
		this.joined = true;
		this.left = false;
		this.selfId = data.peerId ?? null;
		this.iceServers = data.iceServers ?? [];
		this.remote = new Map((data.participants ?? []).map((p) => [p.peerId, p]));
		this.emitParticipants();
		this.topology = data.topology ?? 'p2p';
		this.on.topology(this.topology);
		this.on.connection('connected');
		for (const k of data.lobby ?? []) this.on.knock(k);
		if (this.topology === 'p2p') for (const p of this.remote.keys()) await this.offer(p, false);
		else await this.startSfu();
		return data;
	}

	private async rejoin() {
		for (const id of [...this.peers.keys()]) this.closePeer(id);
		this.closeSfu();
		this.joined = false;
		await this.join();
	}

	// ——— peer-to-peer ———

	private peer(peerId: string): RTCPeerConnection {
		let pc = this.peers.get(peerId);
		if (pc) return pc;
		pc = new RTCPeerConnection({ iceServers: this.iceServers });
		this.peers.set(peerId, pc);
		for (const track of this.local.getTracks()) pc.addTrack(track, this.local);
		if (this.screenTrack) this.replaceVideo(this.screenTrack);
		pc.onicecandidate = (e) => {
			if (e.candidate) void ask('room:signal', { slug: this.slug, to: peerId, candidate: e.candidate.toJSON() });
		};
		pc.ontrack = (e) => {
			const stream = e.streams[0] ?? this.streams.get(peerId) ?? new MediaStream();
			if (!e.streams[0]) stream.addTrack(e.track);
			this.streams.set(peerId, stream);
			this.on.stream(peerId, stream);
		};
		pc.onconnectionstatechange = () => {
			const state = pc.connectionState;
			if (state === 'connected') {
				clearTimeout(this.restartTimers.get(peerId));
				this.on.connection('connected');
			} else if (state === 'disconnected' || state === 'failed') {
				this.on.connection('reconnecting');
				clearTimeout(this.restartTimers.get(peerId));
				this.restartTimers.set(
					peerId,
					setTimeout(() => void this.restart(peerId), state === 'failed' ? 0 : 2500)
				);
			}
		};
		return pc;
	}

	private async restart(peerId: string) {
		const pc = this.peers.get(peerId);
		if (!pc || pc.connectionState === 'connected') return;
		if (this.offerer.has(peerId)) await this.offer(peerId, true);
		else await ask('room:ice-restart', { slug: this.slug, to: peerId });
	}

	private async offer(peerId: string, iceRestart: boolean) {
		const pc = this.peer(peerId);
		this.offerer.add(peerId);
		const offer = await pc.createOffer({ iceRestart });
		await pc.setLocalDescription(offer);
		await ask('room:signal', { slug: this.slug, to: peerId, description: { type: 'offer', sdp: pc.localDescription!.sdp } });
	}

	private async onSignal(m: { from: string; description?: RTCSessionDescriptionInit; candidate?: RTCIceCandidateInit }) {
		try {
			if (m.description) {
				const pc = this.peer(m.from);
				if (m.description.type === 'offer') {
					// an offer from the other side: we answer (a glare resolves to the newer offer)
					if (pc.signalingState !== 'stable') await pc.setLocalDescription({ type: 'rollback' });
					this.offerer.delete(m.from);
					await pc.setRemoteDescription(m.description);
					const answer = await pc.createAnswer();
					await pc.setLocalDescription(answer);
					await ask('room:signal', { slug: this.slug, to: m.from, description: { type: 'answer', sdp: pc.localDescription!.sdp } });
				} else if (pc.signalingState === 'have-local-offer') {
					await pc.setRemoteDescription(m.description);
				}
			} else if (m.candidate) {
				await this.peers.get(m.from)?.addIceCandidate(m.candidate).catch(() => {});
			}
		} catch (error) {
			console.warn('signalling failed', error);
		}
	}

	private closePeer(peerId: string) {
		this.peers.get(peerId)?.close();
		this.peers.delete(peerId);
		this.offerer.delete(peerId);
		clearTimeout(this.restartTimers.get(peerId));
		this.streams.delete(peerId);
		this.on.stream(peerId, null);
	}

	private replaceVideo(track: MediaStreamTrack | null) {
		for (const pc of this.peers.values()) {
			const sender = pc.getSenders().find((s) => s.track?.kind === 'video' || (s.track === null && track?.kind === 'video'));
			void sender?.replaceTrack(track);
		}
		if (track) this.sfu?.replaceVideo(track);
	}

	// ——— SFU (mediasoup-client) ———

	private async switchTopology(topology: Topology) {
		if (topology === this.topology) return;
		this.topology = topology;
		this.on.topology(topology);
		for (const id of [...this.peers.keys()]) this.closePeer(id);
		this.closeSfu();
		if (topology === 'sfu') await this.startSfu();
		else {
			// back to P2P: the participant with the smaller id offers
			for (const p of this.remote.keys()) if (this.selfId && this.selfId < p) await this.offer(p, false);
		}
	}

	private async startSfu() {
		this.closeSfu();
		this.sfu = new SfuSession(this.slug, this.iceServers, {
			track: (peerId, track) => {
				const stream = this.streams.get(peerId) ?? new MediaStream();
				stream.addTrack(track);
				this.streams.set(peerId, stream);
				this.on.stream(peerId, stream);
			},
			connection: (state) => this.on.connection(state),
			error: (message) => this.on.error(message)
		});
		for (const [peerId, layer] of this.tileLayers) void this.sfu.preferLayer(peerId, layer);
		await this.sfu.start(this.local, this.screenTrack);
	}

	/** A remote tile was laid out at `heightCss` pixels: on the SFU, receive the layer it needs. */
	setTileSize(peerId: string, heightCss: number) {
		const layer = layerForTile(heightCss, globalThis.devicePixelRatio ?? 1);
		this.tileLayers.set(peerId, layer);
		void this.sfu?.preferLayer(peerId, layer);
	}

	private async consume(peerId: string, producerId: string) {
		await this.sfu?.consume(peerId, producerId);
	}

	private closeSfu() {
		if (!this.sfu) return;
		this.sfu.close();
		this.sfu = null;
		for (const id of [...this.streams.keys()]) {
			this.streams.delete(id);
			this.on.stream(id, null);
		}
	}

	// ——— controls ———

	private async sendState() {
		await ask('room:media', { slug: this.slug, muted: this.muted, cameraOff: this.cameraOff });
	}

	async setMuted(muted: boolean) {
		this.muted = muted;
		for (const t of this.local.getAudioTracks()) t.enabled = !muted;
		this.sfu?.setMicPaused(muted);
		if (this.joined) await this.sendState();
	}

	async setCameraOff(off: boolean) {
		this.cameraOff = off;
		for (const t of this.local.getVideoTracks()) t.enabled = !off;
		if (this.joined) await this.sendState();
	}

	/** Screen share replaces the camera track on every connection; stopping puts the camera back. */
	async setSharing(on: boolean): Promise<boolean> {
		if (on) {
			let display: MediaStream;
			try {
				display = await navigator.mediaDevices.getDisplayMedia({ video: true });
			} catch {
				return false;
			}
			const track = display.getVideoTracks()[0];
			if (!track) return false;
			this.screenTrack = track;
			track.onended = () => void this.setSharing(false);
			this.replaceVideo(track);
		} else {
			this.screenTrack?.stop();
			this.screenTrack = null;
			this.replaceVideo(this.local.getVideoTracks()[0] ?? null);
		}
		this.sharing = on;
		await ask('room:screen', { slug: this.slug, sharing: on });
		return true;
	}

	/** Replaces the local stream (device change in the call). */
	setLocalStream(stream: MediaStream) {
		this.local = stream;
		const audio = stream.getAudioTracks()[0];
		const video = stream.getVideoTracks()[0];
		for (const pc of this.peers.values()) {
			for (const sender of pc.getSenders()) {
				if (sender.track?.kind === 'audio' && audio) void sender.replaceTrack(audio);
				if (sender.track?.kind === 'video' && video && !this.screenTrack) void sender.replaceTrack(video);
			}
		}
	}

	async admit(memberId: string) {
		const r = await ask('room:admit', { slug: this.slug, memberId });
		if (!r.ok) this.on.error(r.error?.message ?? '');
	}

	async deny(memberId: string) {
		await ask('room:deny', { slug: this.slug, memberId });
	}

	/** Network quality from getStats: round-trip time and packet loss of the first connection. */
	async quality(): Promise<'good' | 'fair' | 'poor' | 'unknown'> {
		const pc = [...this.peers.values()][0];
		if (!pc) return 'unknown';
		const stats = await pc.getStats();
		let rtt: number | null = null;
		let lost = 0;
		let received = 0;
		stats.forEach((s: any) => {
			if (s.type === 'candidate-pair' && s.nominated && typeof s.currentRoundTripTime === 'number') rtt = s.currentRoundTripTime;
			if (s.type === 'inbound-rtp') {
				lost += s.packetsLost ?? 0;
				received += s.packetsReceived ?? 0;
			}
		});
		if (rtt === null && received === 0) return 'unknown';
		const loss = received + lost > 0 ? lost / (received + lost) : 0;
		const r = rtt ?? 0;
		if (r < 0.15 && loss < 0.02) return 'good';
		if (r < 0.4 && loss < 0.08) return 'fair';
		return 'poor';
	}

	/** Whether this tab is in the call now (joined and not left). */
	get inCall(): boolean {
		return this.joined && !this.left;
	}

	async leave() {
		this.left = true;
		this.joined = false;
		if (this.sharing) await this.setSharing(false).catch(() => {});
		await ask('room:leave', { slug: this.slug });
		this.dispose();
		this.on.ended();
	}

	dispose() {
		for (const id of [...this.peers.keys()]) this.closePeer(id);
		this.closeSfu();
		for (const off of this.off) off();
		this.off = [];
	}
}
