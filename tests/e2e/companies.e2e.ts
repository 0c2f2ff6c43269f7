import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { expectAccessible, logInAsDemo, useAppInBrowser } from './harness.ts';

const e2e = useAppInBrowser();

const logIn = (page: Page, email: string) => logInAsDemo(page, e2e.app, email);

/** Waits for the page's status line, or says what the page shows instead. */
async function expectStatus(page: Page, text: string | RegExp) {
	try {
		await page.getByRole('status').filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
	} catch (error) {
		throw new Error(`no status "${text}"; ${page.url()} shows: ${(await page.locator('main').innerText()).slice(0, 600)}\n${e2e.app.output().slice(-1500)}`, { cause: error });
	}
}

describe('company journey in Chromium', () => {
	it('create a company → another member asks to join → admin approves, makes them advertiser → advertiser adds a catalog item shown on the page', async () => {
		const claire = await (await e2e.browser.newContext({ locale: 'fr-FR' })).newPage();
		const paul = await (await e2e.browser.newContext({ locale: 'fr-FR' })).newPage();
		await logIn(claire, 'claire.martin@exemple.fr');
		await logIn(paul, 'paul.bernard@exemple.fr');

		// creation form: accessible, a wrong SIRET key is refused in French, then created
		await claire.goto(`${e2e.app.url}/companies/new`);
		await expectAccessible(claire);
		const title = `Atelier Relais ${Date.now().toString(36)}`;
		await claire.getByLabel('Nom affiché').fill(title);
		await claire.getByLabel('Raison sociale').fill(`${title} SCOP SARL`);
		await claire.getByLabel(/^SIRET/).fill('732 829 320 00075');
		await claire.getByLabel(/^Code NAF/).fill('6201z');
		await claire.getByLabel(/^Secteur/).fill('Informatique et numérique');
		await claire.getByLabel(/^Présentation/).fill('Ateliers de développement web accessible.');
		await claire.getByLabel(/^Ville/).fill('Lyon');
		await claire.getByLabel(/^E-mail de contact/).fill('contact@atelier.example.org');
		await claire.getByLabel(/^Site web/).fill('https://atelier.example.org');
		await claire.getByRole('button', { name: 'Créer la page entreprise' }).click();
		await claire.locator('#field-siret-error', { hasText: 'clé de contrôle incorrecte' }).waitFor();
		await expectAccessible(claire);

		await claire.getByLabel(/^SIRET/).fill('732 829 320 00074');
		await claire.getByRole('button', { name: 'Créer la page entreprise' }).click();
		await claire.waitForURL(/\/c\/atelier-relais-[a-z0-9-]+\?created=1$/);
		const pageUrl = claire.url().replace(/\?.*$/, '');
		await claire.getByRole('heading', { level: 1, name: title }).waitFor();
		expect(await claire.locator('main').innerText()).toContain('732 829 320 00074');
		expect(await claire.locator('main').innerText()).toContain('62.01Z');
		await expectAccessible(claire);

		// Paul asks to join
		await paul.goto(pageUrl);
		await paul.getByLabel('Votre fonction (facultatif)').fill('Chef de projet');
		await paul.getByRole('button', { name: 'Rejoindre cette entreprise' }).click();
		await expectStatus(paul, 'Demande envoyée');
		await paul.getByText('attend la réponse d’un administrateur').waitFor();
		await paul.getByRole('button', { name: 'Suivre' }).click();
		await paul.getByTestId('followers').filter({ hasText: '1 abonné' }).waitFor();

		// Claire approves and makes him advertiser
		await claire.goto(`${pageUrl}/manage`);
		await expectAccessible(claire);
		await claire.getByRole('button', { name: 'Accepter la demande de Paul Bernard' }).click();
		await expectStatus(claire, 'Demande acceptée');
		await claire.getByLabel('Rôle de Paul Bernard').selectOption('advertiser');
		await claire.getByRole('button', { name: 'Changer le rôle de Paul Bernard' }).click();
		await expectStatus(claire, 'Rôle modifié');
		// the last admin cannot demote herself
		await claire.getByLabel('Rôle de Claire Martin').selectOption('employee');
		await claire.getByRole('button', { name: 'Changer le rôle de Claire Martin' }).click();
		await claire.getByRole('alert').filter({ hasText: 'au moins un administrateur' }).waitFor();

		// Paul, now advertiser, adds a catalog item with a photo
		await paul.goto(pageUrl);
		await paul.getByText('Vous faites partie de cette entreprise (Annonceur)').waitFor();
		await paul.getByRole('link', { name: 'Gérer le catalogue' }).click();
		await paul.waitForURL(`${pageUrl}/manage/catalog`);
		await expectAccessible(paul);
		await paul.getByLabel('Nom du produit ou service').fill('Audit d’accessibilité RGAA');
		await paul.getByLabel(/^Référence/).fill('AUD-01');
		await paul.getByLabel(/^Prix en euros/).fill('1 250,50');
		await paul.getByLabel(/^Unité/).fill('la journée');
		const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#1d4ed8' } }).png().toBuffer();
		await paul.locator('#new-photos').setInputFiles({ name: 'audit.png', mimeType: 'image/png', buffer: photo });
		await paul.getByRole('button', { name: 'Ajouter au catalogue' }).click();
		await expectStatus(paul, 'Élément ajouté au catalogue');

		// visible to a visitor on the public page
		const visitor = await (await e2e.browser.newContext({ locale: 'en-GB' })).newPage();
		await visitor.goto(pageUrl);
		const catalog = visitor.getByTestId('catalog');
		await catalog.getByRole('heading', { name: 'Audit d’accessibilité RGAA' }).waitFor();
		expect(await catalog.innerText()).toMatch(/€1,250\.50 \/ la journée/);
		await catalog.getByRole('img', { name: 'Audit d’accessibilité RGAA — photo 1' }).waitFor();
		expect(await visitor.getByText('Log in to follow or join this company.').count()).toBe(1);
		await expectAccessible(visitor);
		await claire.goto(pageUrl);
		expect(await claire.getByTestId('catalog').innerText()).toMatch(/1\s250,50\s€ \/ la journée/);
	});
});
