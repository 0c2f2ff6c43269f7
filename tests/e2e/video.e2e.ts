import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connectAppDatabase, expectAccessible, logInAsDemo, useAppInBrowser, waitForApp } from './harness.ts';
import { enterRoom as enterCall, FAKE_MEDIA_ARGS, liveRemoteVideos, newCallPage } from './video-room.ts';

// Demo logins (prisma/seed): Claire is a provider, Paul a member; a booking between them gives the room.
const CLAIRE = 'claire.martin@exemple.fr';
const PAUL = 'paul.bernard@exemple.fr';
const ROOM = 'e2e-video-room';

const e2e = useAppInBrowser({ browserArgs: FAKE_MEDIA_ARGS });
let claireSlug: string;
/** a third demo member, who calls Claire once her call with Paul is over */
let thirdEmail: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	const client = await connectAppDatabase(e2e.app);
	const ids = (await client.query<{ id: string; email: string; slug: string }>('SELECT id, email, slug FROM "Member" WHERE email = ANY($1)', [[CLAIRE, PAUL]])).rows;
	const claire = ids.find((r) => r.email === CLAIRE)!;
	const paul = ids.find((r) => r.email === PAUL)!;
	claireSlug = claire.slug;
	const third = await client.query<{ email: string }>(
		`SELECT email FROM "Member" m WHERE status = 'active' AND email <> ALL($1)
		 AND NOT EXISTS (SELECT 1 FROM "MemberBlock" b WHERE b."blockerId" IN (m.id, $2) AND b."blockedId" IN (m.id, $2))
		 ORDER BY email LIMIT 1`,
		[[CLAIRE, PAUL], claire.id]
	);
	thirdEmail = third.rows[0]!.email;
	// an appointment starting now: its room is open (the app creates the Room on first access)
	await client.query(
		`INSERT INTO "Booking" (id, "providerId", "bookerMemberId", title, "bookerName", "bookerEmail", "bookerTimezone", "startAt", "endAt", status, "roomSlug", "updatedAt")
		 VALUES (gen_random_uuid(), $1, $2, 'Consultation visio', 'Paul Bernard', $3, 'Europe/Paris', now(), now() + interval '30 minutes', 'confirmed', $4, now())`,
		[claire.id, paul.id, PAUL, ROOM]
	);
	await client.end();
});

afterAll(async () => {
	for (const context of contexts) await context.close().catch(() => {});
});

const newPage = () => newCallPage(e2e.browser, contexts);
const logIn = (page: Page, email: string) => logInAsDemo(page, e2e.app, email);
const enterRoom = (page: Page, slug: string) => enterCall(page, e2e.app, slug);

/** Video frames decoded from the other side, read from RTCPeerConnection.getStats in the page. */
function framesDecoded(page: Page): Promise<number> {
	return page.evaluate(async () => {
		const call = (window as unknown as { __relaisCall?: { peers: Map<string, RTCPeerConnection> } }).__relaisCall;
		let frames = 0;
		for (const pc of call?.peers.values() ?? []) {
			const stats = await pc.getStats();
			stats.forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
				if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
			});
		}
		return frames;
	});
}

describe('video in Chromium', () => {
	it('a real peer-to-peer call: both receive the other’s video, mute shows on the other side, a network drop is survived, leaving ends the call', async () => {
		const claire = await newPage();
		const paul = await newPage();
		await logIn(claire, CLAIRE);
		await logIn(paul, PAUL);

		await claire.goto(`${e2e.app.url}/rooms/${ROOM}`);
		await waitForApp(claire);
		await claire.getByTestId('prejoin').waitFor();
		await expectAccessible(claire);
		await enterRoom(claire, ROOM);
		await enterRoom(paul, ROOM);
		await expect.poll(() => claire.getByTestId('remote-tile').count(), { timeout: 15_000 }).toBe(1);
		await expect.poll(() => paul.getByTestId('remote-tile').count(), { timeout: 15_000 }).toBe(1);
		await expect.poll(() => paul.getByTestId('topology').textContent()).toBe('Pair-à-pair');
		await expectAccessible(paul);

		// each decodes the other's (fake) camera
		await expect.poll(() => framesDecoded(claire), { timeout: 20_000, interval: 500 }).toBeGreaterThan(0);
		await expect.poll(() => framesDecoded(paul), { timeout: 20_000, interval: 500 }).toBeGreaterThan(0);

		// Paul mutes: Claire sees it on his tile and in the participant list
		await paul.getByRole('button', { name: 'Couper le micro' }).click();
		await expect.poll(() => claire.getByTestId('remote-tile').getAttribute('data-muted'), { timeout: 10_000 }).toBe('true');
		await expect.poll(() => claire.getByTestId('participant').textContent()).toContain('micro coupé');
		await paul.getByRole('button', { name: 'Rétablir le micro' }).click();
		await expect.poll(() => claire.getByTestId('remote-tile').getAttribute('data-muted'), { timeout: 10_000 }).toBe('false');

		// Paul's network drops: his page says so; back online, the call resumes on the same page
		await paul.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true));
		await paul.context().setOffline(true);
		await paul.getByTestId('reconnecting').waitFor({ timeout: 15_000 });
		await paul.context().setOffline(false);
		await expect.poll(() => paul.getByTestId('reconnecting').count(), { timeout: 20_000 }).toBe(0);
		await expect.poll(() => liveRemoteVideos(paul), { timeout: 30_000, interval: 500 }).toBe(1);
		await expect.poll(() => liveRemoteVideos(claire), { timeout: 30_000, interval: 500 }).toBe(1);
		expect(await paul.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);

		// in-call chat through the chat domain
		await claire.getByRole('button', { name: 'Discussion' }).click();
		await paul.getByRole('button', { name: 'Discussion' }).click();
		await paul.getByLabel('Votre message…').fill('Je vous entends bien.');
		await paul.getByRole('button', { name: 'Envoyer' }).click();
		await expect.poll(() => claire.locator('#call-chat').textContent(), { timeout: 10_000 }).toContain('Je vous entends bien.');

		// Paul leaves: his call ends, Claire's remote tile goes away
		await paul.getByTestId('leave').click();
		await paul.getByTestId('call-ended').waitFor();
		await expect.poll(() => claire.getByTestId('remote-tile').count(), { timeout: 10_000 }).toBe(0);
		await claire.getByTestId('leave').click();
		await claire.getByTestId('call-ended').waitFor();
	});

	it('a direct call from the provider’s profile: “Décrocher” puts both in the call at once; when one leaves the other is told, and the provider can be called again straight away', async () => {
		const claire = await newPage();
		const paul = await newPage();
		await logIn(claire, CLAIRE);
		await logIn(paul, PAUL);
		// Claire's conversations before the call (a call without messages adds none)
		await claire.goto(`${e2e.app.url}/messages`);
		await waitForApp(claire);
		const conversationsBefore = (await claire.getByTestId('conversation-link').allInnerTexts()).sort();
		await claire.goto(`${e2e.app.url}/`);
		await waitForApp(claire);
		// Claire turns "Disponible pour un appel" on
		const toggle = claire.getByTestId('availability-toggle');
		await toggle.waitFor();
		await expect.poll(() => toggle.isEnabled(), { timeout: 10_000 }).toBe(true);
		if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
		await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');

		await paul.goto(`${e2e.app.url}/m/${claireSlug}`);
		await waitForApp(paul);
		await paul.getByTestId('call-provider').click({ timeout: 15_000 });
		await expect.poll(() => paul.getByTestId('direct-call').getAttribute('data-state')).toBe('ringing');
		await claire.getByTestId('incoming-call').waitFor({ timeout: 10_000 });
		expect(await claire.getByTestId('incoming-call').textContent()).toContain('Paul Bernard vous appelle');
		await claire.getByRole('button', { name: 'Décrocher' }).click();
		await claire.waitForURL(/\/rooms\/[A-Za-z0-9_-]+$/, { timeout: 15_000 });
		await paul.waitForURL(/\/rooms\/[A-Za-z0-9_-]+$/, { timeout: 15_000 });
		expect(new URL(paul.url()).pathname).toBe(new URL(claire.url()).pathname);

		// no further click: both are in the call with the default devices and see each other
		for (const page of [claire, paul]) await page.locator('[data-testid="room"][data-phase="call"]').waitFor({ timeout: 20_000 });
		await expect.poll(() => liveRemoteVideos(paul), { timeout: 30_000, interval: 500 }).toBe(1);
		await expect.poll(() => liveRemoteVideos(claire), { timeout: 30_000, interval: 500 }).toBe(1);

		// Paul hangs up: Claire's page says so and offers to leave
		await paul.getByTestId('leave').click();
		await paul.getByTestId('call-ended').waitFor();
		const notice = claire.getByTestId('peer-left');
		await notice.waitFor({ timeout: 10_000 });
		expect(await notice.textContent()).toContain('Paul Bernard a quitté l’appel.');
		await expectAccessible(claire);

		// straight away, another member finds Claire callable, and the call rings on her page
		const other = await newPage();
		await logIn(other, thirdEmail);
		await other.goto(`${e2e.app.url}/m/${claireSlug}`);
		await waitForApp(other);
		await other.getByTestId('call-provider').click({ timeout: 5_000 });
		await expect.poll(() => other.getByTestId('direct-call').getAttribute('data-state')).toBe('ringing');
		await claire.getByTestId('incoming-call').waitFor({ timeout: 10_000 });
		await claire.getByTestId('decline-call').click();
		await expect.poll(() => other.getByTestId('direct-call').getAttribute('data-state'), { timeout: 10_000 }).toBe('declined');

		await notice.getByRole('button', { name: 'Quitter l’appel' }).click();
		await claire.getByTestId('call-ended').waitFor();

		// no empty "Visio — Visio" conversation in Messages
		await claire.goto(`${e2e.app.url}/messages`);
		await waitForApp(claire);
		expect((await claire.getByTestId('conversation-link').allInnerTexts()).sort()).toEqual(conversationsBefore);
	});
});
