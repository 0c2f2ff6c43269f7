import { io, type Socket } from 'socket.io-client';
import { MessageOutbox } from './outbox.ts';

/**
 * ONE socket.io connection per tab, shared by every component (header, badges, chat): members on
 * the main namespace (session cookie), visitors without an account on `/public` (presence only).
 * websocket transport only (no sticky sessions needed when scaling out).
 */
export type SocketMode = 'member' | 'public';

let shared: { mode: SocketMode; socket: Socket; outbox: MessageOutbox } | null = null;

export function getSocket(mode: SocketMode): Socket {
	if (shared && shared.mode === mode) return shared.socket;
	shared?.outbox.close();
	shared?.socket.disconnect();
	const socket = io(mode === 'member' ? '/' : '/public', {
		path: '/socket.io',
		transports: ['websocket'],
		withCredentials: true,
		reconnectionDelay: 500,
		reconnectionDelayMax: 5000
	});
	shared = { mode, socket, outbox: new MessageOutbox(socket, { ackTimeoutMs: 5000, retryDelayMs: 1000 }) };
	return socket;
}

export function currentSocket(): Socket | null {
	return shared?.socket ?? null;
}

/** The delivery queue of the member's socket (exactly-once sending, retried until acked). */
export function outbox(): MessageOutbox | null {
	return shared?.mode === 'member' ? shared.outbox : null;
}

export interface Reply<T> {
	ok: boolean;
	data?: T;
	error?: { code: string; message: string; retryMs?: number };
}

/** Emits with an ack and a time-out; a time-out becomes an error reply. */
export async function ask<T>(event: string, payload: unknown = {}, timeoutMs = 8000): Promise<Reply<T>> {
	const socket = shared?.socket;
	if (!socket) return { ok: false, error: { code: 'offline', message: '' } };
	try {
		return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Reply<T>;
	} catch {
		return { ok: false, error: { code: 'timeout', message: '' } };
	}
}

export function disconnectShared() {
	shared?.outbox.close();
	shared?.socket.disconnect();
	shared = null;
}
