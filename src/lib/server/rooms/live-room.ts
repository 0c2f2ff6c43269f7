import { forbidden } from '../errors.ts';
import { decideTopology, shouldReturnToP2p, type RoomKind, type Topology } from './policy.ts';
import type { VideoMode } from './settings.ts';

/**
 * A live video room while people are in it: who is in (one entry per connection), who knocks at
 * the lobby, the host, and the media topology (peer-to-peer for two, the SFU for more, back to
 * peer-to-peer a while after only two remain). Pure: commands come in with the clock and the
 * settings they need, the room changes, and a list of effects comes out for the transport to
 * carry out (tell people, hold or release "busy", ask the media backend to drop a peer or close
 * the room, check again at a given instant). No sockets, no Redis, no timers here: the socket
 * layer (server/realtime/rooms.ts) relays, the node owning the room holds it (placement.ts).
 */

/** One connection in the room. */
export interface LiveParticipant {
	/** the connection's id, which the other participants address signals to */
	peerId: string;
	/** the node holding this connection (several nodes: REDIS_URL) */
	node: string;
	memberId: string;
	name: string;
	muted: boolean;
	cameraOff: boolean;
	sharing: boolean;
}

export type PublicParticipant = Omit<LiveParticipant, 'node'>;

export interface LobbyEntry {
	name: string;
	/** the knocker's connections waiting (told when admitted or denied) */
	connections: Set<string>;
}

/** What the room decides with: the clock, VIDEO_MODE, ROOM_P2P_RETURN_SECONDS and whether the media backend has an SFU. */
export interface LiveRoomClock {
	now: number;
	mode: VideoMode;
	p2pReturnMs: number;
	sfuAvailable: boolean;
}

export interface SignalPayload {
	description?: { type: 'offer' | 'answer'; sdp: string };
	candidate?: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null; usernameFragment?: string | null };
}

/**
 * What the transport does after a command, in this order. `toRoom` reaches every participant's
 * connection (and `except` one); `toPeer` one connection; `toMember` every tab of a member.
 */
export type LiveRoomEffect =
	| { type: 'enter'; peerId: string }
	| { type: 'exit'; peerId: string }
	| { type: 'hold-busy'; memberId: string; reason: string }
	| { type: 'release-busy'; memberId: string; reason: string }
	| { type: 'direct-joined'; memberId: string }
	| { type: 'direct-hung-up' }
	| { type: 'peer-joined'; peer: PublicParticipant; except: string }
	| { type: 'peer-left'; peerId: string; memberId: string }
	| { type: 'peer-updated'; peer: PublicParticipant }
	| { type: 'topology'; topology: Topology }
	| { type: 'knock'; hostId: string; memberId: string; name: string }
	| { type: 'admitted'; connections: string[] }
	| { type: 'denied'; connections: string[] }
	| ({ type: 'signal'; to: string; from: string } & SignalPayload)
	| { type: 'ice-restart'; to: string; from: string }
	/** the media backend drops this connection's streams */
	| { type: 'media-remove-peer'; peerId: string }
	/** the media backend closes the room's router (back to peer-to-peer, or the room emptied) */
	| { type: 'media-close' }
	/** call `tick` at this instant (replaces any earlier one) */
	| { type: 'check-at'; at: number }
	| { type: 'no-check' }
	/** nobody in the room nor its lobby: forget it */
	| { type: 'closed' };

export const busyReason = (peerId: string) => `room:${peerId}`;

export function publicParticipant(p: LiveParticipant): PublicParticipant {
	return { peerId: p.peerId, memberId: p.memberId, name: p.name, muted: p.muted, cameraOff: p.cameraOff, sharing: p.sharing };
}

export class LiveRoom {
	readonly participants = new Map<string, LiveParticipant>();
	readonly lobby = new Map<string, LobbyEntry>();
	private _topology: Topology = 'p2p';
	/** since when two or fewer have remained on the SFU (the return to P2P counts from it) */
	private twoSince: number | null = null;

	constructor(readonly room: { id: string; slug: string; kind: RoomKind; hostId: string }) {}

	get id() {
		return this.room.id;
	}
	get slug() {
		return this.room.slug;
	}
	get kind() {
		return this.room.kind;
	}
	get hostId() {
		return this.room.hostId;
	}
	get topology(): Topology {
		return this._topology;
	}
	get empty() {
		return this.participants.size === 0 && this.lobby.size === 0;
	}
	get lobbyList() {
		return [...this.lobby.entries()].map(([memberId, e]) => ({ memberId, name: e.name }));
	}

	/** The caller must be in the room with this connection. */
	requireParticipant(peerId: string): LiveParticipant {
		const me = this.participants.get(peerId);
		if (!me) throw forbidden('video.error.not_in_room');
		return me;
	}

	/** A member the access rules send to the lobby knocks: the host's tabs are told. */
	knock(who: { peerId: string; memberId: string; name: string }): LiveRoomEffect[] {
		const entry = this.lobby.get(who.memberId) ?? { name: who.name, connections: new Set<string>() };
		entry.connections.add(who.peerId);
		this.lobby.set(who.memberId, entry);
		return [{ type: 'knock', hostId: this.hostId, memberId: who.memberId, name: who.name }];
	}

	/**
	 * A member the access rules let in enters with this connection. A third participant moves the
	 * room to the SFU when the backend has one, else is refused ("salle pleine en pair-à-pair").
	 * Returns the participants already there (what the joiner connects to) and the effects.
	 */
	join(who: Omit<LiveParticipant, 'sharing'>, clock: LiveRoomClock): { others: PublicParticipant[]; effects: LiveRoomEffect[] } {
		const decision = decideTopology({ mode: clock.mode, participants: this.participants.size + 1, sfuAvailable: clock.sfuAvailable, current: this._topology });
		if ('refused' in decision) throw forbidden('video.error.p2p_full');
		this.lobby.delete(who.memberId);
		const me: LiveParticipant = { ...who, sharing: false };
		const others = [...this.participants.values()].map(publicParticipant);
		this.participants.set(me.peerId, me);
		const effects: LiveRoomEffect[] = [{ type: 'enter', peerId: me.peerId }];
		if (this.kind === 'direct') {
			// together in a direct call: both busy again (also when they come back after a hang-up)
			for (const p of this.participants.values()) effects.push({ type: 'hold-busy', memberId: p.memberId, reason: busyReason(p.peerId) });
			effects.push({ type: 'direct-joined', memberId: me.memberId });
		} else effects.push({ type: 'hold-busy', memberId: me.memberId, reason: busyReason(me.peerId) });
		effects.push(...this.setTopology(decision.topology), ...this.settle(clock));
		effects.push({ type: 'peer-joined', peer: publicParticipant(me), except: me.peerId });
		return { others, effects };
	}

	/**
	 * A connection leaves (`left`: leave, closed tab, its node died) or is about to join again from
	 * the same tab (`rejoin`). Leaving a direct call hangs up: whoever stays is callable at once.
	 */
	leave(peerId: string, clock: LiveRoomClock, why: 'left' | 'rejoin' = 'left'): LiveRoomEffect[] {
		const p = this.participants.get(peerId);
		if (!p) return [];
		this.participants.delete(peerId);
		const effects: LiveRoomEffect[] = [{ type: 'release-busy', memberId: p.memberId, reason: busyReason(peerId) }];
		if (this.kind === 'direct' && why === 'left') {
			effects.push({ type: 'direct-hung-up' });
			for (const other of this.participants.values()) effects.push({ type: 'release-busy', memberId: other.memberId, reason: busyReason(other.peerId) });
		}
		effects.push({ type: 'exit', peerId }, { type: 'media-remove-peer', peerId }, { type: 'peer-left', peerId, memberId: p.memberId });
		if (this.empty) return [...effects, { type: 'no-check' }, { type: 'closed' }];
		return [...effects, ...this.settle(clock)];
	}

	/** A connection went away: out of the room and of the lobby. */
	gone(peerId: string, clock: LiveRoomClock): LiveRoomEffect[] {
		const effects = this.leave(peerId, clock);
		if (effects.some((e) => e.type === 'closed')) return effects;
		for (const [memberId, entry] of this.lobby) {
			entry.connections.delete(peerId);
			if (entry.connections.size === 0) this.lobby.delete(memberId);
		}
		return this.empty ? [...effects, { type: 'no-check' }, { type: 'closed' }] : effects;
	}

	/** The host let a knocker in (the domain remembered it): its waiting tabs join by themselves. */
	admit(memberId: string): LiveRoomEffect[] {
		const entry = this.lobby.get(memberId);
		if (!entry) return [];
		this.lobby.delete(memberId);
		return [{ type: 'admitted', connections: [...entry.connections] }];
	}

	/** The host turned a knocker away. */
	deny(memberId: string): LiveRoomEffect[] {
		const entry = this.lobby.get(memberId);
		if (!entry) throw forbidden('video.error.not_in_lobby');
		this.lobby.delete(memberId);
		return [{ type: 'denied', connections: [...entry.connections] }];
	}

	/** Peer-to-peer offer / answer / ICE candidate to another participant (candidates also on the SFU). */
	signal(from: string, to: string, payload: SignalPayload): LiveRoomEffect[] {
		this.requireParticipant(from);
		if (!this.participants.has(to) || to === from) throw forbidden('video.error.peer_gone');
		if (this._topology !== 'p2p' && payload.description) throw forbidden('video.error.not_p2p');
		return [{ type: 'signal', to, from, description: payload.description, candidate: payload.candidate }];
	}

	iceRestart(from: string, to: string): LiveRoomEffect[] {
		this.requireParticipant(from);
		if (!this.participants.has(to) || to === from) throw forbidden('video.error.peer_gone');
		return [{ type: 'ice-restart', to, from }];
	}

	/** Microphone / camera / screen sharing of a participant: everyone in the room sees it. */
	update(peerId: string, state: { muted: boolean; cameraOff: boolean } | { sharing: boolean }): LiveRoomEffect[] {
		const me = this.requireParticipant(peerId);
		Object.assign(me, state);
		return [{ type: 'peer-updated', peer: publicParticipant(me) }];
	}

	/** The instant asked by a `check-at` effect came: back to peer-to-peer if two remained long enough. */
	tick(clock: LiveRoomClock): LiveRoomEffect[] {
		if (this.twoSince === null) return [];
		if (shouldReturnToP2p({ mode: clock.mode, topology: this._topology, participants: this.participants.size, since: this.twoSince, now: clock.now, delayMs: clock.p2pReturnMs })) {
			this.twoSince = null;
			return this.setTopology('p2p');
		}
		return this.settle(clock);
	}

	private setTopology(topology: Topology): LiveRoomEffect[] {
		if (this._topology === topology) return [];
		this._topology = topology;
		return topology === 'p2p' ? [{ type: 'topology', topology }, { type: 'media-close' }] : [{ type: 'topology', topology }];
	}

	/** On the SFU with two or fewer: when to check for the return to P2P; otherwise no check. */
	private settle(clock: LiveRoomClock): LiveRoomEffect[] {
		if (this._topology !== 'sfu' || this.participants.size > 2 || clock.mode === 'sfu') {
			this.twoSince = null;
			return [{ type: 'no-check' }];
		}
		this.twoSince ??= clock.now;
		return [{ type: 'check-at', at: this.twoSince + clock.p2pReturnMs }];
	}
}

/**
 * How media flows in a room, implemented outside the domain (server/media): peer-to-peer (the
 * browsers exchange it, the server only relays signalling) or mediasoup (a router forwards it).
 */
export interface MediaBackend {
	readonly kind: 'p2p' | 'sfu';
	/** can a room move to the SFU now (a live mediasoup worker on this node)? */
	sfuAvailable(): boolean;
	/** a participant left: its transports, producers and consumers go */
	removePeer(roomId: string, peerId: string): Promise<void>;
	/** the room went back to peer-to-peer or emptied: its router goes */
	closeRoom(roomId: string): Promise<void>;
}
