import { describe, expect, it } from 'vitest';
import { demoPage, expectAccessible, useAppInBrowser, waitForApp } from './harness.ts';

const e2e = useAppInBrowser();

describe('blog and mentoring in Chromium', () => {
	it('an admin names Paul editor; Paul writes an article whose slug follows the title; a visitor reads it at /blog/<slug>', async () => {
		const admin = await demoPage(e2e, 'admin@exemple.fr');
		await admin.goto(`${e2e.app.url}/blog/redacteurs`);
		await admin.getByLabel('Adresse e-mail du membre').fill('paul.bernard@exemple.fr');
		await admin.getByRole('button', { name: 'Donner le rôle rédacteur' }).click();
		await admin.getByText('Rôle rédacteur donné.').waitFor();

		const paul = await demoPage(e2e, 'paul.bernard@exemple.fr');
		await paul.goto(`${e2e.app.url}/blog`);
		await paul.getByTestId('blog-new').click();
		await paul.getByRole('heading', { level: 1, name: 'Nouvel article' }).waitFor();
		await waitForApp(paul);
		await paul.getByLabel('Titre', { exact: true }).pressSequentially('Journée portes ouvertes : l’été à Lyon !');
		expect(await paul.getByTestId('article-slug').inputValue()).toBe('journee-portes-ouvertes-l-ete-a-lyon');
		await paul.getByTestId('article-slug').fill('portes-ouvertes-lyon');
		// typing the title again no longer touches a slug edited by hand
		await paul.getByLabel('Titre', { exact: true }).press('End');
		await paul.getByLabel('Titre', { exact: true }).pressSequentially(' 2027');
		expect(await paul.getByTestId('article-slug').inputValue()).toBe('portes-ouvertes-lyon');
		await paul.getByTestId('article-content').click();
		await paul.keyboard.type('Venez découvrir le campus le samedi 14 mars.');
		await paul.getByRole('button', { name: 'Gras' }).click();
		await paul.keyboard.type(' Inscription gratuite.');
		await paul.getByLabel('Les deux').check();
		await paul.getByLabel('Catégorie').fill('Événements');
		await paul.getByTestId('article-date').fill('2026-01-15T10:00');
		await expectAccessible(paul);
		await paul.getByTestId('article-save').click();
		await paul.waitForURL(`${e2e.app.url}/blog/portes-ouvertes-lyon`);
		await paul.getByRole('heading', { level: 1, name: 'Journée portes ouvertes : l’été à Lyon ! 2027' }).waitFor();
		expect(await paul.getByTestId('article-body').innerHTML()).toMatch(/^<p>Venez découvrir le campus le samedi 14 mars\.<strong>(\s|&nbsp;)Inscription gratuite\.<\/strong><\/p>$/);

		// a visitor, no login: the article, its OpenGraph tags, the list and the feed
		const visitor = await (await e2e.browser.newContext({ locale: 'fr-FR' })).newPage();
		await visitor.goto(`${e2e.app.url}/blog/portes-ouvertes-lyon`);
		await visitor.getByRole('heading', { level: 1, name: /Journée portes ouvertes/ }).waitFor();
		expect(await visitor.locator('meta[property="og:title"]').getAttribute('content')).toBe('Journée portes ouvertes : l’été à Lyon ! 2027');
		expect(await visitor.locator('meta[property="og:url"]').getAttribute('content')).toBe(`${e2e.app.url}/blog/portes-ouvertes-lyon`);
		await expectAccessible(visitor);
		await visitor.goto(`${e2e.app.url}/blog`);
		await visitor.getByRole('link', { name: /Journée portes ouvertes/ }).waitFor();
		await visitor.goto(`${e2e.app.url}/`);
		await visitor.getByRole('heading', { name: 'À la une' }).waitFor();
		const feed = await visitor.request.get(`${e2e.app.url}/blog/feed.xml?lang=fr`);
		expect(await feed.text()).toContain('portes-ouvertes-lyon');
	});

	it('Paul, no mentor himself, sees the banner, asks Claire; Claire accepts and the conversation opens', async () => {
		const paul = await demoPage(e2e, 'paul.bernard@exemple.fr');
		await paul.goto(`${e2e.app.url}/mentorat`);
		await paul.getByTestId('mentor-banner').waitFor();
		await paul.getByLabel('Nom, sujet…').fill('Claire');
		await paul.getByRole('button', { name: 'Filtrer' }).click();
		await paul.waitForURL(/\/mentorat\?.*q=Claire/);
		const card = paul.getByTestId('mentor-card').filter({ hasText: 'Claire Martin' });
		await card.getByRole('link', { name: 'Solliciter comme mentor' }).click();
		await paul.getByRole('heading', { level: 1, name: 'Solliciter Claire Martin comme mentor' }).waitFor();
		await waitForApp(paul);
		await paul.getByTestId('ask-message').fill('Bonjour Claire, je voudrais me lancer en freelance et votre parcours m’inspire.');
		await expectAccessible(paul);
		await paul.getByTestId('ask-submit').click();
		await paul.getByText(/Demande envoyée\. Claire Martin a deux semaines pour y répondre/).waitFor();

		const claire = await demoPage(e2e, 'claire.martin@exemple.fr');
		await claire.goto(`${e2e.app.url}/mentorat/parrainages`);
		const request = claire.getByTestId('mentorships-mentor').getByRole('listitem').filter({ hasText: 'Paul Bernard' }).filter({ hasText: 'En attente' });
		await request.getByText('je voudrais me lancer en freelance').waitFor();
		await waitForApp(claire);
		await request.getByLabel('Un mot pour votre mentoré (facultatif)').fill('Avec plaisir, Paul !');
		await request.getByTestId('accept').click();
		await claire.getByText('Demande acceptée : une conversation est ouverte avec votre mentoré.').waitFor();
		const accepted = claire.getByTestId('mentorships-mentor').getByRole('listitem').filter({ hasText: 'Paul Bernard' }).filter({ hasText: 'Avec plaisir, Paul !' });
		await accepted.getByRole('link', { name: 'Ouvrir la conversation' }).click();
		await claire.waitForURL(/\/messages\/[0-9a-f-]{36}$/);

		// Paul's "Mes parrainages" shows it running, with the same conversation
		await paul.goto(`${e2e.app.url}/mentorat/parrainages`);
		const mine = paul.getByTestId('mentorships-mentee').getByRole('listitem').filter({ hasText: 'Claire Martin' }).filter({ hasText: 'En cours' });
		await mine.getByRole('link', { name: 'Ouvrir la conversation' }).click();
		await paul.waitForURL(claire.url());

		// the acceptance mail (sent by a job a moment later) carries the note and the button to the same conversation
		const mail = paul.locator('li[data-to="paul.bernard@exemple.fr"]').filter({ hasText: 'Claire Martin a accepté d’être votre mentor' });
		await expect
			.poll(async () => {
				await paul.goto(`${e2e.app.url}/dev/outbox`);
				return mail.count();
			}, { timeout: 20_000, interval: 500 })
			.toBe(1);
		await mail.locator('a[href*="/conversation"]').click();
		await paul.waitForURL(claire.url());
	});
});
