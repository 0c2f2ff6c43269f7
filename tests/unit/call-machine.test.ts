import { describe, expect, it } from 'vitest';
import { mayCall, transition, type Call } from '../../src/lib/server/rooms/call-machine.ts';

const ringing: Call = { id: 'c1', callerId: 'caller', providerId: 'provider', state: 'ringing', startedAt: 0 };

describe('direct call state machine', () => {
	it('the provider accepts or declines a ringing call', () => {
		expect(transition(ringing, { type: 'accept', by: 'provider' })).toMatchObject({ ok: true, call: { state: 'accepted' } });
		expect(transition(ringing, { type: 'decline', by: 'provider' })).toMatchObject({ ok: true, call: { state: 'declined' } });
	});
	it('only the provider answers, only the caller cancels', () => {
		expect(transition(ringing, { type: 'accept', by: 'caller' })).toEqual({ ok: false, reason: 'not_allowed' });
		expect(transition(ringing, { type: 'decline', by: 'someone' })).toEqual({ ok: false, reason: 'not_allowed' });
		expect(transition(ringing, { type: 'cancel', by: 'provider' })).toEqual({ ok: false, reason: 'not_allowed' });
		expect(transition(ringing, { type: 'cancel', by: 'caller' })).toMatchObject({ ok: true, call: { state: 'cancelled' } });
	});
	it('times out', () => {
		expect(transition(ringing, { type: 'timeout' })).toMatchObject({ ok: true, call: { state: 'timed_out' } });
	});
	it('a finished call accepts no further event (accept after timeout, cancel after accept…)', () => {
		for (const state of ['accepted', 'declined', 'timed_out', 'cancelled'] as const) {
			const call = { ...ringing, state };
			expect(transition(call, { type: 'accept', by: 'provider' })).toEqual({ ok: false, reason: 'not_ringing' });
			expect(transition(call, { type: 'cancel', by: 'caller' })).toEqual({ ok: false, reason: 'not_ringing' });
			expect(transition(call, { type: 'timeout' })).toEqual({ ok: false, reason: 'not_ringing' });
		}
	});
	it('is pure: the original call is untouched', () => {
		transition(ringing, { type: 'accept', by: 'provider' });
		expect(ringing.state).toBe('ringing');
	});
});

describe('who may be called', () => {
	const base = { callerId: 'a', providerId: 'b', providerStatus: 'available' as const, providerInCall: false, callerInCall: false };
	it('an online provider available for calls', () => {
		expect(mayCall(base)).toEqual({ ok: true });
	});
	it('not oneself, not offline, not unavailable, not busy', () => {
		expect(mayCall({ ...base, providerId: 'a' })).toEqual({ ok: false, reason: 'self' });
		expect(mayCall({ ...base, providerStatus: 'offline' })).toEqual({ ok: false, reason: 'provider_offline' });
		expect(mayCall({ ...base, providerStatus: 'online' })).toEqual({ ok: false, reason: 'provider_unavailable' });
		expect(mayCall({ ...base, providerStatus: 'away' })).toEqual({ ok: false, reason: 'provider_unavailable' });
		expect(mayCall({ ...base, providerStatus: 'busy' })).toEqual({ ok: false, reason: 'provider_busy' });
		expect(mayCall({ ...base, providerInCall: true })).toEqual({ ok: false, reason: 'provider_busy' });
		expect(mayCall({ ...base, callerInCall: true })).toEqual({ ok: false, reason: 'caller_busy' });
	});
});
