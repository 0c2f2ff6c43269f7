/**
 * Direct calls ("en direct", MyTeleworker): a visitor or member calls an online, available provider
 * from the profile. Pure state machine — the transport (server/realtime/calls.ts) owns the timers.
 *
 *   ringing ──accept──▶ accepted (both go to a fresh room)
 *      │ ──decline──▶ declined
 *      │ ──timeout──▶ timed_out (the caller may leave a message or book a slot)
 *      └ ──cancel───▶ cancelled (by the caller)
 */
export type CallState = 'ringing' | 'accepted' | 'declined' | 'timed_out' | 'cancelled';
export type CallEvent = { type: 'accept'; by: string } | { type: 'decline'; by: string } | { type: 'cancel'; by: string } | { type: 'timeout' };

export interface Call {
	id: string;
	callerId: string;
	providerId: string;
	state: CallState;
	startedAt: number;
}

export type Transition = { ok: true; call: Call } | { ok: false; reason: 'not_ringing' | 'not_allowed' };

export function transition(call: Call, event: CallEvent): Transition {
	if (call.state !== 'ringing') return { ok: false, reason: 'not_ringing' };
	switch (event.type) {
		case 'accept':
		case 'decline':
			if (event.by !== call.providerId) return { ok: false, reason: 'not_allowed' };
			return { ok: true, call: { ...call, state: event.type === 'accept' ? 'accepted' : 'declined' } };
		case 'cancel':
			if (event.by !== call.callerId) return { ok: false, reason: 'not_allowed' };
			return { ok: true, call: { ...call, state: 'cancelled' } };
		case 'timeout':
			return { ok: true, call: { ...call, state: 'timed_out' } };
	}
}

export type CallRefusal = 'self' | 'provider_offline' | 'provider_unavailable' | 'provider_busy' | 'caller_busy';

/**
 * May `callerId` ring `providerId` now? The provider must be online with "Disponible pour un appel"
 * on, and neither party already in a call or ringing.
 */
export function mayCall(input: {
	callerId: string;
	providerId: string;
	providerStatus: 'available' | 'online' | 'away' | 'busy' | 'offline';
	providerInCall: boolean;
	callerInCall: boolean;
}): { ok: true } | { ok: false; reason: CallRefusal } {
	if (input.callerId === input.providerId) return { ok: false, reason: 'self' };
	if (input.providerStatus === 'offline') return { ok: false, reason: 'provider_offline' };
	if (input.providerInCall || input.providerStatus === 'busy') return { ok: false, reason: 'provider_busy' };
	if (input.providerStatus !== 'available') return { ok: false, reason: 'provider_unavailable' };
	if (input.callerInCall) return { ok: false, reason: 'caller_busy' };
	return { ok: true };
}
