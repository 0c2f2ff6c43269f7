import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { waitForApp, type RunningApp } from './harness.ts';

/** Chromium with a fake camera and microphone, allowed without a prompt; remote audio may autoplay. */
export const FAKE_MEDIA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'];

/** A page in a fresh French context that exposes its call controller (window.__relaisCall). */
export async function newCallPage(browser: Browser, contexts: BrowserContext[]): Promise<Page> {
	const context = await browser.newContext({ locale: 'fr-FR' });
	contexts.push(context);
	await context.addInitScript(() => ((window as unknown as { __relaisTest: boolean }).__relaisTest = true));
	return context.newPage();
}

/** Pre-join (the fake camera shows in the preview), then "Rejoindre", until the call is on. */
export async function enterRoom(page: Page, app: RunningApp, slug: string) {
	if (!page.url().endsWith(`/rooms/${slug}`)) await page.goto(`${app.url}/rooms/${slug}`);
	await waitForApp(page);
	await page
		.getByTestId('prejoin')
		.waitFor({ timeout: 15_000 })
		.catch(async (error) => {
			throw new Error(`no pre-join on ${page.url()}: ${(await page.locator('main').innerText()).slice(0, 400)}`, { cause: error });
		});
	await expect.poll(() => page.evaluate(() => !!(document.querySelector('[data-testid="prejoin"] video') as HTMLVideoElement | null)?.srcObject), { timeout: 10_000 }).toBe(true);
	await page.getByTestId('join').click();
	await page.locator('[data-testid="room"][data-phase="call"]').waitFor({ timeout: 15_000 });
}

/**
 * How many remote tiles show moving video: their <video> decoded more frames over `windowMs`.
 * Works the same peer-to-peer and through the SFU (it reads what the user sees).
 */
export function liveRemoteVideos(page: Page, windowMs = 1500): Promise<number> {
	return page.evaluate(async (ms) => {
		const videos = () => [...document.querySelectorAll<HTMLVideoElement>('[data-testid="remote-tile"] video')];
		const frames = (v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames;
		const before = new Map(videos().map((v) => [v, frames(v)]));
		await new Promise((resolve) => setTimeout(resolve, ms));
		return videos().filter((v) => before.has(v) && frames(v) > before.get(v)!).length;
	}, windowMs);
}
