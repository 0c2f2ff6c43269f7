import type { Namespace, Server, Socket } from 'socket.io';
import { z } from 'zod';
import {
	autoWatchedMemberIds,
	connectPresence,
	disconnectPresence,
	heartbeat,
	MAX_WATCHED,
	presenceOf,
	setAvailability,
	watchableMemberIds
} from '../../src/lib/server/presence/index.ts';
import type { Actor } from '../../src/lib/server/auth/accounts.ts';
import type { DomainEvents } from '../../src/lib/server/events.ts';
import { register, type HandlerContext } from './protocol.ts';

/**
 * Presence over socket.io. A connection watches members by joining `presence:<id>` rooms: its
 * contacts automatically, plus the capped list it sends with `presence:watch` (profile page,
 * directory results, conversation list). Changes go to those rooms only — never to everyone.
 */
export const PRESENCE_EVENTS = ['presence:watch', 'presence:heartbeat', 'presence:available'] as const;

const watchInput = z.object({ ids: z.array(z.uuid()).max(MAX_WATCHED) }).strict();
const heartbeatInput = z.object({ state: z.enum(['active', 'idle']) }).strict();
const availableInput = z.object({ available: z.boolean() }).strict();

export const presenceRoom = (memberId: string) => `presence:${memberId}`;

/** `presence:watch` for any namespace: replaces the connection's explicit watch list. */
export function registerWatch(ctx: HandlerContext, actor: Actor, autoRooms: Set<string>) {
	let watched = new Set<string>();
	register(ctx, 'presence:watch', { schema: watchInput, limit: 'presence' }, async ({ ids }) => {
		const allowed = await watchableMemberIds(actor, ids);
		const next = new Set(allowed.map(presenceRoom));
		for (const room of watched) if (!next.has(room) && !autoRooms.has(room)) void ctx.socket.leave(room);
		for (const room of next) if (!watched.has(room)) void ctx.socket.join(room);
		watched = next;
		return { presence: presenceOf(allowed) };
	});
}

/** Handlers and lifecycle of a member's connection. */
export async function attachMemberPresence(ctx: HandlerContext, memberId: string) {
	const { socket } = ctx;
	const actor = { memberId };
	const autoRooms = new Set<string>();
	// registered before any await, so no early event is lost
	registerWatch(ctx, actor, autoRooms);
	register(ctx, 'presence:heartbeat', { schema: heartbeatInput, limit: 'presence' }, ({ state }) => ({ status: heartbeat(socket.id, state) }));
	register(ctx, 'presence:available', { schema: availableInput, limit: 'presence' }, (input) => setAvailability(actor, input));
	socket.on('disconnect', () => {
		void disconnectPresence(socket.id).catch((e: Error) => ctx.log(`presence disconnect failed: ${e.message}`));
	});
	await connectPresence(memberId, socket.id);
	if (socket.disconnected) {
		await disconnectPresence(socket.id);
		return;
	}
	const contacts = await autoWatchedMemberIds(memberId);
	for (const id of [memberId, ...contacts]) autoRooms.add(presenceRoom(id));
	await socket.join([...autoRooms]);
	return presenceOf(contacts);
}

/** presence.changed → the watchers' rooms, in every namespace that has watchers. */
export function presenceBroadcaster(io: Server, events: DomainEvents, namespaces: Namespace[]) {
	return [
		events.on('presence.changed', ({ memberId, status, availableForCalls }) => {
			const payload = { memberId, status, availableForCalls };
			io.to(presenceRoom(memberId)).emit('presence:update', payload);
			for (const ns of namespaces) ns.to(presenceRoom(memberId)).emit('presence:update', payload);
		}),
		// new contacts watch each other at once, on every open tab; removed ones stop
		events.on('contact.added', ({ memberIds: [a, b] }) => {
			for (const [watcher, watched] of [[a, b], [b, a]] as const) {
				io.in(`member:${watcher}`).socketsJoin(presenceRoom(watched));
				const status = presenceOf([watched])[watched] ?? 'offline';
				io.to(`member:${watcher}`).emit('presence:update', { memberId: watched, status, availableForCalls: status === 'available' });
			}
		}),
		events.on('contact.removed', ({ memberIds: [a, b] }) => {
			io.in(`member:${a}`).socketsLeave(presenceRoom(b));
			io.in(`member:${b}`).socketsLeave(presenceRoom(a));
		}),
		events.on('presence.connection_reaped', ({ connectionId }) => {
			const socket: Socket | undefined = io.sockets.sockets.get(connectionId);
			socket?.disconnect(true);
		})
	];
}
