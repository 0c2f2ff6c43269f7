import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, logInAsDemo, useAppInBrowser, waitForApp } from './harness.ts';

const e2e = useAppInBrowser();

const params = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);

describe('directory search in Chromium', () => {
	it('a visitor searches "plombier" near Marseille from the header box; the URL holds the query; back restores it', async () => {
		const context = await e2e.browser.newContext({ locale: 'fr-FR' });
		const page = await context.newPage();
		await page.goto(`${e2e.app.url}/`);
		await waitForApp(page);
		await page.getByRole('heading', { name: 'Derniers prestataires inscrits' }).waitFor();

		// the header box, keyboard only
		await page.locator('#header-q').fill('plombiers');
		await page.locator('#header-where').fill('marseille');
		await page.locator('#header-where').press('Enter');
		await page.waitForURL(/\/search\?/, { waitUntil: 'commit' });
		expect(params(page)).toMatchObject({ q: 'plombiers', where: 'marseille' });

		const results = page.getByTestId('search-result');
		await results.first().waitFor();
		expect(await results.count()).toBeGreaterThan(0);
		await page.getByText(/\d+ résultat\(s\) · Autour de Marseille \(13\), dans un rayon de 20 km/).waitFor();
		for (const text of await results.allInnerTexts()) expect(text).toMatch(/Indépendant|Entreprise|Administration|Association/);
		expect(await page.content()).not.toContain('@exemple.fr');
		// the page's own form shows the query it ran
		expect(await page.locator('#search-q').inputValue()).toBe('plombiers');
		expect(await page.locator('#search-where').inputValue()).toBe('marseille');
		await expectAccessible(page);

		// narrow it: sort by distance within 5 km — a new URL, a new history entry
		const firstQuery = page.url();
		await page.locator('#search-radius').fill('5');
		await page.locator('#search-sort').selectOption('distance');
		await page.locator('#search-radius').press('Enter');
		await page.waitForURL((url) => url.searchParams.get('radius') === '5');
		expect(params(page)).toEqual({ q: 'plombiers', where: 'marseille', radius: '5', sort: 'distance' });
		await page.getByText(/dans un rayon de 5 km/).waitFor();

		// back: the previous query, its form values and its results
		await page.goBack();
		await page.waitForURL(firstQuery);
		await page.getByText(/dans un rayon de 20 km/).waitFor();
		expect(await page.locator('#search-radius').inputValue()).toBe('');
		expect(await page.locator('#search-q').inputValue()).toBe('plombiers');

		// a shared link opens the same search
		const shared = await context.newPage();
		await shared.goto(firstQuery);
		await waitForApp(shared);
		expect(await shared.getByTestId('search-result').allInnerTexts()).toEqual(await results.allInnerTexts());

		// a result links to the member's profile page (built elsewhere): follow it
		const link = results.first().getByRole('link');
		const href = await link.getAttribute('href');
		expect(href).toMatch(/^\/m\/[a-z0-9-]+$/);
		await link.click();
		await page.waitForURL(`${e2e.app.url}${href}`);
		await context.close();
	});

	it('an unknown place and bad filters are explained, in the page’s language', async () => {
		const context = await e2e.browser.newContext({ locale: 'en-GB' });
		const page = await context.newPage();
		await page.goto(`${e2e.app.url}/search?q=plombier&where=Zzyzx`);
		await waitForApp(page);
		await page.getByText('Place not found: “Zzyzx”.').waitFor();
		await page.goto(`${e2e.app.url}/search?q=plombier&radius=-2`);
		await waitForApp(page);
		await page.locator('#search-radius-error', { hasText: 'The radius must be a whole number of kilometres' }).waitFor();
		await context.close();
	});

	it('the companies page lists results linking to /c/<slug>; the API answers the same search', async () => {
		const context = await e2e.browser.newContext({ locale: 'fr-FR' });
		const page = await context.newPage();
		await page.goto(`${e2e.app.url}/companies`);
		await waitForApp(page);
		await page.getByLabel('Nom, activité, mots-clés').fill('plomberies');
		await page.getByLabel('Nom, activité, mots-clés').press('Enter');
		try {
			await page.waitForURL(/\/companies\?q=plomberies/, { waitUntil: 'commit', timeout: 15_000 });
		} catch (error) {
			// say what the page shows instead of a bare time-out
			throw new Error(`no company search; ${page.url()} shows: ${(await page.locator('main').innerText()).slice(0, 400)}\n${e2e.app.output().slice(-1500)}`, { cause: error });
		}
		const first = page.getByTestId('company-result').first();
		await first.waitFor();
		expect(await first.getByRole('link').getAttribute('href')).toBe('/c/plomberie-garnier-fils');
		await expectAccessible(page);

		const api = await page.request.get(`${e2e.app.url}/api/v1/companies?q=plomberies`);
		expect(api.status()).toBe(200);
		expect(((await api.json()) as { results: { slug: string }[] }).results[0].slug).toBe('plomberie-garnier-fils');
		const bad = await page.request.get(`${e2e.app.url}/api/v1/providers?radius=abc`, { headers: { 'accept-language': 'en' } });
		expect(bad.status()).toBe(400);
		expect(await bad.json()).toMatchObject({ error: { code: 'invalid_query', message: 'Invalid search parameters.' } });
		const openapi = await page.request.get(`${e2e.app.url}/api/v1/openapi.json`);
		expect(((await openapi.json()) as { openapi: string }).openapi).toBe('3.1.0');
		await context.close();
	});

	it('typing "Lyo" in "Où ?" suggests Lyon; "développeur" in Lyon finds the développeuses, their cards show a photo', async () => {
		const context = await e2e.browser.newContext({ locale: 'fr-FR' });
		const page = await context.newPage();
		await page.goto(`${e2e.app.url}/search`);
		await waitForApp(page);
		await page.locator('#search-q').fill('développeur');
		await page.locator('#search-where').pressSequentially('Lyo', { delay: 30 });
		// the field's <datalist> (what the browser offers under the field) fills from /api/v1/places
		const suggestions = page.locator('#search-where-list option');
		await expect.poll(() => suggestions.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)), { timeout: 10_000 }).toContain('Lyon (69)');
		expect(await page.locator('#search-where').getAttribute('list')).toBe('search-where-list');
		await page.locator('#search-where').fill('Lyon (69)');
		await page.locator('#search-where').press('Enter');
		await page.waitForURL((url) => url.searchParams.get('where') === 'Lyon (69)');
		const results = page.getByTestId('search-result');
		await results.first().waitFor();
		expect((await results.getByRole('heading').allInnerTexts()).sort()).toEqual(['Claire Martin', 'Sophie Durand']);
		// a photo, not initials: an image that loaded from /media
		const photo = results.first().locator('img.profile-avatar');
		await photo.waitFor();
		expect(await photo.getAttribute('src')).toMatch(/^\/media\/[0-9a-f-]+\.webp$/);
		expect(await photo.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
		await expectAccessible(page);
		await context.close();
	});

	it('the header fits on one line at 1024 px and stays ≤ 120 px tall on a phone; the home search fields have a normal height', async () => {
		const measure = async (width: number, height: number, signedIn: boolean) => {
			const context = await e2e.browser.newContext({ locale: 'fr-FR', viewport: { width, height } });
			const page = await context.newPage();
			if (signedIn) await logInAsDemo(page, e2e.app, 'claire.martin@exemple.fr');
			await page.goto(`${e2e.app.url}/`);
			await waitForApp(page);
			const header = (await page.locator('header.site-header').boundingBox())!;
			// nothing of the header past the window's right edge, and no sideways scrolling
			const overflow = await page.locator('header.site-header').evaluate((el) =>
				Math.max(0, ...[...el.querySelectorAll('a, button, input, span')].filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getBoundingClientRect().right - window.innerWidth))
			);
			const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
			const inputs = await page.locator('#home-q, #home-where').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
			await context.close();
			return { header, overflow, scrollWidth, inputs };
		};
		for (const signedIn of [false, true]) {
			const desktop = await measure(1024, 768, signedIn);
			// one row: the tallest item (≈ 44 px) plus the padding
			expect(desktop.header.height, `1024 px, signed in: ${signedIn}`).toBeLessThanOrEqual(72);
			expect(desktop.overflow).toBe(0);
			expect(desktop.scrollWidth).toBe(1024);
			for (const h of desktop.inputs) expect(h >= 36 && h <= 48, `home field ${h} px at 1024 px`).toBe(true);

			const phone = await measure(390, 844, signedIn);
			expect(phone.header.height, `390 px, signed in: ${signedIn}`).toBeLessThanOrEqual(120);
			expect(phone.overflow).toBe(0);
			expect(phone.scrollWidth).toBe(390);
			for (const h of phone.inputs) expect(h >= 36 && h <= 48, `home field ${h} px at 390 px`).toBe(true);
		}
	});
});
