import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { liveRedis } from '../../src/lib/server/live/index.ts';
import { parseCookie } from 'cookie';
import { resolveSession, sessionCookieName, type SessionMember } from '../../src/lib/server/auth/sessions.ts';
import { hashSecret } from '../../src/lib/server/auth/secrets.ts';
import { clientAddress } from '../../src/lib/server/client-address.ts';
import { context } from '../../src/lib/server/context.ts';
import { localeFromAcceptLanguage, translate } from '../../src/lib/i18n/index.ts';
import { nodeTtlMs, presenceSettings, reapStaleConnections, tickNode } from '../../src/lib/server/presence/index.ts';
import { sessionState } from '../../src/lib/server/chat/index.ts';
import { createLogger } from '../log.ts';
import { limiter, rejectUnknownEvents, type HandlerContext } from './protocol.ts';
import { attachMemberPresence, presenceBroadcaster, PRESENCE_EVENTS, registerWatch } from './presence.ts';
import { attachMemberChat, chatBroadcaster, CHAT_EVENTS } from './chat.ts';
import { attachRoomSignalling, ROOM_EVENTS } from './rooms.ts';
import { attachMemberCalls, callBroadcaster, CALL_EVENTS } from './calls.ts';
import { attachMemberNotifications, notificationBroadcaster, NOTIFICATION_EVENTS } from './notifications.ts';
import { publicationBroadcaster } from './publications.ts';
import { fastBroadcastWrites } from './fast-broadcast.ts';

export interface SocketData {
	member: SessionMember;
	sessionIdHash: string;
}

export type RelaisSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;
// events are typed by their zod schemas (protocol.ts), not by socket.io's generics
type AnyEvents = Record<string, (...args: any[]) => void>;

/**
 * socket.io on the same HTTP server. The handshake is authenticated from the session cookie and
 * its Origin checked (SvelteKit's CSRF check covers form posts only). Each member's sockets join
 * one room, `member:<id>`, so any domain event can reach all their tabs. Presence (presence.ts)
 * and chat (chat.ts) register their handlers per connection; the `/public` namespace lets
 * visitors without an account watch providers' presence.
 *
 * With REDIS_URL (several nodes), the Redis streams adapter carries every room emit to the other
 * nodes and keeps the sessions of connection-state recovery, so a tab that reconnects through
 * another node gets what it missed; when recovery is not possible (`recovered: false` in
 * `session:state`) the client catches up from PostgreSQL (`chat:since`).
 */
export function attachRealtime(httpServer: HttpServer) {
	const { config, events } = context();
	const log = createLogger(config.LOG_LEVEL);
	const live = liveRedis();
	const io = new Server<AnyEvents, AnyEvents, AnyEvents, SocketData>(httpServer, {
		path: '/socket.io',
		serveClient: false,
		maxHttpBufferSize: 64 * 1024,
		connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
		...(live ? { adapter: createAdapter(live.client, { streamName: 'relais:socket.io', channelPrefix: 'relais:socket.io', sessionKeyPrefix: 'relais:sio:session:', maxLen: 100_000 }) } : {}),
		allowRequest: (request, callback) => {
			const origin = request.headers.origin;
			callback(null, !origin || origin === config.publicUrl);
		}
	});
	const cookieName = sessionCookieName(config.secureCookies);

	io.use(async (socket, next) => {
		try {
			const cookies = parseCookie(socket.handshake.headers.cookie ?? '');
			const secret = cookies[cookieName];
			const member = secret ? await resolveSession(secret) : null;
			if (!member || !secret) {
				const error = new Error('unauthenticated') as Error & { data?: unknown };
				error.data = { code: 'unauthenticated', message: translate('fr', 'error.socket_unauthenticated') };
				return next(error);
			}
			socket.data.member = member;
			socket.data.sessionIdHash = hashSecret(secret);
			next();
		} catch {
			next(new Error('unavailable'));
		}
	});

	const memberEvents = new Set<string>([...PRESENCE_EVENTS, ...CHAT_EVENTS, ...ROOM_EVENTS, ...CALL_EVENTS, ...NOTIFICATION_EVENTS]);
	const signalling = attachRoomSignalling(io, events);
	io.on('connection', (socket) => {
		const member = socket.data.member;
		fastBroadcastWrites(socket);
		// the session's room: logging out closes its tabs on every node
		void socket.join([`member:${member.id}`, `session:${socket.data.sessionIdHash}`]);
		const ctx: HandlerContext = { socket, locale: member.locale, limitKey: member.id, log: log.error };
		attachMemberChat(ctx, member);
		signalling.attach(ctx, member);
		attachMemberCalls(ctx, member, io);
		attachMemberNotifications(ctx, member);
		rejectUnknownEvents(ctx, () => memberEvents);
		void attachMemberPresence(ctx, member.id)
			.then(async (presence) => {
				if (!presence) return;
				socket.emit('session:state', { ...(await sessionState(member.id)), presence, recovered: socket.recovered });
			})
			.catch((error: Error) => log.error(`socket set-up failed: ${error.message}`));
	});

	// visitors without an account may watch listed providers' presence (directory, profile pages)
	const publicNs = io.of('/public');
	const publicEvents = new Set<string>(['presence:watch']);
	publicNs.on('connection', (socket) => {
		fastBroadcastWrites(socket);
		const ctx: HandlerContext = {
			socket,
			locale: localeFromAcceptLanguage(socket.handshake.headers['accept-language']),
			limitKey: `ip:${clientAddress(socket.request.socket.remoteAddress, socket.handshake.headers['x-forwarded-for'], config.trustProxyHops)}`,
			log: log.error
		};
		registerWatch(ctx, null, new Set());
		rejectUnknownEvents(ctx, () => publicEvents);
	});

	// connections that stopped heartbeating are dropped (a crashed tab must not stay online)
	const reaper = setInterval(() => {
		void reapStaleConnections().catch((error: Error) => log.warn(`presence reaper failed: ${error.message}`));
		limiter.sweep();
	}, presenceSettings().reapEveryMs);
	reaper.unref();
	// several nodes: this one says it is alive; the connections, holds and rooms of dead ones move
	const nodeBeat = live
		? setInterval(() => {
				void tickNode().catch((error: Error) => log.warn(`node heartbeat failed: ${error.message}`));
			}, nodeTtlMs() / 3)
		: null;
	nodeBeat?.unref();

	// logging out (or deactivating) closes that session's sockets at once
	const unsubscribers = [
		events.on('session.ended', ({ sessionIdHash }) => {
			io.in(`session:${sessionIdHash}`).disconnectSockets(true);
		}),
		events.on('member.deactivated', ({ memberId }) => {
			io.in(`member:${memberId}`).disconnectSockets(true);
		}),
		...presenceBroadcaster(io, events, [publicNs]),
		...chatBroadcaster(io, events),
		...callBroadcaster(io, events),
		...notificationBroadcaster(io, events),
		...publicationBroadcaster(io, events)
	];

	return {
		io,
		/**
		 * Draining (SIGTERM): every connection of this node is told to go and its transport closed,
		 * so the clients reconnect — through the load balancer, to another node — and recover their
		 * session there (kept in Redis); rooms' participants rejoin by themselves.
		 */
		drain() {
			signalling.drain();
			for (const ns of [io.of('/'), publicNs]) {
				for (const socket of ns.sockets.values()) {
					socket.emit('relais:reconnect', {});
					socket.conn.close();
				}
			}
		},
		async close() {
			clearInterval(reaper);
			if (nodeBeat) clearInterval(nodeBeat);
			unsubscribers.forEach((stop) => stop());
			signalling.close();
			await new Promise<void>((resolve) => io.close(() => resolve()));
		}
	};
}
