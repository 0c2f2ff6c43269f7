import './events.ts';
import { z } from 'zod';
import { context } from '../context.ts';
import { unauthenticated } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { isRecruiterOnly, listedProviderWhere, resolveActor, type ActorRef as Actor } from '../access/index.ts';
import { presenceSettings } from './settings.ts';
import { registry, type PresenceStatus } from './registry.ts';
import { sharedPresence } from './shared.ts';

export type { PresenceStatus };

/**
 * Presence, aggregated over every connection (tab, device) of a member: online while one is
 * connected and active, away when all report idle, busy in a call, offline when the last one goes
 * or is reaped. Providers add an explicit, persisted switch "Disponible pour un appel" / "Hors ligne"
 * (Member.availableForCalls, off by default). Changes are emitted as `presence.changed`; the
 * transport sends them only to watchers. With REDIS_URL the same rules run in Redis over every
 * node's connections (redis-store.ts); reads come from the node's mirror, still synchronous.
 */

const LAST_SEEN_EVERY_MS = 5 * 60_000;
export const MAX_WATCHED = 200;

function refresh(memberId: string) {
	const reg = registry();
	const state = reg.state(memberId);
	const status = reg.compute(memberId);
	const previous = state?.status ?? 'offline';
	if (state) state.status = status;
	if (status !== previous) {
		context().events.emit('presence.changed', { memberId, status, availableForCalls: state?.availableForCalls ?? false });
	}
	reg.forgetIfEmpty(memberId);
	return status;
}

async function touchLastSeen(memberId: string, now = new Date()) {
	const state = registry().state(memberId);
	if (state) state.lastSeenWrite = now.getTime();
	await context().db.member.updateMany({ where: { id: memberId }, data: { lastSeenAt: now } });
}

/** A new connection of `memberId` (id chosen by the transport). */
export async function connectPresence(memberId: string, connectionId: string): Promise<PresenceStatus> {
	const shared = sharedPresence();
	if (shared) {
		const member = await context().db.member.findUnique({ where: { id: memberId }, select: { availableForCalls: true } });
		await context().db.member.updateMany({ where: { id: memberId }, data: { lastSeenAt: new Date() } });
		return shared.connect(memberId, connectionId, member?.availableForCalls ?? false);
	}
	const reg = registry();
	if (!reg.state(memberId)) {
		const member = await context().db.member.findUnique({ where: { id: memberId }, select: { availableForCalls: true } });
		reg.ensure(memberId, member?.availableForCalls ?? false);
	}
	const state = reg.ensure(memberId, false);
	const connection = { id: connectionId, memberId, lastBeat: Date.now(), idle: false };
	state.connections.set(connectionId, connection);
	reg.connections.set(connectionId, connection);
	await touchLastSeen(memberId);
	return refresh(memberId);
}

/** The client's heartbeat, carrying whether the user is active or idle (no input for a while). */
export function heartbeat(connectionId: string, activity: 'active' | 'idle' = 'active'): PresenceStatus | null | Promise<PresenceStatus | null> {
	const shared = sharedPresence();
	if (shared) return sharedHeartbeat(connectionId, activity);
	const reg = registry();
	const connection = reg.connections.get(connectionId);
	if (!connection) return null;
	const now = Date.now();
	connection.lastBeat = now;
	connection.idle = activity === 'idle';
	const state = reg.state(connection.memberId);
	if (state && now - state.lastSeenWrite > LAST_SEEN_EVERY_MS) void touchLastSeen(connection.memberId).catch(() => {});
	return refresh(connection.memberId);
}

async function sharedHeartbeat(connectionId: string, activity: 'active' | 'idle') {
	const shared = sharedPresence()!;
	const memberId = shared.memberOf(connectionId);
	const seen = ((globalThis as { [LAST_SEEN_KEY]?: Map<string, number> })[LAST_SEEN_KEY] ??= new Map());
	const now = Date.now();
	if (memberId && now - (seen.get(memberId) ?? 0) > LAST_SEEN_EVERY_MS) {
		seen.set(memberId, now);
		void context().db.member.updateMany({ where: { id: memberId }, data: { lastSeenAt: new Date(now) } }).catch(() => {});
	}
	return shared.beat(connectionId, activity === 'idle');
}
const LAST_SEEN_KEY = Symbol.for('relais.presence.lastSeen');

/** A connection closed (or was reaped). */
export async function disconnectPresence(connectionId: string): Promise<PresenceStatus | null> {
	const shared = sharedPresence();
	if (shared) {
		const memberId = shared.memberOf(connectionId);
		const status = await shared.disconnect(connectionId);
		if (memberId && status === 'offline') await touchLastSeen(memberId).catch(() => {});
		return status;
	}
	const reg = registry();
	const connection = reg.connections.get(connectionId);
	if (!connection) return null;
	reg.connections.delete(connectionId);
	const state = reg.state(connection.memberId);
	state?.connections.delete(connectionId);
	if (!state || state.connections.size === 0) await touchLastSeen(connection.memberId).catch(() => {});
	return refresh(connection.memberId);
}

/** Removes connections whose heartbeat stopped (a crashed tab must not stay online forever). */
export async function reapStaleConnections(now = Date.now()): Promise<string[]> {
	const reg = registry();
	const shared = sharedPresence();
	const staleBefore = now - presenceSettings().staleMs;
	const reaped: { id: string; memberId: string }[] = [];
	if (shared) {
		for (const [id, c] of shared.local) if (c.lastBeat < staleBefore) reaped.push({ id, memberId: c.memberId });
	} else for (const connection of reg.connections.values()) if (connection.lastBeat < staleBefore) reaped.push({ id: connection.id, memberId: connection.memberId });
	for (const { id, memberId } of reaped) {
		await disconnectPresence(id);
		context().events.emit('presence.connection_reaped', { memberId, connectionId: id });
	}
	return reaped.map((r) => r.id);
}

const availabilityInput = z.object({ available: z.boolean({ error: 'error.invalid_form' }) }).strict();

/** The provider's switch "Disponible pour un appel" (true) / "Hors ligne" (false), kept across sessions. */
export async function setAvailability(actor: Actor, raw: unknown): Promise<{ availableForCalls: boolean; status: PresenceStatus }> {
	if (!actor) throw unauthenticated();
	const { available } = parseInput(availabilityInput, raw);
	await context().db.member.update({ where: { id: actor.memberId }, data: { availableForCalls: available } });
	const shared = sharedPresence();
	if (shared) return { availableForCalls: available, status: await shared.setAvailable(actor.memberId, available) };
	const state = registry().state(actor.memberId);
	let status: PresenceStatus = 'offline';
	if (state) {
		const changed = state.availableForCalls !== available;
		const before = state.status;
		state.availableForCalls = available;
		status = refresh(actor.memberId);
		// the status may stay the same (away, busy) while the switch moved: watchers still learn it
		if (changed && status === before) {
			context().events.emit('presence.changed', { memberId: actor.memberId, status, availableForCalls: available });
		}
	}
	return { availableForCalls: available, status };
}

export async function availability(actor: Actor): Promise<{ availableForCalls: boolean }> {
	if (!actor) throw unauthenticated();
	const member = await context().db.member.findUniqueOrThrow({ where: { id: actor.memberId }, select: { availableForCalls: true } });
	return member;
}

/** For the video calls: while in a call the member shows as busy. */
export function setInCall(memberId: string, inCall: boolean): PresenceStatus {
	const shared = sharedPresence();
	if (shared) {
		// rooms/busy.ts holds reasons in Redis itself; this covers direct callers of setInCall
		void (inCall ? shared.hold(memberId, 'in-call') : shared.release(memberId, 'in-call'));
		return shared.status(memberId);
	}
	const reg = registry();
	const state = reg.state(memberId) ?? (inCall ? reg.ensure(memberId, false) : undefined);
	if (!state) return 'offline';
	state.inCall = inCall;
	return refresh(memberId);
}

/** Statuses of the given members (offline when unknown). */
export function presenceOf(memberIds: readonly string[]): Record<string, PresenceStatus> {
	const reg = sharedPresence() ?? registry();
	const out: Record<string, PresenceStatus> = {};
	for (const id of memberIds) out[id] = reg.status(id);
	return out;
}

/**
 * Members among `memberIds` who are connected right now (online, available, busy or away); with
 * `availableOnly`, only those available for a call. For the directory's "en ligne maintenant" filter.
 */
export function onlineMemberIds(memberIds: readonly string[], options: { availableOnly?: boolean } = {}): string[] {
	const reg = sharedPresence() ?? registry();
	return memberIds.filter((id) => {
		const status = reg.status(id);
		return options.availableOnly ? status === 'available' : status !== 'offline';
	});
}

/** Every member connected right now, to any node (the directory's "en ligne maintenant" filter). */
export function connectedMemberIds(options: { availableOnly?: boolean } = {}): string[] {
	const shared = sharedPresence();
	return onlineMemberIds(shared ? shared.onlineIds() : [...registry().members.keys()], options);
}

export function isOnline(memberId: string): boolean {
	return (sharedPresence() ?? registry()).status(memberId) !== 'offline';
}

/**
 * Which of `memberIds` the actor may watch: members listed in the directory, contacts and
 * conversation partners — never someone who blocked the actor. Visitors without an account:
 * listed providers only.
 */
export async function watchableMemberIds(ref: Actor, memberIds: readonly string[]): Promise<string[]> {
	const ids = [...new Set(memberIds)].slice(0, MAX_WATCHED);
	if (ids.length === 0) return [];
	const { db } = context();
	const actor = await resolveActor(ref);
	// a recruiter-only member sees no profile, so no one's presence either (contacts still come from autoWatchedMemberIds)
	if (isRecruiterOnly(actor)) return ids.filter((id) => id === actor!.memberId);
	if (!actor) {
		const rows = await db.member.findMany({
			where: { id: { in: ids }, ...listedProviderWhere },
			select: { id: true }
		});
		return rows.map((r) => r.id);
	}
	const me = actor.memberId;
	const rows = await db.member.findMany({
		where: {
			id: { in: ids },
			status: 'active',
			blocksMade: { none: { blockedId: me } },
			OR: [
				{ id: me },
				{ visibleInDirectory: true },
				{ contactsOf: { some: { ownerId: me } } },
				{ conversationEntries: { some: { leftAt: null, conversation: { members: { some: { memberId: me, leftAt: null } } } } } }
			]
		},
		select: { id: true }
	});
	return rows.map((r) => r.id);
}

/** Contacts are watched automatically by every connection of the member. */
export async function autoWatchedMemberIds(memberId: string): Promise<string[]> {
	const rows = await context().db.contact.findMany({
		where: { ownerId: memberId, other: { status: 'active', blocksMade: { none: { blockedId: memberId } } } },
		select: { otherId: true },
		take: 2000
	});
	return rows.map((r) => r.otherId);
}
