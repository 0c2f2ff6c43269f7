import './events.ts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { context } from '../context.ts';
import { forbidden, notFound, unauthenticated } from '../errors.ts';
import { parseInput } from '../validation.ts';
import type { Actor } from '../auth/accounts.ts';
import { presenceOf } from '../presence/index.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { mayCall, type Call, type CallEvent, type CallRefusal } from './call-machine.ts';
import { holdBothBusy, isBusy, releaseBusy } from './busy.ts';
import { callStore, type StoredCall } from './call-store.ts';
import { createDirectRoom } from './service.ts';
import { roomSettings } from './settings.ts';
import { recordEvent } from '../outbox/index.ts';

/**
 * Direct calls: the state machine of call-machine.ts over a call store (call-store.ts: memory,
 * or Redis when several nodes serve the members) plus the ring timer, kept by the node where the
 * call started. Both parties show "busy" from the first ring; a ringing or busy provider cannot
 * be called by someone else — two callers at the same instant: one rings, the other is told busy.
 */
const KEY = Symbol.for('relais.rooms.calls.timers');
type Holder = { [KEY]?: Map<string, ReturnType<typeof setTimeout>> };
/** ring timers (by call id) and join-grace timers (by room slug) of this node */
const timers = () => ((globalThis as Holder)[KEY] ??= new Map());

const refusalKeys: Record<CallRefusal, MessageKey> = {
	self: 'video.error.call_self',
	provider_offline: 'video.error.provider_offline',
	provider_unavailable: 'video.error.provider_unavailable',
	provider_busy: 'video.error.provider_busy',
	caller_busy: 'video.error.caller_busy'
};

const startInput = z.object({ providerId: z.uuid() }).strict();
const callInput = z.object({ callId: z.uuid() }).strict();

function clearTimer(key: string) {
	const timer = timers().get(key);
	if (timer) clearTimeout(timer);
	timers().delete(key);
}

/** Settles a ringing call once (whichever node asks first); the ring holds go unless accepted. */
async function finish(callId: string, event: CallEvent): Promise<StoredCall & { call: Call }> {
	const settled = await callStore().settle(callId, event);
	if (!settled.ok) throw settled.reason === 'not_allowed' ? forbidden('video.error.call_not_allowed') : notFound('video.error.call_not_found');
	clearTimer(callId);
	// accepted: both stay busy until they are in the room (acceptCall hands the hold to the room)
	if (settled.call.state !== 'accepted') await releaseCallHolds(settled.call);
	return { ...settled.entry, call: settled.call };
}

async function releaseCallHolds(call: Call) {
	await Promise.all([releaseBusy(call.callerId, `call:${call.id}`), releaseBusy(call.providerId, `call:${call.id}`)]);
}

/**
 * An accepted call, by the slug of its room, until it is over: each party's ring hold is released
 * as soon as they are in the room (the room holds them from then on); the first one to leave the
 * room hangs up. Nobody in the room after CALL_JOIN_GRACE: over too.
 */
const JOIN_GRACE_MS = 30_000;

function emitEnded(live: StoredCall, reason: 'declined' | 'timed_out' | 'cancelled') {
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
	const [providerInCall, callerInCall] = await Promise.all([isBusy(providerId), isBusy(me)]);
	const verdict = mayCall({ callerId: me, providerId, providerStatus: presenceOf([providerId])[providerId], providerInCall, callerInCall });
	if (!verdict.ok) throw forbidden(refusalKeys[verdict.reason]);
	const ringMs = roomSettings().ringMs;
	const call: Call = { id: randomUUID(), callerId: me, providerId, state: 'ringing', startedAt: Date.now() };
	// the check above may race with another caller: the pair of holds is taken atomically
	const held = await holdBothBusy(me, providerId, `call:${call.id}`);
	if (held !== 'ok') throw forbidden(refusalKeys[held]);
	const live: StoredCall = { call, providerSlug: provider.slug, providerName: `${provider.firstName} ${provider.lastName}` };
	try {
		await callStore().put(live, ringMs + 10_000);
	} catch (error) {
		await releaseCallHolds(call);
		throw error;
	}
	const timer = setTimeout(() => {
		timers().delete(call.id);
		void finish(call.id, { type: 'timeout' }).then(
			(ended) => emitEnded(ended, 'timed_out'),
			() => {}
		);
	}, ringMs);
	timer.unref?.();
	timers().set(call.id, timer);
	const ringSeconds = Math.round(ringMs / 1000);
	events.emit('call.ringing', { callId: call.id, callerId: me, callerName: `${caller.firstName} ${caller.lastName}`, providerId, ringSeconds });
	return { callId: call.id, ringSeconds };
}

function callIdOf(raw: unknown): string {
	return parseInput(callInput, raw).callId;
}

export async function acceptCall(actor: Actor, raw: unknown): Promise<{ slug: string }> {
	if (!actor) throw unauthenticated();
	const { call } = await finish(callIdOf(raw), { type: 'accept', by: actor.memberId });
	let slug: string;
	try {
		({ slug } = await createDirectRoom({ callerId: call.callerId, providerId: call.providerId }));
	} catch (error) {
		await releaseCallHolds(call);
		throw error;
	}
	await callStore().putAccepted(slug, call, JOIN_GRACE_MS + 10_000);
	const timer = setTimeout(() => {
		timers().delete(`slug:${slug}`);
		void hangUpDirectCall(slug).catch(() => {});
	}, JOIN_GRACE_MS);
	timer.unref?.();
	timers().set(`slug:${slug}`, timer);
	context().events.emit('call.accepted', { callId: call.id, callerId: call.callerId, providerId: call.providerId, slug });
	return { slug };
}

/** A party of a direct call is in its room: the room's own busy hold replaces the ring hold. */
export async function joinedDirectCall(slug: string, memberId: string): Promise<void> {
	const call = await callStore().getAccepted(slug);
	if (call) await releaseBusy(memberId, `call:${call.id}`);
}

/**
 * A direct call is over (a party left its room, or nobody came): both parties are callable again
 * at once. Returns whether a call was still going on.
 */
export async function hangUpDirectCall(slug: string): Promise<boolean> {
	clearTimer(`slug:${slug}`);
	const call = await callStore().takeAccepted(slug);
	if (!call) return false;
	await releaseCallHolds(call);
	return true;
}

export async function declineCall(actor: Actor, raw: unknown): Promise<{ declined: true }> {
	if (!actor) throw unauthenticated();
	emitEnded(await finish(callIdOf(raw), { type: 'decline', by: actor.memberId }), 'declined');
	return { declined: true };
}

export async function cancelCall(actor: Actor, raw: unknown): Promise<{ cancelled: true }> {
	if (!actor) throw unauthenticated();
	emitEnded(await finish(callIdOf(raw), { type: 'cancel', by: actor.memberId }), 'cancelled');
	return { cancelled: true };
}

/** The caller's last tab closed while ringing: the call is cancelled. */
export async function cancelCallsOf(callerId: string): Promise<void> {
	for (const callId of await callStore().ringingBy(callerId)) {
		const ended = await finish(callId, { type: 'cancel', by: callerId }).catch(() => null);
		if (ended) emitEnded(ended, 'cancelled');
	}
}

export function resetCalls() {
	for (const timer of timers().values()) clearTimeout(timer);
	timers().clear();
	callStore().reset();
}
