import { describe, expect, it } from 'vitest';
import { LiveRoom, type LiveRoomClock, type LiveRoomEffect } from '../../src/lib/server/rooms/live-room.ts';

/**
 * The live room aggregate alone: commands in, effects out, the clock passed in (no socket, no
 * Redis, no timer). What the socket layer carries out is pinned by tests/integration/rooms.test.ts.
 */
const T0 = Date.parse('2026-12-01T09:00:00Z');
const clock = (over: Partial<LiveRoomClock> = {}): LiveRoomClock => ({ now: T0, mode: 'auto', p2pReturnMs: 10_000, sfuAvailable: false, ...over });
const meeting = () => new LiveRoom({ id: 'room-1', slug: 'point-hebdo', kind: 'adhoc', hostId: 'host' });
const person = (n: string, memberId = n) => ({ peerId: `sock-${n}`, node: 'local', memberId, name: `Nom ${n}`, muted: false, cameraOff: false });
const types = (effects: LiveRoomEffect[]) => effects.map((e) => e.type);
const find = <K extends LiveRoomEffect['type']>(effects: LiveRoomEffect[], type: K) => effects.find((e) => e.type === type) as Extract<LiveRoomEffect, { type: K }> | undefined;

describe('live room: entering', () => {
	it('lets two in peer-to-peer, each one busy and announced to the others', () => {
		const room = meeting();
		const first = room.join(person('host'), clock());
		expect(first.others).toEqual([]);
		expect(types(first.effects)).toEqual(['enter', 'hold-busy', 'no-check', 'peer-joined']);
		expect(find(first.effects, 'hold-busy')).toEqual({ type: 'hold-busy', memberId: 'host', reason: 'room:sock-host' });
		const second = room.join(person('guest'), clock());
		expect(second.others).toEqual([{ peerId: 'sock-host', memberId: 'host', name: 'Nom host', muted: false, cameraOff: false, sharing: false }]);
		expect(find(second.effects, 'peer-joined')).toMatchObject({ except: 'sock-guest', peer: { memberId: 'guest' } });
		expect(room.topology).toBe('p2p');
		expect(room.participants.size).toBe(2);
	});

	it('refuses a third with "salle pleine en pair-à-pair" when the backend has no SFU, and changes nothing', () => {
		const room = meeting();
		room.join(person('host'), clock());
		room.join(person('guest'), clock());
		expect(() => room.join(person('third'), clock())).toThrow(expect.objectContaining({ kind: 'forbidden', key: 'video.error.p2p_full' }));
		expect(room.participants.size).toBe(2);
		expect(room.topology).toBe('p2p');
	});

	it('moves the room to the SFU for a third when the backend has one, then back to P2P once two remained for the delay', () => {
		const room = meeting();
		const sfu = clock({ sfuAvailable: true });
		room.join(person('host'), sfu);
		room.join(person('guest'), sfu);
		const third = room.join(person('third'), sfu);
		expect(room.topology).toBe('sfu');
		expect(types(third.effects)).toEqual(['enter', 'hold-busy', 'topology', 'no-check', 'peer-joined']);
		expect(find(third.effects, 'topology')).toEqual({ type: 'topology', topology: 'sfu' });

		// one leaves at T0 + 5 s: the room asks to be checked at T0 + 15 s
		const left = room.leave('sock-third', { ...sfu, now: T0 + 5_000 });
		expect(types(left)).toEqual(['release-busy', 'exit', 'media-remove-peer', 'peer-left', 'check-at']);
		expect(find(left, 'check-at')).toEqual({ type: 'check-at', at: T0 + 15_000 });
		// a timer firing a millisecond early: not yet, check again at the same instant
		expect(room.tick({ ...sfu, now: T0 + 14_999 })).toEqual([{ type: 'check-at', at: T0 + 15_000 }]);
		expect(room.topology).toBe('sfu');
		// the delay is over: peer-to-peer again, the SFU room is closed
		expect(room.tick({ ...sfu, now: T0 + 15_000 })).toEqual([{ type: 'topology', topology: 'p2p' }, { type: 'media-close' }]);
		expect(room.topology).toBe('p2p');
		expect(room.tick({ ...sfu, now: T0 + 20_000 })).toEqual([]);
	});

	it('stays on the SFU when someone comes back before the delay; VIDEO_MODE=sfu never returns', () => {
		const room = meeting();
		const sfu = clock({ sfuAvailable: true });
		for (const n of ['a', 'b', 'c']) room.join(person(n), sfu);
		room.leave('sock-c', { ...sfu, now: T0 + 1_000 });
		const back = room.join(person('c'), { ...sfu, now: T0 + 2_000 });
		expect(find(back.effects, 'no-check')).toBeDefined();
		expect(room.tick({ ...sfu, now: T0 + 60_000 })).toEqual([]);
		expect(room.topology).toBe('sfu');

		const always = meeting();
		const sfuMode = clock({ sfuAvailable: true, mode: 'sfu' });
		expect(find(always.join(person('a'), sfuMode).effects, 'topology')).toEqual({ type: 'topology', topology: 'sfu' });
		always.join(person('b'), sfuMode);
		expect(types(always.leave('sock-b', { ...sfuMode, now: T0 + 1_000 }))).toContain('no-check');
		expect(always.tick({ ...sfuMode, now: T0 + 60_000 })).toEqual([]);
		expect(always.topology).toBe('sfu');
	});
});

describe('live room: the lobby', () => {
	it('a knock tells the host; admitting tells every waiting tab, and the admitted member joins', () => {
		const room = meeting();
		room.join(person('host'), clock());
		expect(room.knock({ peerId: 'tab-1', memberId: 'stranger', name: 'Léa Petit' })).toEqual([{ type: 'knock', hostId: 'host', memberId: 'stranger', name: 'Léa Petit' }]);
		room.knock({ peerId: 'tab-2', memberId: 'stranger', name: 'Léa Petit' });
		expect(room.lobbyList).toEqual([{ memberId: 'stranger', name: 'Léa Petit' }]);
		expect(room.admit('stranger')).toEqual([{ type: 'admitted', connections: ['tab-1', 'tab-2'] }]);
		expect(room.lobbyList).toEqual([]);
		// admitting twice, or someone who never knocked: nothing to tell
		expect(room.admit('stranger')).toEqual([]);
		room.join({ ...person('stranger'), peerId: 'tab-1' }, clock());
		expect(room.participants.has('tab-1')).toBe(true);
	});

	it('joining takes the member out of the lobby; denying tells the knocker, and denying again is refused', () => {
		const room = meeting();
		room.join(person('host'), clock());
		room.knock({ peerId: 'tab-x', memberId: 'x', name: 'X' });
		room.knock({ peerId: 'tab-y', memberId: 'y', name: 'Y' });
		room.join({ ...person('x'), peerId: 'tab-x' }, clock());
		expect(room.lobbyList.map((e) => e.memberId)).toEqual(['y']);
		expect(room.deny('y')).toEqual([{ type: 'denied', connections: ['tab-y'] }]);
		expect(() => room.deny('y')).toThrow(expect.objectContaining({ key: 'video.error.not_in_lobby' }));
	});

	it('a knocker who closes the tab leaves the lobby; the room is forgotten once nobody is in it or waiting', () => {
		const room = meeting();
		room.knock({ peerId: 'tab-k', memberId: 'k', name: 'K' });
		expect(room.empty).toBe(false);
		expect(types(room.gone('tab-k', clock()))).toEqual(['no-check', 'closed']);
		expect(room.empty).toBe(true);
	});
});

describe('live room: leaving', () => {
	it('the host leaving: the others are told and stay, knockers keep waiting; the last one out closes the room', () => {
		const room = meeting();
		room.join(person('host'), clock());
		room.join(person('guest'), clock());
		room.knock({ peerId: 'tab-k', memberId: 'knocker', name: 'Hugo Leroy' });
		const hostLeft = room.leave('sock-host', clock());
		expect(find(hostLeft, 'peer-left')).toEqual({ type: 'peer-left', peerId: 'sock-host', memberId: 'host' });
		expect(types(hostLeft)).not.toContain('closed');
		expect(room.hostId).toBe('host');
		// the host comes back and finds who still waits (the join's reply lists them), then turns them away
		room.join(person('host'), clock());
		expect(room.lobbyList).toEqual([{ memberId: 'knocker', name: 'Hugo Leroy' }]);
		room.deny('knocker');
		expect(room.participants.size).toBe(2);
		room.leave('sock-host', clock());
		expect(types(room.leave('sock-guest', clock()))).toEqual(['release-busy', 'exit', 'media-remove-peer', 'peer-left', 'no-check', 'closed']);
		// leaving twice does nothing
		expect(room.leave('sock-guest', clock())).toEqual([]);
	});

	it('a direct call: together both are busy; one leaving hangs up and frees the other, a rejoin does not', () => {
		const call = new LiveRoom({ id: 'call-1', slug: 'appel-direct', kind: 'direct', hostId: 'provider' });
		call.join(person('provider'), clock());
		const caller = call.join(person('caller'), clock());
		expect(caller.effects.filter((e) => e.type === 'hold-busy').map((e) => (e as { memberId: string }).memberId)).toEqual(['provider', 'caller']);
		expect(find(caller.effects, 'direct-joined')).toEqual({ type: 'direct-joined', memberId: 'caller' });
		expect(types(call.leave('sock-caller', clock(), 'rejoin'))).not.toContain('direct-hung-up');
		call.join(person('caller'), clock());
		const hungUp = call.leave('sock-caller', clock());
		expect(types(hungUp)).toContain('direct-hung-up');
		expect(hungUp.filter((e) => e.type === 'release-busy').map((e) => (e as { memberId: string }).memberId)).toEqual(['caller', 'provider']);
	});
});

describe('live room: signalling', () => {
	it('relays offers, answers and candidates between participants only; no offer once on the SFU', () => {
		const room = meeting();
		room.join(person('a'), clock());
		room.join(person('b'), clock());
		const offer = { description: { type: 'offer' as const, sdp: 'v=0' } };
		expect(room.signal('sock-a', 'sock-b', offer)).toEqual([{ type: 'signal', from: 'sock-a', to: 'sock-b', ...offer, candidate: undefined }]);
		expect(() => room.signal('sock-z', 'sock-b', offer)).toThrow(expect.objectContaining({ key: 'video.error.not_in_room' }));
		expect(() => room.signal('sock-a', 'sock-a', offer)).toThrow(expect.objectContaining({ key: 'video.error.peer_gone' }));
		expect(() => room.iceRestart('sock-a', 'nobody')).toThrow(expect.objectContaining({ key: 'video.error.peer_gone' }));
		expect(room.update('sock-b', { muted: true, cameraOff: false })).toEqual([{ type: 'peer-updated', peer: expect.objectContaining({ peerId: 'sock-b', muted: true }) }]);
		expect(room.update('sock-a', { sharing: true })[0]).toMatchObject({ peer: { sharing: true } });

		room.join(person('c'), clock({ sfuAvailable: true }));
		expect(() => room.signal('sock-a', 'sock-b', offer)).toThrow(expect.objectContaining({ key: 'video.error.not_p2p' }));
		const candidate = { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };
		expect(room.signal('sock-a', 'sock-b', candidate)).toHaveLength(1);
	});
});
