import { listenOnLoopback } from '../helpers/listen.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectClient, type Socket } from 'socket.io-client';
import { useTestContext, tokenOf, type TestContext } from '../helpers/context.ts';
import { createHttpServer } from '../../server/app.ts';
import { createLogger } from '../../server/log.ts';
import { activate, changePassword, deactivate, resetPassword, signUp } from '../../src/lib/server/auth/accounts.ts';
import { issueToken } from '../../src/lib/server/auth/tokens.ts';
import { closeSession, openSession } from '../../src/lib/server/auth/sessions.ts';

let ctx: TestContext;
let server: Awaited<ReturnType<typeof createHttpServer>>;
let url: string;
const clients: Socket[] = [];

beforeAll(async () => {
	ctx = await useTestContext();
	server = await createHttpServer({
		handler: (_req, res) => {
			res.statusCode = 404;
			res.end();
		},
		log: createLogger('error'),
		publicUrl: ctx.config.publicUrl
	});
	url = await listenOnLoopback(server.httpServer);
});

afterAll(async () => {
	for (const client of clients) client.disconnect();
	if (server) {
		await server.realtime.close();
		if (server.httpServer.listening) await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
	}
	await ctx?.close();
});

const PASSWORD = 'une phrase assez longue';

/** An active member, created through the domain (sign-up + activation link). */
async function activeMember(tag: string) {
	const email = `membre.${tag}@exemple.fr`;
	const { memberId } = await signUp({ firstName: 'Rémi', lastName: `Garnier${tag}`, email, password: PASSWORD, category: 'freelance', acceptTerms: 'on' }, 'fr');
	await activate(tokenOf(await ctx.lastLink(email)), { ip: '127.0.0.1' });
	return memberId;
}

type Outcome = { connected: true; socket: Socket } | { connected: false; socket: Socket; error: Error & { data?: { code?: string; message?: string } } };

/** Opens a real socket.io client and settles on the first `connect` or `connect_error`. */
function connect(extraHeaders: Record<string, string> = {}): Promise<Outcome> {
	const socket = connectClient(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders });
	clients.push(socket);
	return new Promise((resolve) => {
		socket.once('connect', () => resolve({ connected: true, socket }));
		socket.once('connect_error', (error) => resolve({ connected: false, socket, error }));
	});
}

const cookie = (secret: string) => ({ cookie: `relais_session=${secret}` });

function nextDisconnect(socket: Socket): Promise<string> {
	return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

describe('socket.io handshake', () => {
	it('refuses a connection without a session cookie', async () => {
		const outcome = await connect();
		expect(outcome.connected).toBe(false);
		if (outcome.connected) return;
		expect(outcome.error.message).toBe('unauthenticated');
		expect(outcome.error.data?.code).toBe('unauthenticated');
		expect(outcome.error.data?.message).toEqual(expect.any(String));
	});

	it('refuses a cookie that is not a live session', async () => {
		const outcome = await connect(cookie('bm90LWEtcmVhbC1zZXNzaW9uLXNlY3JldC1hdC1hbGwtMTIz'));
		expect(outcome.connected).toBe(false);
		if (outcome.connected) return;
		expect(outcome.error.data?.code).toBe('unauthenticated');
	});

	it('accepts a real session cookie, and ending that session disconnects the socket', async () => {
		const memberId = await activeMember('live');
		const { secret } = await openSession(memberId);
		const other = await openSession(memberId);
		const outcome = await connect(cookie(secret));
		expect(outcome.connected).toBe(true);
		const sibling = await connect(cookie(other.secret));
		expect(sibling.connected).toBe(true);

		const firstId = outcome.socket.id!;
		expect(server.realtime.io.sockets.sockets.has(firstId)).toBe(true);
		const disconnected = nextDisconnect(outcome.socket);
		await closeSession(secret);
		expect(await disconnected).toBe('io server disconnect');
		expect(outcome.socket.connected).toBe(false);
		// only that session's sockets go: the member's other session stays connected (server's view)
		const live = server.realtime.io.sockets.sockets;
		expect(live.has(sibling.socket.id!)).toBe(true);
		expect(live.has(firstId)).toBe(false);
		expect(sibling.socket.connected).toBe(true);

		// and the ended session cannot come back
		const retry = await connect(cookie(secret));
		expect(retry.connected).toBe(false);
		if (!retry.connected) expect(retry.error.data?.code).toBe('unauthenticated');
	});

	it('disconnects every socket of a member who deactivates', async () => {
		const memberId = await activeMember('deactivated');
		const tabs = await Promise.all([connect(cookie((await openSession(memberId)).secret)), connect(cookie((await openSession(memberId)).secret))]);
		expect(tabs.map((t) => t.connected)).toEqual([true, true]);
		const gone = tabs.map((t) => nextDisconnect(t.socket));
		await deactivate({ memberId }, { currentPassword: PASSWORD });
		expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
	});

	it('a password change closes the sockets of the other sessions, not of the one that changed it', async () => {
		const memberId = await activeMember('pwchange');
		const here = await openSession(memberId);
		const elsewhere = await openSession(memberId);
		const [mine, theirs] = await Promise.all([connect(cookie(here.secret)), connect(cookie(elsewhere.secret))]);
		expect([mine.connected, theirs.connected]).toEqual([true, true]);
		const gone = nextDisconnect(theirs.socket);
		await changePassword({ memberId }, { currentPassword: PASSWORD, newPassword: 'une toute nouvelle phrase' }, here.secret);
		expect(await gone).toBe('io server disconnect');
		expect(mine.socket.connected).toBe(true);
		expect(server.realtime.io.sockets.sockets.has(mine.socket.id!)).toBe(true);
	});

	it('a password reset closes the sockets of every session', async () => {
		const memberId = await activeMember('pwreset');
		const tabs = await Promise.all([connect(cookie((await openSession(memberId)).secret)), connect(cookie((await openSession(memberId)).secret))]);
		expect(tabs.map((t) => t.connected)).toEqual([true, true]);
		const gone = tabs.map((t) => nextDisconnect(t.socket));
		const token = await issueToken(ctx.prisma, memberId, 'password_reset');
		await resetPassword({ token, password: 'une toute nouvelle phrase' });
		expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
	});

	it('refuses a handshake from another origin, even with a valid session', async () => {
		const memberId = await activeMember('origin');
		const { secret } = await openSession(memberId);
		const evil = await connect({ ...cookie(secret), origin: 'http://evil.example' });
		expect(evil.connected).toBe(false);
		// the same session from the configured PUBLIC_URL origin is accepted
		const same = await connect({ ...cookie(secret), origin: ctx.config.publicUrl });
		expect(same.connected).toBe(true);
	});
});
