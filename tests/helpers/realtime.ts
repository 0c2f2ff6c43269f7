import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket } from 'socket.io-client';
import { createHttpServer } from '../../server/app.ts';
import { createLogger } from '../../server/log.ts';
import { detectWorker } from '../../server/media/detect.ts';
import { openSession } from '../../src/lib/server/auth/sessions.ts';
import { acceptContactRequest, sendContactRequest } from '../../src/lib/server/relations/index.ts';
import type { TestContext } from './context.ts';

/**
 * The real HTTP + socket.io server on loopback (no SvelteKit handler) and real socket.io clients.
 * With a mediasoup worker (MEDIASOUP_WORKER_BIN), one SFU worker too, as server/index.ts starts it.
 */
export async function startRealtime(ctx: TestContext) {
	const media = detectWorker().ok
		? await (await import('../../server/media/workers.ts')).startMedia({ log: createLogger('error'), env: { ...process.env, MEDIASOUP_WORKERS: '1' } })
		: null;
	const server = await createHttpServer({
		handler: (_req, res) => {
			res.statusCode = 404;
			res.end();
		},
		log: createLogger('error'),
		publicUrl: ctx.config.publicUrl
	});
	await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
	const clients: Socket[] = [];
	return {
		url,
		server,
		clients,
		async close() {
			for (const client of clients) client.disconnect();
			await server.realtime.close();
			await media?.stop();
			if (server.httpServer.listening) await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
		}
	};
}
export type Realtime = Awaited<ReturnType<typeof startRealtime>>;

let counter = 0;
/** An active member created straight in the database (the account journey is tested elsewhere). */
export async function makeMember(ctx: TestContext, data: { category?: 'visitor' | 'freelance' | 'company'; acceptsMessages?: boolean; roles?: ('member' | 'admin')[]; visibleInDirectory?: boolean } = {}) {
	const n = ++counter;
	const tag = `${process.pid}-${n}-${Math.random().toString(36).slice(2, 7)}`;
	return ctx.prisma.member.create({
		data: {
			email: `membre.${tag}@exemple.fr`,
			firstName: `Prénom${n}`,
			lastName: `Nom${n}`,
			slug: `membre-${tag}`,
			status: 'active',
			activatedAt: new Date(),
			category: data.category ?? 'freelance',
			acceptsMessages: data.acceptsMessages ?? true,
			roles: data.roles ?? ['member'],
			visibleInDirectory: data.visibleInDirectory ?? true
		},
		select: { id: true, slug: true, firstName: true, lastName: true, email: true }
	});
}

export async function makeContacts(a: string, b: string) {
	const sent = await sendContactRequest({ memberId: a }, { memberId: b });
	if (sent.outcome === 'requested') await acceptContactRequest({ memberId: b }, { requestId: sent.requestId });
}

export interface SessionState {
	memberId: string;
	provider: boolean;
	availableForCalls: boolean;
	unread: { total: number; byConversation: Record<string, number> };
	presence: Record<string, string>;
}

/** A connected client of `memberId` (a new session), resolved once the server sent `session:state`. */
export async function connectAs(rt: Realtime, memberId: string, options: { reconnection?: boolean } = {}): Promise<{ socket: Socket; state: SessionState }> {
	const { secret } = await openSession(memberId);
	return connectWithCookie(rt, `relais_session=${secret}`, options);
}

export function connectWithCookie(rt: Realtime, cookie: string, options: { reconnection?: boolean } = {}): Promise<{ socket: Socket; state: SessionState }> {
	const socket = connectClient(rt.url, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: options.reconnection ?? false,
		reconnectionDelay: 50,
		reconnectionDelayMax: 200,
		forceNew: true,
		extraHeaders: { cookie }
	});
	rt.clients.push(socket);
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no session:state')), 5000);
		socket.once('session:state', (state: SessionState) => {
			clearTimeout(timer);
			resolve({ socket, state });
		});
		socket.once('connect_error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
}

export function connectPublic(rt: Realtime): Promise<Socket> {
	const socket = connectClient(`${rt.url}/public`, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true });
	rt.clients.push(socket);
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

export interface Reply<T = any> {
	ok: boolean;
	data?: T;
	error?: { code: string; message: string; retryMs?: number; fields?: Record<string, string> };
}

export function ask<T = any>(socket: Socket, event: string, payload?: unknown, timeoutMs = 5000): Promise<Reply<T>> {
	return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Reply<T>>;
}

/** The next `event` on `socket` matching `match`, or a rejection after `timeoutMs`. */
export function next<T = any>(socket: Socket, event: string, match: (payload: T) => boolean = () => true, timeoutMs = 3000): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.off(event, listener);
			reject(new Error(`no ${event} within ${timeoutMs} ms`));
		}, timeoutMs);
		const listener = (payload: T) => {
			if (!match(payload)) return;
			clearTimeout(timer);
			socket.off(event, listener);
			resolve(payload);
		};
		socket.on(event, listener);
	});
}

/** Collects every `event` on `socket` from now on. */
export function collect<T = any>(socket: Socket, event: string): T[] {
	const out: T[] = [];
	socket.on(event, (payload: T) => out.push(payload));
	return out;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 3000, stepMs = 20) {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		if (await check()) return;
		await sleep(stepMs);
	}
	throw new Error('condition not met in time');
}
