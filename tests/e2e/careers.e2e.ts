import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connectAppDatabase, demoPage, expectAccessible, useAppInBrowser } from './harness.ts';

const e2e = useAppInBrowser();

// a minimal but real PDF (the upload rules check the content, not the name)
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

/** Waits for a status line, or says what the page shows instead. */
async function expectStatus(page: Page, text: string | RegExp) {
	try {
		await page.getByRole('status').filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
	} catch (error) {
		throw new Error(`no status "${text}"; ${page.url()} shows: ${(await page.locator('main').innerText()).slice(0, 800)}\n${e2e.app.output().slice(-1500)}`, { cause: error });
	}
}

describe('job board journey in Chromium', () => {
	it('a member posts an offer (approval on) → an administrator approves it → another member finds it with a filter and applies with a PDF', async () => {
		const word = `Kotlin${Date.now().toString(36)}`;
		const title = `Développeuse mobile ${word}`;

		// Claire posts: the board needs approval (the demo setting), so the offer waits
		const claire = await demoPage(e2e, 'claire.martin@exemple.fr');
		await claire.goto(`${e2e.app.url}/emplois/nouveau`);
		await claire.getByText('Votre offre sera publiée après validation par un modérateur.').waitFor();
		await expectAccessible(claire);
		await claire.getByLabel('Intitulé du poste').fill(title);
		await claire.getByLabel('Entreprise qui recrute').fill('Coopérative Numérique du Rhône');
		await claire.getByLabel('Type de contrat').selectOption('cdi');
		await claire.getByLabel('Secteur d’activité').selectOption('it');
		await claire.getByLabel(/^Lieu/).fill('Lyon');
		await claire.getByLabel('Description du poste').fill(`Applications ${word} pour nos clients associatifs.\n\nTélétravail partiel.`);
		await claire.getByLabel('Adresse e-mail qui reçoit les candidatures').fill('recrutement@cooperative-rhone.example.org');
		await claire.getByRole('button', { name: 'Enregistrer l’offre' }).click();
		await claire.waitForURL(/\/emplois\/[0-9a-f-]{36}\?posted=pending$/);
		const offerUrl = claire.url().replace(/\?.*$/, '');
		await expectStatus(claire, 'elle sera publiée après validation');
		await claire.getByTestId('offer-state').filter({ hasText: 'En attente de validation' }).waitFor();

		// Paul does not see it yet
		const paul = await demoPage(e2e, 'paul.bernard@exemple.fr');
		await paul.goto(`${e2e.app.url}/emplois?q=${word}`);
		await paul.getByTestId('offer-count').filter({ hasText: '0 offre' }).waitFor();

		// the administrator approves it from the queue
		const admin = await demoPage(e2e, 'admin@exemple.fr');
		await admin.goto(`${e2e.app.url}/admin/emplois`);
		const card = admin.getByTestId('pending-offer').filter({ hasText: title });
		await card.waitFor();
		await expectAccessible(admin);
		await card.getByRole('button', { name: 'Approuver' }).click();
		await expectStatus(admin, 'Offre approuvée et publiée.');

		// Paul finds it with the contract filter and a keyword, and applies with his CV
		await paul.goto(`${e2e.app.url}/emplois`);
		const filters = paul.getByRole('form', { name: 'Filtrer les offres' });
		await filters.getByLabel('Type de contrat').selectOption('cdi');
		await filters.getByLabel('Mots-clés').fill(word.toLowerCase());
		await filters.getByRole('button', { name: 'Rechercher' }).click();
		await paul.waitForURL(/contract=cdi/);
		await paul.getByTestId('offer-count').filter({ hasText: '1 offre' }).waitFor();
		await expectAccessible(paul);
		await paul.getByRole('link', { name: title }).click();
		await paul.waitForURL(offerUrl);
		await paul.getByLabel('Votre message').fill('Bonjour, je développe des applications mobiles depuis quatre ans.');
		await paul.getByLabel(/^Votre CV/).setInputFiles({ name: 'CV Paul Bernard.pdf', mimeType: 'application/pdf', buffer: PDF });
		await paul.getByRole('button', { name: 'Envoyer ma candidature' }).click();
		await expectStatus(paul, 'Votre candidature est envoyée');
		await expectAccessible(paul);

		// the application reaches the offer's address with the CV attached (the dev outbox), and Claire sees it
		const db = await connectAppDatabase(e2e.app);
		try {
			let mail: { subject: string; attachments: { filename: string; contentType: string }[] } | undefined;
			for (let i = 0; i < 60 && !mail; i++) {
				const { rows } = await db.query(`SELECT subject, attachments FROM "OutboxMail" WHERE "to" = 'recrutement@cooperative-rhone.example.org' ORDER BY "createdAt" DESC LIMIT 1`);
				mail = rows[0];
				if (!mail) await new Promise((resolve) => setTimeout(resolve, 500));
			}
			expect(mail?.subject).toBe(`Candidature de Paul Bernard : ${title}`);
			expect(mail?.attachments).toEqual([expect.objectContaining({ filename: 'CV Paul Bernard.pdf', contentType: 'application/pdf' })]);
		} finally {
			await db.end();
		}
		await claire.goto(offerUrl);
		await claire.getByTestId('application').filter({ hasText: 'Paul Bernard' }).waitFor();
	}, 180_000);
});
