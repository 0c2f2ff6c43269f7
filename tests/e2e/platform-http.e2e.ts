import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, DEMO_PASSWORD, type RunningApp } from './harness.ts';
import { freePort } from '../../server/db/embedded.ts';
import { startFakeGoogle, type FakeGoogle } from '../helpers/fakes/google-oauth.ts';
import { startFakeGoogleCalendar, type FakeGoogleCalendar } from '../helpers/fakes/google-calendar.ts';

/**
 * The built app over plain HTTP (no browser): what a proxy, a crawler or an attacker sees —
 * who may read the dev outbox, the security headers, the Google flows started from our routes.
 */

/** `name=value` of every Set-Cookie of a response, for the next request. */
function cookiesOf(response: Response, jar: Map<string, string> = new Map()) {
	for (const line of response.headers.getSetCookie()) {
		const [pair] = line.split(';');
		const index = pair!.indexOf('=');
		jar.set(pair!.slice(0, index), pair!.slice(index + 1));
	}
	return jar;
}
const cookieHeader = (jar: Map<string, string>) => [...jar].filter(([, v]) => v !== '').map(([k, v]) => `${k}=${v}`).join('; ');

/** The app with a Google fake whose redirect URI points back at it (so the port is chosen first). */
function useAppWithFake<F extends { close(): Promise<void> }>(startFake: (appUrl: string) => Promise<F>, env: (fake: F) => Record<string, string>) {
	const running = {} as { app: RunningApp; fake: F };
	beforeAll(async () => {
		const port = await freePort();
		running.fake = await startFake(`http://127.0.0.1:${port}`);
		running.app = await startApp({ PORT: String(port), ...env(running.fake) });
	});
	afterAll(async () => {
		await running.app?.stop();
		await running.fake?.close();
	});
	return running;
}

describe('one app behind one trusted proxy, Google sign-in configured', () => {
	const running = useAppWithFake(
		(appUrl) => startFakeGoogle({ redirectUri: `${appUrl}/auth/google/callback` }),
		(fake) => ({ TRUST_PROXY: '1', ...fake.env })
	);
	let app: RunningApp;
	let google: FakeGoogle;
	beforeAll(() => {
		({ app, fake: google } = running);
	});

	it('/dev/outbox (page and __data.json) answers a direct loopback request, and 404 to one relayed for 1.2.3.4', async () => {
		// a password-reset link in the outbox: what an attacker would be after
		const asked = await fetch(`${app.url}/forgot-password`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: 'paul.bernard@exemple.fr' })
		});
		expect(asked.status).toBeLessThan(400);
		// the reset mail leaves from a background job (same answer for known and unknown addresses)
		await expect.poll(async () => (await (await fetch(`${app.url}/dev/outbox`)).text()).includes('reset-password?token='), { timeout: 15_000, interval: 250 }).toBe(true);
		for (const path of ['/dev/outbox', '/dev/outbox/__data.json']) {
			const local = await fetch(`${app.url}${path}`);
			expect(local.status, path).toBe(200);
			expect(await local.text()).toContain('reset-password?token=');
			const relayed = await fetch(`${app.url}${path}`, { headers: { 'x-forwarded-for': '1.2.3.4' } });
			const body = await relayed.text();
			expect(body).not.toContain('reset-password?token=');
			// the page is a 404; __data.json (always 200 for SvelteKit) carries the 404 error node
			if (path.endsWith('__data.json')) expect(body).toMatch(/"status":404/);
			else expect(relayed.status).toBe(404);
		}
	});

	it('HTML pages carry a Content-Security-Policy whose nonce is on every script tag', async () => {
		const response = await fetch(`${app.url}/`);
		const csp = response.headers.get('content-security-policy') ?? '';
		const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
		expect(nonce, csp).toBeTruthy();
		expect(csp).toContain("object-src 'none'");
		expect(csp).toContain("frame-ancestors 'none'");
		const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
		expect(scripts.length).toBeGreaterThan(0);
		for (const tag of scripts) if (!/\bsrc=/.test(tag)) expect(tag).toContain(`nonce="${nonce}"`);
		// a fresh nonce per response
		const again = (await fetch(`${app.url}/`)).headers.get('content-security-policy');
		expect(again).not.toContain(nonce);
	});

	it('Google sign-in started from /auth/google reaches a logged-in member, whose pages are no-store', async () => {
		const jar = new Map<string, string>();
		const start = await fetch(`${app.url}/auth/google`, { redirect: 'manual' });
		expect(start.status).toBe(302);
		const consent = new URL(start.headers.get('location')!);
		expect(`${consent.origin}${consent.pathname}`).toBe(`${google.baseUrl}/o/oauth2/v2/auth`);
		cookiesOf(start, jar);

		google.willAuthorize({ sub: 'g-platform-1', email: 'nouvelle.membre@example.test', email_verified: true, given_name: 'Nora', family_name: 'Membre' });
		const back = await fetch(consent, { redirect: 'manual' });
		const callback = back.headers.get('location')!;
		expect(callback).toContain('/auth/google/callback?');
		const signedIn = await fetch(callback, { redirect: 'manual', headers: { cookie: cookieHeader(jar) } });
		expect(signedIn.status).toBe(303);
		cookiesOf(signedIn, jar);
		expect(jar.get('relais_session')).toBeTruthy();

		const settings = await fetch(`${app.url}/settings`, { redirect: 'manual', headers: { cookie: cookieHeader(jar) } });
		expect(settings.status).toBe(200);
		expect(await settings.text()).toContain('nouvelle.membre@example.test');
		expect(settings.headers.get('cache-control')).toBe('private, no-store');
		// the same public page: no-store for the member, cacheable for a visitor
		expect((await fetch(`${app.url}/`, { headers: { cookie: cookieHeader(jar) } })).headers.get('cache-control')).toBe('private, no-store');
		expect((await fetch(`${app.url}/`)).headers.get('cache-control')).toBeNull();
	});
});

describe('malformed ids and slugs', () => {
	let app: RunningApp;
	beforeAll(async () => {
		app = await startApp({ SEED_DEMO: 'off' });
	});
	afterAll(async () => {
		await app?.stop();
	});

	const malformed = ['not-a-uuid', '123', "1' OR '1'='1", '%00', '0190c0de-0000-7000-8000-00000000000g', 'x'.repeat(3000)];

	it('the JSON API answers 404 with a localized JSON error, never a 500', async () => {
		for (const id of malformed) {
			for (const [method, path] of [
				['GET', `/api/v1/providers/${id}/slots`],
				['DELETE', `/api/v1/bookings/${id}`],
				['PATCH', `/api/v1/bookings/${id}`]
			] as const) {
				const response = await fetch(`${app.url}${path}`, { method, headers: { 'accept-language': 'en', 'content-type': 'application/json', origin: app.url }, body: method === 'GET' ? undefined : '{}' });
				expect(response.status, `${method} ${path.slice(0, 80)}`).toBe(404);
				expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'Unknown address: no API resource matches (wrong path or malformed id).' } });
			}
		}
	});

	it('a control character in the path or the query is a localized 404 / 400, never a 500', async () => {
		const path = await fetch(`${app.url}/book/%00`, { headers: { 'accept-language': 'fr' } });
		expect(path.status).toBe(404);
		expect(await path.text()).toBe('Page introuvable.');
		const query = await fetch(`${app.url}/search?q=%00`, { headers: { 'accept-language': 'en' } });
		expect(query.status).toBe(400);
		expect(await query.text()).toMatch(/^Invalid address/);
	});

	it('pages with an id or a slug answer a localized 404, never a 500', async () => {
		for (const id of malformed) {
			for (const path of [`/messages/${id}`, `/contacts/groups/${id}`, `/messages/attachments/${id}`, `/m/${id}`, `/c/${id}`, `/book/${id}`, `/rooms/${id}`, `/contact-provider/${id}`]) {
				const response = await fetch(`${app.url}${path}`, { redirect: 'manual', headers: { 'accept-language': 'fr' } });
				expect([302, 303, 404], `${path.slice(0, 80)} → ${response.status}`).toContain(response.status);
				if (response.status === 404) expect((await response.text()).replace(/<script[\s\S]*?<\/script>/g, ''), path.slice(0, 80)).toMatch(/<h1[^>]*>[^<]+<\/h1>|^Page introuvable\.$/);
			}
		}
	});
});

describe('Google Calendar connection', () => {
	const running = useAppWithFake(
		(appUrl) => startFakeGoogleCalendar({ redirectUri: `${appUrl}/agenda/google/callback` }),
		(fake) => ({ ...fake.env, GOOGLE_CALENDAR_API_URL: fake.apiRoot })
	);
	let app: RunningApp;
	let google: FakeGoogleCalendar;
	beforeAll(() => {
		({ app, fake: google } = running);
	});

	it('started from /agenda/google, comes back connected', async () => {
		const jar = new Map<string, string>();
		const login = await fetch(`${app.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: 'claire.martin@exemple.fr', password: DEMO_PASSWORD, redirectTo: '/agenda' })
		});
		cookiesOf(login, jar);
		expect(jar.get('relais_session'), `login answered ${login.status}`).toBeTruthy();

		const start = await fetch(`${app.url}/agenda/google`, { redirect: 'manual', headers: { cookie: cookieHeader(jar) } });
		expect(start.status).toBe(302);
		cookiesOf(start, jar);
		const consent = new URL(start.headers.get('location')!);
		expect(`${consent.origin}${consent.pathname}`).toBe(`${google.baseUrl}/o/oauth2/v2/auth`);
		const back = await fetch(consent, { redirect: 'manual' });
		const connected = await fetch(back.headers.get('location')!, { redirect: 'manual', headers: { cookie: cookieHeader(jar) } });
		expect(connected.status).toBe(303);
		expect(connected.headers.get('location')).toBe('/agenda?connected=google');
		expect(google.tokenRequests.some((form) => form.grant_type === 'authorization_code')).toBe(true);
	});
});
