import { expect, it } from 'vitest';
import { useAppInBrowser } from './harness.ts';

const e2e = useAppInBrowser();

// On a slow network people type before the scripts arrive; hydration must not wipe what they typed.
it('text typed while the page is still loading survives hydration', async () => {
	const context = await e2e.browser.newContext({ locale: 'fr-FR' });
	const page = await context.newPage();
	await page.route('**/_app/immutable/**', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		await route.continue();
	});
	await page.goto(`${e2e.app.url}/login`, { waitUntil: 'commit' });
	await page.locator('#field-email').fill('paul.bernard@exemple.fr');
	await page.locator('#field-password').fill('Relais-demo-2026');
	// hydration is over once the enhanced form answers without a full reload: log in through it
	await page.waitForFunction(() => 'enhanced' in document.body.dataset, null, { timeout: 20_000 });
	expect(await page.locator('#field-email').inputValue()).toBe('paul.bernard@exemple.fr');
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await page.getByText('Bonjour Paul !').waitFor();
	await context.close();
});

it('the search forms keep what was typed before hydration, and still follow the URL afterwards', async () => {
	const context = await e2e.browser.newContext({ locale: 'fr-FR' });
	const page = await context.newPage();
	let slow = true;
	await page.route('**/_app/immutable/**', async (route) => {
		if (slow) await new Promise((resolve) => setTimeout(resolve, 1500));
		await route.continue();
	});
	await page.goto(`${e2e.app.url}/search?q=plombier`, { waitUntil: 'commit' });
	await page.locator('#search-q').fill('peintre');
	await page.locator('#search-where').fill('Lyon');
	await page.locator('#header-q').fill('électricien');
	await page.waitForFunction(() => 'enhanced' in document.body.dataset, null, { timeout: 20_000 });
	slow = false;
	expect(await page.locator('#search-q').inputValue()).toBe('peintre');
	expect(await page.locator('#search-where').inputValue()).toBe('Lyon');
	expect(await page.locator('#header-q').inputValue()).toBe('électricien');
	// a search, then the back button: the fields show each page's query again
	await page.locator('form.search-form button[type="submit"]').click();
	await page.waitForURL(/q=peintre/);
	expect(await page.locator('#search-q').inputValue()).toBe('peintre');
	await page.goBack();
	await page.waitForURL(/q=plombier$/);
	await expect.poll(() => page.locator('#search-q').inputValue()).toBe('plombier');
	await expect.poll(() => page.locator('#search-where').inputValue()).toBe('');
	await context.close();
});

