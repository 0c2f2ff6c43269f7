import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { detectWorker } from '../../server/media/detect.ts';
import { connectAppDatabase, logInAsDemo, useAppInBrowser, waitForApp } from './harness.ts';
import { enterRoom, FAKE_MEDIA_ARGS, liveRemoteVideos, newCallPage } from './video-room.ts';

/**
 * Group video through the mediasoup SFU in three Chromium contexts. Needs a worker binary
 * (MEDIASOUP_WORKER_BIN); npm cannot fetch or build one on these machines, so without it the
 * file is skipped and says why.
 */
const worker = detectWorker();
if (!worker.ok) console.log(`SFU browser journey skipped: no mediasoup worker (${worker.reason})`);

// Seeded contacts (prisma/seed): Claire (the host) has Paul and Sophie among her contacts.
const CLAIRE = 'claire.martin@exemple.fr';
const PAUL = 'paul.bernard@exemple.fr';
const SOPHIE = 'sophie.durand@exemple.fr';

// two workers: a room whose worker dies moves to the other; two people go back to P2P after 2 s
const e2e = useAppInBrowser({
	enabled: worker.ok,
	env: worker.ok ? { MEDIASOUP_WORKER_BIN: worker.bin, MEDIASOUP_WORKERS: '2', ROOM_P2P_RETURN_SECONDS: '2', VIDEO_MODE: 'auto' } : {},
	browserArgs: FAKE_MEDIA_ARGS
});
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	if (!worker.ok) return;
	const client = await connectAppDatabase(e2e.app);
	// Claire administers the site too, to read the SFU's figures on /admin/media
	await client.query(`UPDATE "Member" SET roles = array_append(roles, 'admin') WHERE email = $1 AND NOT ('admin' = ANY(roles))`, [CLAIRE]);
	await client.end();
});

afterAll(async () => {
	for (const context of contexts) await context.close().catch(() => {});
});

const topologyOf = (page: Page) => page.getByTestId('topology').textContent();

/** The room's row on the admin page: worker pid, participants, streams sent and received. */
async function sfuRow(admin: Page, roomId: string): Promise<{ worker: string; peers: number; producers: number; consumers: number } | null> {
	await admin.goto(`${e2e.app.url}/admin/media`);
	const row = admin.locator('[data-testid="sfu-rooms"] tr', { hasText: roomId });
	if (!(await row.count())) return null;
	const [, worker, peers, producers, consumers] = await row.locator('td').allTextContents();
	return { worker, peers: Number(peers), producers: Number(producers), consumers: Number(consumers) };
}

describe.skipIf(!worker.ok)('group video through the SFU in Chromium', () => {
	it('two talk peer-to-peer, a third joins and all move to the SFU, a killed worker is survived, and back to P2P when one leaves', async () => {
		const [claire, paul, sophie] = [await newCallPage(e2e.browser, contexts), await newCallPage(e2e.browser, contexts), await newCallPage(e2e.browser, contexts)];
		await logInAsDemo(claire, e2e.app, CLAIRE);
		await logInAsDemo(paul, e2e.app, PAUL);
		await logInAsDemo(sophie, e2e.app, SOPHIE);

		// Claire creates a meeting room and invites Paul and Sophie
		await claire.goto(`${e2e.app.url}/rooms/new`);
		await waitForApp(claire);
		await claire.getByLabel('Titre de la réunion').fill('Point projet');
		await claire.getByRole('checkbox', { name: 'Paul Bernard' }).check();
		await claire.getByRole('checkbox', { name: 'Sophie Durand' }).check();
		await claire.getByRole('button', { name: 'Créer la salle' }).click();
		await claire.waitForURL(/\/rooms\/(?!new$)[A-Za-z0-9_-]+$/, { timeout: 15_000 });
		const slug = new URL(claire.url()).pathname.split('/').pop()!;

		// two: peer-to-peer
		await enterRoom(claire, e2e.app, slug);
		await enterRoom(paul, e2e.app, slug);
		await expect.poll(() => topologyOf(paul), { timeout: 10_000 }).toBe('Pair-à-pair');
		await expect.poll(() => liveRemoteVideos(claire), { timeout: 30_000 }).toBe(1);
		// a marker that a page reload would wipe: the switch must happen in place
		for (const page of [claire, paul]) await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true));

		// a third: everyone on the SFU, each decoding the two others
		await enterRoom(sophie, e2e.app, slug);
		for (const page of [claire, paul, sophie]) await expect.poll(() => topologyOf(page), { timeout: 15_000 }).toBe('Salle de groupe');
		for (const page of [claire, paul, sophie]) await expect.poll(() => liveRemoteVideos(page), { timeout: 45_000, interval: 500 }).toBe(2);
		for (const page of [claire, paul]) expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);

		// the worker carrying the room is killed: the room moves to the other worker, calls resume by themselves
		const admin = await claire.context().newPage();
		const client = await connectAppDatabase(e2e.app);
		const roomId = (await client.query<{ id: string }>('SELECT id FROM "Room" WHERE slug = $1', [slug])).rows[0].id;
		await client.end();
		// three people, each sending microphone + camera once and receiving the two others'
		const streams = { peers: 3, producers: 6, consumers: 12 };
		const before = await sfuRow(admin, roomId);
		expect(before).toMatchObject(streams);
		process.kill(Number(before!.worker), 'SIGKILL');
		const killedAt = Date.now();
		await expect.poll(async () => (await sfuRow(admin, roomId))?.worker ?? before!.worker, { timeout: 20_000, interval: 500 }).not.toBe(before!.worker);
		for (const page of [claire, paul, sophie]) await expect.poll(() => liveRemoteVideos(page), { timeout: 45_000, interval: 500 }).toBe(2);
		await expect.poll(() => sfuRow(admin, roomId), { timeout: 10_000 }).toMatchObject(streams);
		// the old connections' ICE gives up ~5 s after the kill: no page may take that for a new drop
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, killedAt + 9000 - Date.now())));
		for (const page of [claire, paul, sophie]) expect(await page.getByTestId('reconnecting').count()).toBe(0);
		await admin.close();

		// Sophie leaves: after the delay the two others are back peer-to-peer, still seeing each other
		await sophie.getByTestId('leave').click();
		await sophie.getByTestId('call-ended').waitFor();
		for (const page of [claire, paul]) await expect.poll(() => topologyOf(page), { timeout: 15_000 }).toBe('Pair-à-pair');
		for (const page of [claire, paul]) await expect.poll(() => liveRemoteVideos(page), { timeout: 45_000, interval: 500 }).toBe(1);
		for (const page of [claire, paul]) expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
	});
});
