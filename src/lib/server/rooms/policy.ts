import type { VideoMode } from './settings.ts';

/**
 * The rules of video rooms, as pure functions (no database, no clock of their own): when a room is
 * open, who enters directly, who knocks at the lobby, and which media topology a room uses.
 */
export type RoomKind = 'appointment' | 'adhoc' | 'direct';
export type Topology = 'p2p' | 'sfu';

/** An appointment's room opens `opensBeforeMs` before the start and closes `graceMs` after the end. */
export function appointmentWindow(startAt: Date, endAt: Date, settings: { opensBeforeMs: number; graceMs: number }) {
	return { opensAt: new Date(startAt.getTime() - settings.opensBeforeMs), closesAt: new Date(endAt.getTime() + settings.graceMs) };
}

export function lifetimeState(room: { opensAt: Date; closesAt: Date }, now: Date): 'not_open' | 'open' | 'closed' {
	if (now.getTime() < room.opensAt.getTime()) return 'not_open';
	if (now.getTime() > room.closesAt.getTime()) return 'closed';
	return 'open';
}

export type Relation = 'host' | 'invited' | 'admitted' | 'stranger';

export interface AccessInput {
	room: { opensAt: Date; closesAt: Date; maxParticipants: number; cancelled?: boolean };
	relation: Relation;
	/** participants in the room now, not counting this member */
	participants: number;
	now: Date;
}

export type AccessDecision =
	| { outcome: 'enter' }
	| { outcome: 'lobby' }
	| { outcome: 'refused'; reason: 'cancelled' | 'not_open' | 'closed' | 'full' };

/**
 * Host and invited members (for an appointment: the provider and the member who booked) enter while
 * the room is open; anyone else knocks and waits in the lobby until the host admits them. Nobody
 * enters a cancelled, not-yet-open, closed or full room.
 */
export function decideAccess({ room, relation, participants, now }: AccessInput): AccessDecision {
	if (room.cancelled) return { outcome: 'refused', reason: 'cancelled' };
	const state = lifetimeState(room, now);
	if (state !== 'open') return { outcome: 'refused', reason: state };
	if (participants >= room.maxParticipants) return { outcome: 'refused', reason: 'full' };
	if (relation === 'stranger') return { outcome: 'lobby' };
	return { outcome: 'enter' };
}

/** Only the host admits or denies knockers. */
export function mayAdmit(relation: Relation): boolean {
	return relation === 'host';
}

export interface TopologyInput {
	mode: VideoMode;
	/** participants once the joiner is in */
	participants: number;
	sfuAvailable: boolean;
	current: Topology;
}

/**
 * Two people talk peer-to-peer; a third makes the room switch to the SFU — when a mediasoup worker
 * runs. Without one (or with VIDEO_MODE=p2p), the third is refused with a clear message rather than
 * given a broken call. VIDEO_MODE=sfu uses the SFU from the first participant when it can.
 */
export function decideTopology({ mode, participants, sfuAvailable, current }: TopologyInput): { topology: Topology } | { refused: 'p2p_full' } {
	if (mode === 'sfu' && sfuAvailable) return { topology: 'sfu' };
	if (participants <= 2) return { topology: current === 'sfu' && sfuAvailable && mode !== 'p2p' ? 'sfu' : 'p2p' };
	if (mode !== 'p2p' && sfuAvailable) return { topology: 'sfu' };
	return { refused: 'p2p_full' };
}

/** After people left an SFU room: go back to P2P once two (or fewer) remained for `delayMs`. */
export function shouldReturnToP2p(input: { mode: VideoMode; topology: Topology; participants: number; since: number; now: number; delayMs: number }): boolean {
	if (input.mode === 'sfu' || input.topology !== 'sfu') return false;
	return input.participants <= 2 && input.now - input.since >= input.delayMs;
}

/** Group rooms: the host plus invitees must fit in the room. */
export function checkGroupSize(invitees: number, maxParticipants: number): boolean {
	return invitees + 1 <= maxParticipants;
}
