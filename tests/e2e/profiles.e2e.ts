import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { BrowserContext, Page } from 'playwright-core';
import { expectAccessible, logInAsDemo, useAppInBrowser } from './harness.ts';

const e2e = useAppInBrowser();

const logIn = (page: Page, email: string) => logInAsDemo(page, e2e.app, email);

/** A demo member's public address, read from the "view my public profile" link of their own edit page. */
async function ownSlug(email: string): Promise<string> {
	const context = await e2e.browser.newContext({ locale: 'fr-FR' });
	const page = await context.newPage();
	await logIn(page, email);
	await page.goto(`${e2e.app.url}/profile`);
	const href = await page.getByRole('link', { name: 'Voir mon profil public' }).getAttribute('href');
	await context.close();
	if (!href?.startsWith('/m/')) throw new Error(`no public profile link for ${email}`);
	return href.slice(3);
}

describe('profiles in Chromium', () => {
	it('a visitor opens a provider’s profile, copies its link; a visitor-category member stays hidden', async () => {
		const claire = await ownSlug('claire.martin@exemple.fr');
		const paul = await ownSlug('paul.bernard@exemple.fr');
		const context: BrowserContext = await e2e.browser.newContext({ locale: 'fr-FR' });
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.app.url });
		const page = await context.newPage();
		const profileUrl = `${e2e.app.url}/m/${claire}`;

		await page.goto(profileUrl);
		await page.getByRole('heading', { level: 1, name: 'Claire Martin' }).waitFor();
		await page.getByRole('heading', { name: 'Compétences clés' }).waitFor();
		await page.getByRole('heading', { name: 'Missions remarquables' }).waitFor();
		const text = await page.locator('main').innerText();
		expect(text).not.toContain('@exemple.fr');
		// visitors are invited to log in rather than shown buttons that cannot work
		await page.getByRole('link', { name: /Connectez-vous pour suivre ce membre/ }).waitFor();
		await expectAccessible(page);

		expect(await page.getByLabel('Adresse du profil').inputValue()).toBe(profileUrl);
		await page.getByRole('button', { name: 'Copier le lien' }).click();
		await page.getByTestId('share-status').filter({ hasText: 'Lien copié' }).waitFor();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(profileUrl);
		expect(await page.locator('a[data-share="linkedin"]').getAttribute('href')).toBe(`https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(profileUrl)}`);
		expect(await page.locator('a[data-share="email"]').getAttribute('href')).toContain(encodeURIComponent(profileUrl));
		expect(await page.locator('a[data-share="facebook"]').getAttribute('href')).toContain(encodeURIComponent(profileUrl));
		expect(await page.locator('a[data-share="x"]').getAttribute('href')).toContain(encodeURIComponent(profileUrl));

		// Paul is a "visitor" member: not public
		const hidden = await page.goto(`${e2e.app.url}/m/${paul}`);
		expect(hidden?.status()).toBe(404);
		await page.getByText('connectez-vous pour le consulter').waitFor();
		await context.close();
	});

	it('a member edits their profile, uploads a photo and sees both on their public page', async () => {
		const context = await e2e.browser.newContext({ locale: 'fr-FR' });
		const page = await context.newPage();
		await logIn(page, 'paul.bernard@exemple.fr');
		await page.goto(`${e2e.app.url}/profile`);
		await page.getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();
		await expectAccessible(page);

		await page.getByLabel('Titre', { exact: true }).fill('Amateur de design, cherche des artisans à Paris');
		await page.getByLabel('Ville').fill('Paris');
		await page.getByRole('button', { name: 'Enregistrer' }).first().click();
		await page.getByText('Modifications enregistrées.').waitFor();

		// a file that is not an image is refused with a clear message
		await page.getByLabel('Nouvelle photo').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('<script>alert(1)</script>') });
		await page.getByRole('button', { name: 'Envoyer la photo' }).click();
		await page.locator('#field-photo-error', { hasText: 'n’est pas une image acceptée' }).waitFor();

		const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#2563eb' } }).png().toBuffer();
		await page.getByLabel('Nouvelle photo').setInputFiles({ name: 'moi.png', mimeType: 'image/png', buffer: png });
		await page.getByRole('button', { name: 'Envoyer la photo' }).click();
		await page.getByText('Photo enregistrée.').waitFor();

		await page.getByLabel('Ajouter des compétences').fill('Décoration intérieure, Rénovation');
		await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
		await page.getByText('Compétence(s) ajoutée(s) : 2.').waitFor();

		// the career page: add an experience
		await page.getByRole('link', { name: 'Parcours' }).click();
		await page.getByRole('heading', { name: 'Ajouter une expérience' }).waitFor();
		await page.locator('#experience-new-title').fill('Chef de projet');
		await page.locator('#experience-new-companyName').fill('Atelier Bernard');
		await page.locator('#experience-new-startedOn').fill('2021-04');
		await page.locator('#experience-new-endedOn').fill('2020-01');
		await page.locator('#experience-new-title').locator('xpath=ancestor::form').getByRole('button', { name: 'Ajouter' }).click();
		await page.locator('#experience-new-endedOn-error', { hasText: 'La fin ne peut pas précéder le début.' }).waitFor();
		await page.locator('#experience-new-endedOn').fill('');
		await page.locator('#experience-new-title').locator('xpath=ancestor::form').getByRole('button', { name: 'Ajouter' }).click();
		await page.getByText('Élément ajouté.').waitFor();
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Photos et documents' }).click();
		await page.getByRole('heading', { name: /Galerie \(0\/12\)/ }).waitFor();
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Voir mon profil public' }).click();
		await page.getByRole('heading', { level: 1, name: 'Paul Bernard' }).waitFor();
		await page.getByText('Amateur de design, cherche des artisans à Paris').waitFor();
		await page.getByRole('heading', { name: 'Chef de projet — Atelier Bernard' }).waitFor();
		const photo = page.getByRole('img', { name: 'Photo de Paul Bernard' });
		expect(await photo.getAttribute('src')).toMatch(/^\/media\/[0-9a-f-]{36}\.webp$/);
		await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(512);
		await expectAccessible(page);
		await context.close();
	});
});
