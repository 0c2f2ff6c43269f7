import { listenOnLoopback } from '../helpers/listen.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { createHttpServer } from '../../server/app.ts';
import { createLogger } from '../../server/log.ts';
import { openSession } from '../../src/lib/server/auth/sessions.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';

let ctx: TestContext;
let server: Awaited<ReturnType<typeof createHttpServer>>;
let url: string;
let handled = 0;

beforeAll(async () => {
	ctx = await useTestContext();
	server = await createHttpServer({
		handler: (_req, res) => {
			handled++;
			res.end('ok');
		},
		log: createLogger('error'),
		publicUrl: ctx.config.publicUrl,
		visitorWritesPerMinute: 3
	});
	url = await listenOnLoopback(server.httpServer);
});

afterAll(async () => {
	await server?.realtime.close();
	await new Promise((resolve) => server?.httpServer.close(resolve));
	await ctx?.close();
});

const post = (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { method: 'POST', headers: { origin: ctx.config.publicUrl, ...headers }, body: 'x=1' });

describe('writes without a session are throttled per IP', () => {
	it('lets a few through, then answers 429 with a localized message and changes nothing; reads and members pass', async () => {
		const before = handled;
		for (let i = 0; i < 3; i++) expect((await post('/forgot-password')).status).toBe(200);
		const refused = await post('/signup', { 'accept-language': 'fr-FR', cookie: 'relais_session=forged-value' });
		expect(refused.status).toBe(429);
		expect(await refused.text()).toMatch(/^Trop de tentatives\. Réessayez dans \d+ minutes\.$/);
		expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
		expect(handled - before).toBe(3);

		expect((await fetch(`${url}/search`)).status).toBe(200);
		const member = await ctx.prisma.member.create({
			data: { email: 'membre@exemple.fr', passwordHash: await hashPassword('une phrase assez longue'), firstName: 'Ana', lastName: 'Roy', slug: 'ana-roy', status: 'active' }
		});
		const { secret } = await openSession(member.id);
		expect((await post('/settings', { cookie: `relais_session=${secret}` })).status).toBe(200);
	});
});
