import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoPage, expectAccessible, useAppInBrowser } from './harness.ts';

const e2e = useAppInBrowser();

const COOP_EMAIL = 'gerance@ardoises-tarn.exemple.fr';
const CONSULTATION_EMAIL = 'devis@ardoises-tarn.exemple.fr';

/** Polls the development outbox until a mail to `to` whose subject contains `subject` is there; returns its text. */
async function mailTo(page: Page, to: string, subject: string): Promise<{ text: string; links: string[] }> {
	let found: { text: string; links: string[] } | null = null;
	await expect
		.poll(
			async () => {
				await page.goto(`${e2e.app.url}/dev/outbox`);
				const mail = page.locator(`li[data-to="${to}"]`).filter({ hasText: subject }).first();
				if (!(await mail.count())) return false;
				found = { text: await mail.locator('pre').innerText(), links: await mail.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href)) };
				return true;
			},
			{ timeout: 30_000, interval: 500 }
		)
		.toBe(true);
	return found!;
}

function parisDateIn(days: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86400_000));
}

const next = (page: Page) => page.getByRole('button', { name: 'Suivant >' }).click();
const onStep = (page: Page, n: number) => expect.poll(() => page.getByTestId('wizard-step').innerText()).toMatch(new RegExp(`^Étape ${n} sur 7`));

describe('cooperative referencing in Chromium', () => {
	it('7 steps → moderation → found by département + skill → saved search, favourite, consultation with a PDF → e-mail → quote seen by the buyer', async () => {
		const { app, browser } = e2e;
		// ── a cooperative registers, from the referencing home, on a phone-sized screen
		const coopContext = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
		const coop = await coopContext.newPage();
		await coop.goto(`${app.url}/`);
		await coop.locator('nav.community-nav').getByRole('link', { name: 'Référencement coopératif' }).click();
		await coop.waitForURL(`${app.url}/referencement`);
		await expect.poll(() => coop.getByRole('heading', { name: 'Espace entreprise coopérative' }).count()).toBe(1);
		await expect.poll(() => coop.getByRole('heading', { name: 'Espace visiteur' }).count()).toBe(1);
		await expectAccessible(coop);
		await coop.getByRole('link', { name: 'Espace entreprise coopérative' }).click();
		await coop.getByRole('link', { name: 'Référencer ma coopérative' }).click();
		await onStep(coop, 1);
		await coop.getByLabel('Prénom *', { exact: true }).fill('Bernadette');
		await coop.getByLabel('Nom *', { exact: true }).fill('Cazals');
		await coop.getByLabel('Adresse de courrier électronique *').fill(COOP_EMAIL);
		await coop.getByLabel('Mot de passe *', { exact: true }).fill('ardoises et zinc du Tarn');
		await coop.getByLabel('Confirmez votre mot de passe *').fill('ardoises et zinc du Tarn!');
		await coop.getByRole('checkbox', { name: /J’accepte les conditions/ }).check();
		await next(coop);
		await coop.getByText('Les deux mots de passe ne sont pas identiques.').waitFor();
		await coop.getByLabel('Mot de passe *', { exact: true }).fill('ardoises et zinc du Tarn');
		await coop.getByLabel('Confirmez votre mot de passe *').fill('ardoises et zinc du Tarn');
		await coop.getByRole('checkbox', { name: /J’accepte les conditions/ }).check();
		await next(coop);
		await coop.getByText(`Un lien d’activation a été envoyé à ${COOP_EMAIL}`).waitFor();
		const activation = await mailTo(coop, COOP_EMAIL, 'Activez votre compte Relais');
		await coop.goto(activation.links.find((l) => l.includes('/activate?token='))!);
		// the draft resumes at step 2
		await coop.goto(`${app.url}/referencement/inscription`);
		await onStep(coop, 2);
		await expectAccessible(coop);
		await coop.getByLabel('Nom de l’entreprise coopérative *').fill('Scop Ardoises du Tarn');
		await coop.getByLabel('Adresse de réception des consultations').fill(CONSULTATION_EMAIL);
		await coop.getByLabel('Secteur d’activité *').selectOption('batiment');
		await coop.getByLabel('Activité *', { exact: true }).fill('Couverture en ardoise naturelle et zinguerie pour les bâtiments publics et le patrimoine.');
		await coop.getByLabel('Gros œuvre').check();
		await coop.getByLabel('Second œuvre et finitions').check();
		await coop.getByLabel(/^Compétences/).fill('couverture ardoise ; zinguerie ; patrimoine');
		await next(coop);
		await onStep(coop, 3);
		await coop.getByLabel(/Certifications/).fill('Qualibat 3191');
		await next(coop);
		await onStep(coop, 4);
		await coop.getByLabel('Chiffre d’affaires (€)').fill('640 000');
		await next(coop);
		await onStep(coop, 5);
		// leave and come back: what was saved is there
		await coop.goto(`${app.url}/referencement/inscription?etape=2`);
		await expect.poll(() => coop.getByLabel('Nom de l’entreprise coopérative *').inputValue()).toBe('Scop Ardoises du Tarn');
		await coop.goto(`${app.url}/referencement/inscription?etape=5`);
		await coop.getByRole('button', { name: 'Suivant >' }).click();
		await coop.getByText('Code postal').first().waitFor();
		expect(await coop.locator('.error').count()).toBeGreaterThan(0);
		await coop.getByLabel('Adresse du siège social *').fill('7 rue de la Croix-Blanche');
		await coop.getByLabel('Code postal *', { exact: true }).fill('81000');
		await coop.getByLabel('Ville *', { exact: true }).fill('Albi');
		await coop.getByLabel('Nom du dirigeant *').fill('Bernadette Cazals');
		await next(coop);
		await onStep(coop, 6);
		await next(coop);
		await onStep(coop, 7);
		await expectAccessible(coop);
		await coop.getByLabel(/Je souhaite indiquer des références clients/).check();
		await coop.getByLabel('Client *', { exact: true }).first().fill('Cathédrale Sainte-Cécile (DRAC Occitanie)');
		await coop.getByRole('button', { name: 'Enregistrer et soumettre à la validation' }).click();
		await coop.getByText('Fiche soumise : un modérateur va la valider.').waitFor();
		expect(await coop.getByTestId('record-status').innerText()).toContain('En attente de validation');

		// ── a moderator approves it
		const moderator = await demoPage(e2e, 'admin@exemple.fr');
		await moderator.goto(`${app.url}/referencement/moderation`);
		const item = moderator.getByTestId('moderation-item').filter({ hasText: 'Scop Ardoises du Tarn' });
		await item.getByRole('button', { name: 'Valider' }).click();
		await moderator.getByText('Décision enregistrée').waitFor();
		await mailTo(moderator, COOP_EMAIL, 'Votre fiche coopérative est validée');

		// ── a visitor finds it by département + skill
		const visitor = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
		await visitor.goto(`${app.url}/referencement/recherche`);
		await visitor.getByLabel('Département(s)').selectOption(['81']);
		await visitor.getByLabel('Compétences').fill('zinguerie');
		await visitor.locator('#main').getByRole('button', { name: 'Rechercher' }).click();
		await expect.poll(() => visitor.getByTestId('result-count').innerText()).toBe('1 entreprise(s) référencée(s)');
		await expectAccessible(visitor);
		await visitor.getByRole('link', { name: 'Scop Ardoises du Tarn' }).click();
		await visitor.getByRole('heading', { level: 1, name: 'Scop Ardoises du Tarn' }).waitFor();
		expect(await visitor.getByTestId('record-skills').innerText()).toContain('zinguerie');
		await expectAccessible(visitor);

		// ── the demo buyer saves that search, adds it to favourites with a comment, sends a consultation with a PDF
		const buyer = await demoPage(e2e, 'acheteur@exemple.fr');
		await buyer.goto(`${app.url}/referencement/recherche?departements=81&skills=zinguerie`);
		await buyer.getByLabel('Nom de la recherche').fill('Couvreurs du Tarn');
		await buyer.getByRole('button', { name: 'Enregistrer cette recherche' }).click();
		await buyer.getByText('Recherche enregistrée').waitFor();
		await buyer.goto(`${app.url}/referencement/recherches`);
		await buyer.getByRole('link', { name: 'Lancer : Couvreurs du Tarn' }).click();
		await buyer.getByRole('link', { name: 'Scop Ardoises du Tarn' }).click();
		await buyer.getByLabel('Commentaire', { exact: true }).fill('Réactifs, travail soigné');
		await buyer.getByRole('button', { name: 'Ajouter à mes favorites' }).click();
		await buyer.getByText(/Dans vos favorites depuis le/).waitFor();
		await buyer.goto(`${app.url}/referencement/favoris`);
		const favorite = buyer.getByTestId('favorite').filter({ hasText: 'Scop Ardoises du Tarn' });
		expect(await favorite.locator('input[name="comment"]').inputValue()).toBe('Réactifs, travail soigné');
		await favorite.getByRole('checkbox').check();
		await buyer.getByRole('button', { name: 'Envoyer une consultation aux entreprises sélectionnées' }).click();
		await buyer.getByRole('heading', { name: 'Nouvelle consultation' }).waitFor();
		await buyer.getByLabel('Titre *', { exact: true }).fill('Réfection de la toiture de la chapelle');
		await buyer.getByLabel('Date de clôture *').fill(parisDateIn(10));
		await buyer.getByLabel('Budget', { exact: true }).fill('5 000 € HT');
		await buyer.getByLabel('Localisation', { exact: true }).fill('Albi (81)');
		await buyer.getByLabel('Description *', { exact: true }).fill('Remplacement de 60 m² d’ardoises et des noues en zinc.');
		await buyer.getByLabel(/Pièce jointe/).setInputFiles({ name: 'cahier-des-charges.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
		await buyer.getByRole('button', { name: 'Envoyer la consultation' }).click();
		await buyer.getByText('Consultation envoyée par e-mail').waitFor();

		// ── the cooperative receives it at its consultation address, and answers with a quote
		const received = await mailTo(coop, CONSULTATION_EMAIL, 'Consultation : Réfection de la toiture de la chapelle');
		expect(received.text).toContain('Sophie Lefèvre (Centre hospitalier de Montpellier)');
		await coop.goto(`${app.url}/referencement/consultations`);
		await coop.getByTestId('received-consultation').getByRole('link', { name: 'Réfection de la toiture de la chapelle' }).click();
		await expectAccessible(coop);
		await coop.getByLabel('Montant (€ HT) *').fill('4 250,00');
		await coop.getByLabel('Message *', { exact: true }).fill('Devis pour 60 m² d’ardoise naturelle d’Angers, noues zinc comprises.');
		await coop.getByRole('button', { name: 'Répondre par un devis' }).click();
		await coop.getByText('Votre devis a été transmis').waitFor();

		// ── the buyer sees the quote and the recipient's status
		await buyer.goto(`${app.url}/referencement/consultations`);
		await buyer.getByTestId('sent-consultation').getByRole('link', { name: 'Réfection de la toiture de la chapelle' }).click();
		const quote = buyer.getByTestId('quote');
		await quote.waitFor();
		expect(await quote.innerText()).toMatch(/4\s250,00\s€/);
		expect(await buyer.getByTestId('recipient-status').innerText()).toContain('Répondue');
	});
});
