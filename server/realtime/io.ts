import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { parseCookie } from 'cookie';
import { resolveSession, sessionCookieName, type SessionMember } from '../../src/lib/server/auth/sessions.ts';
import { hashSecret } from '../../src/lib/server/auth/secrets.ts';
import { context } from '../../src/lib/server/context.ts';
import { translate } from '../../src/lib/i18n/index.ts';

export interface SocketData {
	member: SessionMember;
	sessionIdHash: string;
}

export type RelaisSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

/**
 * socket.io on the same HTTP server. The handshake is authenticated from the session cookie and
 * its Origin checked (SvelteKit's CSRF check covers form posts only). Each member's sockets join
 * one room, `member:<id>`, so any domain event can reach all their tabs.
 */
export function attachRealtime(httpServer: HttpServer) {
	const { config, events } = context();
	const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(httpServer, {
		path: '/socket.io',
		serveClient: false,
		maxHttpBufferSize: 64 * 1024,
		connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
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

	io.on('connection', (socket) => {
		void socket.join(`member:${socket.data.member.id}`);
	});

	// logging out (or deactivating) closes that session's sockets at once
	const unsubscribers = [
		events.on('session.ended', ({ sessionIdHash, memberId }) => {
			for (const socket of io.sockets.sockets.values()) {
				if (socket.data.member?.id === memberId && socket.data.sessionIdHash === sessionIdHash) socket.disconnect(true);
			}
		}),
		events.on('member.deactivated', ({ memberId }) => {
			io.in(`member:${memberId}`).disconnectSockets(true);
		})
	];

	return {
		io,
		async close() {
			unsubscribers.forEach((stop) => stop());
			await new Promise<void>((resolve) => io.close(() => resolve()));
		}
	};
}
