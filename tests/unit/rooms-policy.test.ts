import { describe, expect, it } from 'vitest';
import { appointmentWindow, checkGroupSize, decideAccess, decideTopology, lifetimeState, mayAdmit, shouldReturnToP2p } from '../../src/lib/server/rooms/policy.ts';

const start = new Date('2026-12-01T09:00:00Z');
const end = new Date('2026-12-01T09:30:00Z');
const win = appointmentWindow(start, end, { opensBeforeMs: 10 * 60_000, graceMs: 15 * 60_000 });
const room = { ...win, maxParticipants: 8 };
const at = (iso: string) => new Date(iso);

describe('room lifetime', () => {
	it('opens ROOM_OPENS_MINUTES_BEFORE before the start and closes ROOM_GRACE_MINUTES after the end', () => {
		expect(win.opensAt.toISOString()).toBe('2026-12-01T08:50:00.000Z');
		expect(win.closesAt.toISOString()).toBe('2026-12-01T09:45:00.000Z');
		expect(lifetimeState(room, at('2026-12-01T08:49:59Z'))).toBe('not_open');
		expect(lifetimeState(room, at('2026-12-01T08:50:00Z'))).toBe('open');
		expect(lifetimeState(room, at('2026-12-01T09:45:00Z'))).toBe('open');
		expect(lifetimeState(room, at('2026-12-01T09:45:01Z'))).toBe('closed');
	});
});

describe('who may join when', () => {
	const during = at('2026-12-01T09:05:00Z');
	it('lets the two parties (host, invited) in while open', () => {
		expect(decideAccess({ room, relation: 'host', participants: 0, now: during })).toEqual({ outcome: 'enter' });
		expect(decideAccess({ room, relation: 'invited', participants: 1, now: during })).toEqual({ outcome: 'enter' });
		expect(decideAccess({ room, relation: 'admitted', participants: 1, now: during })).toEqual({ outcome: 'enter' });
	});
	it('sends anyone else to the lobby (knock to join)', () => {
		expect(decideAccess({ room, relation: 'stranger', participants: 1, now: during })).toEqual({ outcome: 'lobby' });
	});
	it('refuses everyone before opening, after closing, when full or cancelled', () => {
		expect(decideAccess({ room, relation: 'host', participants: 0, now: at('2026-12-01T08:00:00Z') })).toEqual({ outcome: 'refused', reason: 'not_open' });
		expect(decideAccess({ room, relation: 'invited', participants: 0, now: at('2026-12-01T10:00:00Z') })).toEqual({ outcome: 'refused', reason: 'closed' });
		expect(decideAccess({ room, relation: 'stranger', participants: 0, now: at('2026-12-01T10:00:00Z') })).toEqual({ outcome: 'refused', reason: 'closed' });
		expect(decideAccess({ room, relation: 'invited', participants: 8, now: during })).toEqual({ outcome: 'refused', reason: 'full' });
		expect(decideAccess({ room: { ...room, cancelled: true }, relation: 'host', participants: 0, now: during })).toEqual({ outcome: 'refused', reason: 'cancelled' });
	});
	it('only the host admits from the lobby', () => {
		expect(mayAdmit('host')).toBe(true);
		expect(mayAdmit('invited')).toBe(false);
		expect(mayAdmit('admitted')).toBe(false);
		expect(mayAdmit('stranger')).toBe(false);
	});
	it('limits group rooms to maxParticipants, host included', () => {
		expect(checkGroupSize(7, 8)).toBe(true);
		expect(checkGroupSize(8, 8)).toBe(false);
	});
});

describe('media topology', () => {
	it('auto: two people peer-to-peer, a third switches to the SFU when a worker runs', () => {
		expect(decideTopology({ mode: 'auto', participants: 1, sfuAvailable: true, current: 'p2p' })).toEqual({ topology: 'p2p' });
		expect(decideTopology({ mode: 'auto', participants: 2, sfuAvailable: true, current: 'p2p' })).toEqual({ topology: 'p2p' });
		expect(decideTopology({ mode: 'auto', participants: 3, sfuAvailable: true, current: 'p2p' })).toEqual({ topology: 'sfu' });
	});
	it('without a worker (or VIDEO_MODE=p2p) the third is refused: "salle pleine en pair-à-pair"', () => {
		expect(decideTopology({ mode: 'auto', participants: 3, sfuAvailable: false, current: 'p2p' })).toEqual({ refused: 'p2p_full' });
		expect(decideTopology({ mode: 'p2p', participants: 3, sfuAvailable: true, current: 'p2p' })).toEqual({ refused: 'p2p_full' });
		expect(decideTopology({ mode: 'p2p', participants: 2, sfuAvailable: true, current: 'p2p' })).toEqual({ topology: 'p2p' });
	});
	it('VIDEO_MODE=sfu uses the SFU from the start when it can, and falls back to P2P for two otherwise', () => {
		expect(decideTopology({ mode: 'sfu', participants: 1, sfuAvailable: true, current: 'p2p' })).toEqual({ topology: 'sfu' });
		expect(decideTopology({ mode: 'sfu', participants: 2, sfuAvailable: false, current: 'p2p' })).toEqual({ topology: 'p2p' });
		expect(decideTopology({ mode: 'sfu', participants: 3, sfuAvailable: false, current: 'p2p' })).toEqual({ refused: 'p2p_full' });
	});
	it('an SFU room stays on the SFU when someone rejoins, and goes back to P2P only after the delay', () => {
		expect(decideTopology({ mode: 'auto', participants: 2, sfuAvailable: true, current: 'sfu' })).toEqual({ topology: 'sfu' });
		const base = { mode: 'auto' as const, topology: 'sfu' as const, participants: 2, since: 1000, delayMs: 10_000 };
		expect(shouldReturnToP2p({ ...base, now: 5000 })).toBe(false);
		expect(shouldReturnToP2p({ ...base, now: 11_000 })).toBe(true);
		expect(shouldReturnToP2p({ ...base, participants: 3, now: 11_000 })).toBe(false);
		expect(shouldReturnToP2p({ ...base, mode: 'sfu', now: 11_000 })).toBe(false);
		expect(shouldReturnToP2p({ ...base, topology: 'p2p', now: 11_000 })).toBe(false);
	});
});
