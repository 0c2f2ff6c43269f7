import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnLoopback } from '../helpers/listen.ts';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { createHttpServer } from '../../server/app.ts';
import { createLogger } from '../../server/log.ts';
import { CLIENT_ADDRESS_HEADER, DIRECT_LOOPBACK_HEADER } from '../../src/lib/server/client-address.ts';
import { openSession } from '../../src/lib/server/auth/sessions.ts';

/**
 * The real express app (server/app.ts) with a handler that reports what SvelteKit would see:
 * the client address (adapter-node's ADDRESS_HEADER) and whether the request is a direct loopback one.
 */
let ctx: TestContext;
const servers: Awaited<ReturnType<typeof createHttpServer>>[] = [];

async function start(trustProxyHops: number, visitorWritesPerMinute = 100, publicUrl = ctx.config.publicUrl) {
	const server = await createHttpServer({
		handler: (req, res) => {
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ client: req.headers[CLIENT_ADDRESS_HEADER], loopback: req.headers[DIRECT_LOOPBACK_HEADER] }));
		},
		log: createLogger('error'),
		publicUrl,
		visitorWritesPerMinute,
		trustProxyHops
	});
	servers.push(server);
	return listenOnLoopback(server.httpServer);
}

beforeAll(async () => {
	ctx = await useTestContext();
});
afterAll(async () => {
	for (const server of servers) {
		await server.realtime.close();
		await new Promise((resolve) => server.httpServer.close(resolve));
	}
	await ctx?.close();
});

const seen = async (url: string, headers: Record<string, string> = {}) => (await (await fetch(url, { headers })).json()) as { client: string; loopback: string };

describe('client address over HTTP', () => {
	it('behind one trusted proxy: two clients get their own address, a spoofed leftmost entry is ignored', async () => {
		const url = await start(1);
		expect((await seen(url, { 'x-forwarded-for': '203.0.113.1' })).client).toBe('203.0.113.1');
		expect((await seen(url, { 'x-forwarded-for': '203.0.113.2' })).client).toBe('203.0.113.2');
		expect((await seen(url, { 'x-forwarded-for': '6.6.6.6, 203.0.113.2' })).client).toBe('203.0.113.2');
		// a client cannot set the result itself
		expect((await seen(url, { [CLIENT_ADDRESS_HEADER]: '9.9.9.9' })).client).toBe('127.0.0.1');
	});

	it('with no proxy trusted, X-Forwarded-For is ignored', async () => {
		const url = await start(0);
		expect((await seen(url, { 'x-forwarded-for': '203.0.113.1' })).client).toBe('127.0.0.1');
	});

	it('the visitor write throttle counts each client behind the proxy separately', async () => {
		const url = await start(1, 2);
		const post = (ip: string) => fetch(url, { method: 'POST', headers: { 'x-forwarded-for': ip, origin: ctx.config.publicUrl }, body: 'x=1' });
		expect((await post('203.0.113.1')).status).toBe(200);
		expect((await post('203.0.113.1')).status).toBe(200);
		expect((await post('203.0.113.1')).status).toBe(429);
		expect((await post('203.0.113.2')).status).toBe(200);
	});

	it('only a direct loopback request is marked loopback: a forwarded one (even through a trusted proxy) or a forged mark is not', async () => {
		const url = await start(1);
		expect((await seen(url)).loopback).toBe('1');
		expect((await seen(url, { 'x-forwarded-for': '1.2.3.4' })).loopback).toBe('0');
		expect((await seen(url, { 'x-forwarded-for': '127.0.0.1' })).loopback).toBe('0');
		const forged = await start(0);
		expect((await seen(forged, { 'x-forwarded-for': '1.2.3.4', [DIRECT_LOOPBACK_HEADER]: '1' })).loopback).toBe('0');
	});
});

describe('HSTS', () => {
	it('is sent only when users browse over https (PUBLIC_URL)', async () => {
		const https = await start(0, 100, 'https://relais.example.org');
		expect((await fetch(https)).headers.get('strict-transport-security')).toBe('max-age=31536000');
		const http = await start(0, 100, 'http://127.0.0.1:3999');
		expect((await fetch(http)).headers.get('strict-transport-security')).toBeNull();
	});
});

describe('a form posted from another origin', () => {
	it('is refused with a 403 that explains itself in the member’s language; same-origin forms and JSON calls pass', async () => {
		const url = await start(0);
		const form = { 'content-type': 'application/x-www-form-urlencoded' };
		const visitor = await fetch(`${url}/login`, { method: 'POST', headers: { ...form, origin: 'https://evil.example', 'accept-language': 'fr-FR' }, body: 'email=a' });
		expect(visitor.status).toBe(403);
		const page = await visitor.text();
		expect(page).toContain('<html lang="fr">');
		expect(page).toContain('Formulaire refusé : il n’a pas été envoyé depuis http://127.0.0.1:3999');

		const member = await ctx.prisma.member.create({ data: { email: 'en@example.test', firstName: 'Eve', lastName: 'Ng', slug: 'eve-ng', status: 'active', locale: 'en' } });
		const { secret } = await openSession(member.id);
		const english = await fetch(`${url}/settings`, { method: 'POST', headers: { ...form, cookie: `relais_session=${secret}`, 'accept-language': 'fr-FR' }, body: 'x=1' });
		expect(english.status).toBe(403);
		expect(await english.text()).toContain('Form refused: it was not sent from http://127.0.0.1:3999');
		const json = await fetch(`${url}/login`, { method: 'POST', headers: { ...form, origin: 'https://evil.example', accept: 'application/json' }, body: 'x=1' });
		expect(((await json.json()) as { message: string }).message).toMatch(/^Formulaire refusé/);

		expect((await fetch(`${url}/login`, { method: 'POST', headers: { ...form, origin: 'http://127.0.0.1:3999' }, body: 'x=1' })).status).toBe(200);
		expect((await fetch(`${url}/api/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
	});
});
