import { describe, expect, it } from 'vitest';

import { expectAccessible, useAppInBrowser, waitForApp } from './harness.ts';

const e2e = useAppInBrowser();

// What a newcomer meets after `npm start`: demo providers already take bookings, so the core
// journey (find a provider, pick a free slot, book) works with nothing configured first.
describe('a newcomer books a demo provider in Chromium', () => {
	it('finds Benoît Lambert in the directory, opens his agenda (hours and a busy calendar from the seed) and books a slot', async () => {
		const context = await e2e.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
		const visitor = await context.newPage();
		await visitor.goto(`${e2e.app.url}/search?q=avocat&where=Paris`);
		await waitForApp(visitor);
		await visitor.getByRole('link', { name: 'Benoît Lambert' }).first().click();
		await visitor.getByRole('link', { name: 'Prendre rendez-vous' }).click();
		await visitor.waitForURL(/\/book\/benoit-lambert/);
		await waitForApp(visitor);
		// the seed's appointment types, and free slots in the coming days
		await expect(visitor.getByLabel('Type de rendez-vous').innerText()).resolves.toContain('Premier échange (30 min, visio)');
		const slots = visitor.locator('a.slot');
		await slots.first().waitFor();
		expect(await slots.count()).toBeGreaterThan(3);
		await expectAccessible(visitor);

		await slots.first().click();
		await visitor.getByLabel('Nom et prénom').fill('Nadia Nouvelle');
		await visitor.getByLabel('Adresse e-mail').fill('nadia.nouvelle@exemple.fr');
		await visitor.getByLabel('Adresse', { exact: true }).fill('8 rue de Provence');
		await visitor.getByLabel('Ville').fill('Paris');
		await visitor.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
		await visitor.getByRole('heading', { name: 'Rendez-vous enregistré' }).waitFor();
		await expect(visitor.locator('main').innerText()).resolves.toMatch(/avec Benoît Lambert/);
		await context.close();
	});
});
