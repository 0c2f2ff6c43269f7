import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoPage, expectAccessible, useAppInBrowser, waitForApp } from './harness.ts';

const e2e = useAppInBrowser();

/** starts from no unread notification (the demo data brings some) */
async function readAll(page: Page) {
	await page.goto(`${e2e.app.url}/notifications`);
	const button = page.getByRole('button', { name: 'Tout marquer comme lu' });
	if (await button.isVisible()) {
		await button.click();
		await page.getByText('Toutes vos notifications sont marquées comme lues.').waitFor();
	}
	await page.getByRole('link', { name: 'Notifications, aucune non lue' }).waitFor();
}

const TITLE = 'Offre flash : audit express pour les Clients Lyon';

describe('publications in Chromium', () => {
	it('a visitor reads the public news on the Actualités tab without logging in, and a news page with its share preview', async () => {
		const context = await e2e.browser.newContext({ locale: 'fr-FR' });
		const visitor = await context.newPage();
		await visitor.goto(`${e2e.app.url}/actualites`);
		await visitor.getByRole('heading', { level: 1, name: 'Actualités' }).waitFor();
		const news = visitor.getByRole('link', { name: 'La Coopérative Numérique du Rhône accueille trois nouveaux indépendants' });
		await news.waitFor();
		// members-only news never reach a visitor
		expect(await visitor.getByText('Permanence gratuite en droit du travail pour les membres').count()).toBe(0);
		await expectAccessible(visitor);
		await news.click();
		await visitor.getByRole('heading', { level: 1, name: 'La Coopérative Numérique du Rhône accueille trois nouveaux indépendants' }).waitFor();
		expect(await visitor.locator('meta[property="og:title"]').getAttribute('content')).toBe('La Coopérative Numérique du Rhône accueille trois nouveaux indépendants');
		// French search on the tab: accents and plurals do not matter
		await visitor.goto(`${e2e.app.url}/offres?q=plomberie`);
		await visitor.getByRole('link', { name: 'Dépannage plomberie 7 jours sur 7 à Marseille' }).waitFor();
		await context.close();
	});

	it('Claire publishes a private offer for the Coopérative to her group "Clients Lyon": Paul sees it live and is notified; Sophie, a contact outside the group, sees it nowhere', async () => {
		const paul = await demoPage(e2e, 'paul.bernard@exemple.fr');
		const sophie = await demoPage(e2e, 'sophie.durand@exemple.fr');
		const claire = await demoPage(e2e, 'claire.martin@exemple.fr');
		await readAll(paul);
		await paul.goto(`${e2e.app.url}/`);
		await waitForApp(paul);
		await paul.getByRole('heading', { name: 'Mon fil' }).waitFor();

		await claire.goto(`${e2e.app.url}/publications/new`);
		await waitForApp(claire);
		await claire.getByLabel('Offre').check();
		await claire.getByLabel('Publier au nom de').selectOption({ label: 'Coopérative Numérique du Rhône' });
		await claire.getByLabel('Contacts ou groupes choisis').check();
		await claire.getByLabel(/Clients Lyon/).check();
		await claire.getByLabel('Titre').fill(TITLE);
		await claire.getByLabel('Texte').fill('Un audit express de votre site en une demi-journée.\n\nRéservé à nos clients lyonnais.');
		await claire.getByLabel('Lieu (ville ou code postal)').fill('69002');
		await claire.getByLabel('Prix ou budget (€, facultatif)').fill('390');
		await claire.getByRole('button', { name: 'Publier' }).click();
		await claire.getByText('Votre publication est en ligne.').waitFor();
		await claire.getByRole('heading', { level: 1, name: TITLE }).waitFor();
		const url = claire.url().replace(/\?.*$/, '');

		// Paul: the banner arrives without reload, then the feed shows the offer; the bell counts it
		const banner = paul.getByTestId('feed-banner');
		await banner.waitFor({ timeout: 20_000 });
		expect(await banner.innerText()).toContain('1 nouvelle publication');
		await banner.click();
		await paul.getByTestId('home-feed').getByRole('link', { name: TITLE }).waitFor();
		await paul.getByRole('link', { name: 'Notifications, 1 non lue' }).waitFor({ timeout: 20_000 });
		await paul.goto(`${e2e.app.url}/notifications`);
		await paul.getByRole('link', { name: new RegExp(`Claire Martin \\(Coopérative Numérique du Rhône\\) vous adresse une annonce privée : « ${TITLE} »`) }).click();
		await paul.getByRole('heading', { level: 1, name: TITLE }).waitFor();

		// Sophie: not in her feed, not on the tab, not in search, and its page does not exist for her
		await sophie.goto(`${e2e.app.url}/`);
		await sophie.getByRole('heading', { name: 'Mon fil' }).waitFor();
		expect(await sophie.getByText(TITLE).count()).toBe(0);
		await sophie.goto(`${e2e.app.url}/offres?q=audit%20express`);
		await sophie.getByRole('heading', { level: 1, name: 'Offres' }).waitFor();
		expect(await sophie.getByText(TITLE).count()).toBe(0);
		const response = await sophie.goto(url);
		expect(response?.status()).toBe(404);
		expect(await sophie.getByText(TITLE).count()).toBe(0);
		// nor a visitor
		const context = await e2e.browser.newContext({ locale: 'fr-FR' });
		const visitor = await context.newPage();
		expect((await visitor.goto(url))?.status()).toBe(404);
		await context.close();
	});
});
