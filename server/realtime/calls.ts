import type { Server } from 'socket.io';
import { z } from 'zod';
import { acceptCall, cancelCall, cancelCallsOf, declineCall, startCall } from '../../src/lib/server/rooms/index.ts';
import type { DomainEvents } from '../../src/lib/server/events.ts';
import { register, type HandlerContext } from './protocol.ts';
import { memberRoom } from './chat.ts';
import { actorOfMember, type Role } from '../../src/lib/server/access/index.ts';

/**
 * Direct calls over socket.io: the caller starts a call from the provider's profile; every open
 * tab of the provider rings (`call:incoming`); accept → both get `call:accepted` with the fresh
 * room's slug; decline / time-out / cancel → `call:ended` (the caller is then offered to leave a
 * message or book a slot).
 */
export const CALL_EVENTS = ['call:start', 'call:accept', 'call:decline', 'call:cancel'] as const;

const startInput = z.object({ providerId: z.uuid() }).strict();
const callInput = z.object({ callId: z.uuid() }).strict();

export function attachMemberCalls(ctx: HandlerContext, member: { id: string; roles: readonly Role[] }, io: Server) {
	const actor = actorOfMember(member);
	register(ctx, 'call:start', { schema: startInput, limit: 'other' }, (input) => startCall(actor, input));
	register(ctx, 'call:accept', { schema: callInput, limit: 'other' }, (input) => acceptCall(actor, input));
	register(ctx, 'call:decline', { schema: callInput, limit: 'other' }, (input) => declineCall(actor, input));
	register(ctx, 'call:cancel', { schema: callInput, limit: 'other' }, (input) => cancelCall(actor, input));
	ctx.socket.on('disconnect', () => {
		// the caller's last tab went away while ringing: cancel
		void io
			.in(memberRoom(member.id))
			.fetchSockets()
			.then((sockets) => {
				if (sockets.length === 0) return cancelCallsOf(member.id);
			})
			.catch(() => {});
	});
}

export function callBroadcaster(io: Server, events: DomainEvents) {
	return [
		events.on('call.ringing', ({ callId, callerId, callerName, providerId, ringSeconds }) => {
			io.to(memberRoom(providerId)).emit('call:incoming', { callId, callerId, callerName, ringSeconds });
		}),
		events.on('call.accepted', ({ callId, callerId, providerId, slug }) => {
			io.to([memberRoom(callerId), memberRoom(providerId)]).emit('call:accepted', { callId, slug });
		}),
		events.on('call.ended', ({ callId, callerId, providerId, providerSlug, providerName, reason }) => {
			const payload = { callId, reason, providerName, contactUrl: `/contact-provider/${providerSlug}`, bookUrl: `/book/${providerSlug}` };
			io.to([memberRoom(callerId), memberRoom(providerId)]).emit('call:ended', payload);
		})
	];
}
