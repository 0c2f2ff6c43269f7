import './events.ts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { context } from '../context.ts';
import { forbidden, notFound, unauthenticated } from '../errors.ts';
import { parseInput } from '../validation.ts';
import type { Actor } from '../auth/accounts.ts';
import { presenceOf } from '../presence/index.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { mayCall, transition, type Call, type CallEvent, type CallRefusal } from './call-machine.ts';
import { holdBusy, isBusy, releaseBusy } from './busy.ts';
import { createDirectRoom } from './service.ts';
import { roomSettings } from './settings.ts';
import { recordEvent } from '../outbox/index.ts';

/**
 * Direct calls, in memory like presence (a call lives seconds): the state machine of
 * call-machine.ts plus the ring timer. Both parties show "busy" from the first ring; a ringing or
 * busy provider cannot be called by someone else.
 */
interface LiveCall {
	call: Call;
	timer: ReturnType<typeof setTimeout>;
	providerSlug: string;
	providerName: string;
}

const KEY = Symbol.for('relais.rooms.calls');
type Holder = { [KEY]?: Map<string, LiveCall> };
const calls = () => ((globalThis as Holder)[KEY] ??= new Map());

const refusalKeys: Record<CallRefusal, MessageKey> = {
	self: 'video.error.call_self',
	provider_offline: 'video.error.provider_offline',
	provider_unavailable: 'video.error.provider_unavailable',
	provider_busy: 'video.error.provider_busy',
	caller_busy: 'video.error.caller_busy'
};

const startInput = z.object({ providerId: z.uuid() }).strict();
const callInput = z.object({ callId: z.uuid() }).strict();

function ringingFor(memberId: string): boolean {
	for (const live of calls().values()) if (live.call.state === 'ringing' && (live.call.providerId === memberId || live.call.callerId === memberId)) return true;
	return false;
}

function finish(live: LiveCall, event: CallEvent) {
	const result = transition(live.call, event);
	if (!result.ok) throw result.reason === 'not_ringing' ? notFound('video.error.call_not_found') : forbidden('video.error.call_not_allowed');
	clearTimeout(live.timer);
	calls().delete(live.call.id);
	live.call = result.call;
	// accepted: both stay busy until they are in the room (acceptCall hands the hold to the room)
	if (result.call.state !== 'accepted') releaseCallHolds(live.call);
	return result.call;
}

function releaseCallHolds(call: Call) {
	releaseBusy(call.callerId, `call:${call.id}`);
	releaseBusy(call.providerId, `call:${call.id}`);
}

/**
 * An accepted call, by the slug of its room, until it is over: each party's ring hold is released
 * as soon as they are in the room (the room holds them from then on); the first one to leave the
 * room hangs up. Nobody in the room after CALL_JOIN_GRACE: over too.
 */
interface AcceptedCall {
	call: Call;
	timer: ReturnType<typeof setTimeout>;
}
const ACCEPTED_KEY = Symbol.for('relais.rooms.calls.accepted');
type AcceptedHolder = { [ACCEPTED_KEY]?: Map<string, AcceptedCall> };
const accepted = () => ((globalThis as AcceptedHolder)[ACCEPTED_KEY] ??= new Map());
const JOIN_GRACE_MS = 30_000;

function emitEnded(live: LiveCall, reason: 'declined' | 'timed_out' | 'cancelled') {
	const { callId, callerId, providerId } = { callId: live.call.id, callerId: live.call.callerId, providerId: live.call.providerId };
	context().events.emit('call.ended', { callId, callerId, providerId, providerSlug: live.providerSlug, providerName: live.providerName, reason });
	if (reason === 'timed_out') void recordMissedCall({ callId, callerId, providerId });
}

/**
 * An unanswered call is a fact worth keeping (the provider's "appel manqué" notification): calls
 * live in memory, so the event is recorded on its own, at the moment the ring ends.
 */
export async function recordMissedCall(call: { callId: string; callerId: string; providerId: string }): Promise<void> {
	try {
		await context().db.$transaction((tx) => recordEvent(tx, 'call.missed', call));
	} catch (error) {
		console.error(`[calls] missed call ${call.callId} not recorded: ${(error as Error).message}`);
	}
}

/** "Appeler" on a provider's profile: rings every open tab of the provider for CALL_RING_SECONDS. */
export async function startCall(actor: Actor, raw: unknown): Promise<{ callId: string; ringSeconds: number }> {
	if (!actor) throw unauthenticated();
	const { providerId } = parseInput(startInput, raw);
	const me = actor.memberId;
	const { db, events } = context();
	const [provider, caller] = await Promise.all([
		db.member.findUnique({
			where: { id: providerId },
			select: {
				status: true,
				slug: true,
				firstName: true,
				lastName: true,
				blocksMade: { where: { blockedId: me }, select: { blockerId: true } },
				blocksReceived: { where: { blockerId: me }, select: { blockerId: true } }
			}
		}),
		db.member.findUniqueOrThrow({ where: { id: me }, select: { firstName: true, lastName: true } })
	]);
	if (!provider || provider.status !== 'active') throw notFound('video.error.provider_offline');
	if (provider.blocksMade.length || provider.blocksReceived.length) throw forbidden('video.error.blocked');
	const verdict = mayCall({
		callerId: me,
		providerId,
		providerStatus: presenceOf([providerId])[providerId],
		providerInCall: isBusy(providerId) || ringingFor(providerId),
		callerInCall: isBusy(me) || ringingFor(me)
	});
	if (!verdict.ok) throw forbidden(refusalKeys[verdict.reason]);
	const ringMs = roomSettings().ringMs;
	const call: Call = { id: randomUUID(), callerId: me, providerId, state: 'ringing', startedAt: Date.now() };
	const live: LiveCall = {
		call,
		providerSlug: provider.slug,
		providerName: `${provider.firstName} ${provider.lastName}`,
		timer: setTimeout(() => {
			if (calls().get(call.id) !== live) return;
			finish(live, { type: 'timeout' });
			emitEnded(live, 'timed_out');
		}, ringMs)
	};
	live.timer.unref?.();
	calls().set(call.id, live);
	holdBusy(me, `call:${call.id}`);
	holdBusy(providerId, `call:${call.id}`);
	const ringSeconds = Math.round(ringMs / 1000);
	events.emit('call.ringing', { callId: call.id, callerId: me, callerName: `${caller.firstName} ${caller.lastName}`, providerId, ringSeconds });
	return { callId: call.id, ringSeconds };
}

function liveCall(raw: unknown): LiveCall {
	const { callId } = parseInput(callInput, raw);
	const live = calls().get(callId);
	if (!live) throw notFound('video.error.call_not_found');
	return live;
}

export async function acceptCall(actor: Actor, raw: unknown): Promise<{ slug: string }> {
	if (!actor) throw unauthenticated();
	const live = liveCall(raw);
	const call = finish(live, { type: 'accept', by: actor.memberId });
	let slug: string;
	try {
		({ slug } = await createDirectRoom({ callerId: call.callerId, providerId: call.providerId }));
	} catch (error) {
		releaseCallHolds(call);
		throw error;
	}
	const timer = setTimeout(() => hangUpDirectCall(slug), JOIN_GRACE_MS);
	timer.unref?.();
	accepted().set(slug, { call, timer });
	context().events.emit('call.accepted', { callId: call.id, callerId: call.callerId, providerId: call.providerId, slug });
	return { slug };
}

/** A party of a direct call is in its room: the room's own busy hold replaces the ring hold. */
export function joinedDirectCall(slug: string, memberId: string) {
	const entry = accepted().get(slug);
	if (entry) releaseBusy(memberId, `call:${entry.call.id}`);
}

/**
 * A direct call is over (a party left its room, or nobody came): both parties are callable again
 * at once. Returns whether a call was still going on.
 */
export function hangUpDirectCall(slug: string): boolean {
	const entry = accepted().get(slug);
	if (!entry) return false;
	clearTimeout(entry.timer);
	accepted().delete(slug);
	releaseCallHolds(entry.call);
	return true;
}

export function declineCall(actor: Actor, raw: unknown): { declined: true } {
	if (!actor) throw unauthenticated();
	const live = liveCall(raw);
	finish(live, { type: 'decline', by: actor.memberId });
	emitEnded(live, 'declined');
	return { declined: true };
}

export function cancelCall(actor: Actor, raw: unknown): { cancelled: true } {
	if (!actor) throw unauthenticated();
	const live = liveCall(raw);
	finish(live, { type: 'cancel', by: actor.memberId });
	emitEnded(live, 'cancelled');
	return { cancelled: true };
}

/** The caller's last tab closed while ringing: the call is cancelled. */
export function cancelCallsOf(callerId: string) {
	for (const live of [...calls().values()]) {
		if (live.call.callerId !== callerId || live.call.state !== 'ringing') continue;
		finish(live, { type: 'cancel', by: callerId });
		emitEnded(live, 'cancelled');
	}
}

export function resetCalls() {
	for (const live of calls().values()) clearTimeout(live.timer);
	calls().clear();
	for (const entry of accepted().values()) clearTimeout(entry.timer);
	accepted().clear();
}
