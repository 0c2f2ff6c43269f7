import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoPage, expectAccessible, useAppInBrowser, waitForApp } from './harness.ts';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import-500.csv');
const e2e = useAppInBrowser();

describe('administration in Chromium: CSV import, CRM list, re-invitation', () => {
	it('the admin imports the 500-row fixture (dry run, progress, report), filters "promo 2020 + non inscrit" and re-invites them', async () => {
		const admin = await demoPage(e2e, 'admin@exemple.fr');

		// upload → dry run (in the demo data none of the fixture's addresses exist yet)
		await admin.goto(`${e2e.app.url}/admin/import`);
		await admin.getByRole('heading', { level: 1, name: 'Import de membres (CSV)' }).waitFor();
		await expectAccessible(admin);
		await admin.getByLabel('Fichier CSV').setInputFiles(FIXTURE);
		await admin.getByRole('button', { name: 'Analyser le fichier (simulation)' }).click();
		await admin.waitForURL(/\/admin\/import\/[0-9a-f-]{36}$/);
		await admin.getByRole('heading', { name: 'Simulation' }).waitFor();
		expect(await admin.getByTestId('count-create').innerText()).toBe('création : 472');
		expect(await admin.getByTestId('count-error').innerText()).toBe('erreur : 28');
		await admin.getByRole('link', { name: 'erreur', exact: true }).click();
		await admin.getByRole('cell', { name: 'doublon dans le fichier (même e-mail plus haut)' }).first().waitFor();
		await expectAccessible(admin);

		// the run: a job on the server; the page shows the progress, then the result and the report
		await waitForApp(admin);
		await admin.getByRole('button', { name: 'Lancer l’import' }).click();
		await admin.getByTestId('import-progress').or(admin.getByTestId('import-done')).first().waitFor({ timeout: 30_000 });
		await admin.getByTestId('import-done').waitFor({ timeout: 90_000 });
		expect(await admin.getByTestId('import-status').innerText()).toBe('terminé');
		const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('import-report').click()]);
		const report = await readFile((await download.path())!, 'utf8');
		expect(report.charCodeAt(0)).toBe(0xfeff);
		expect(report.trim().split('\r\n')).toHaveLength(501);
		expect(report).toContain('e-mail invalide');

		// the CRM list: promo 2020 + non inscrit, through the filter form
		await admin.goto(`${e2e.app.url}/admin/membres`);
		await waitForApp(admin);
		const filters = admin.getByRole('form', { name: 'Filtres' });
		await filters.getByLabel('Promo', { exact: true }).selectOption('2020');
		await filters.getByRole('group', { name: 'Statut' }).getByLabel('Non inscrit').check();
		await filters.getByRole('button', { name: 'Filtrer' }).click();
		await admin.waitForURL(/promotion=2020/);
		const count = Number((await admin.getByTestId('member-count').innerText()).match(/\d+/)![0]);
		expect(count).toBeGreaterThan(100);
		const statuses = await admin.getByTestId('member-status').allInnerTexts();
		expect(statuses.length).toBeGreaterThan(0);
		expect(new Set(statuses)).toEqual(new Set(['Non inscrit']));
		await expectAccessible(admin);

		// re-invite every one of them
		await admin.locator('#bulk-action').selectOption('reinvite');
		await admin.getByLabel(`tous les résultats du filtre (${count})`).check();
		await admin.getByRole('button', { name: 'Exécuter' }).click();
		const done = await admin.getByTestId('bulk-result').innerText();
		expect(done).toMatch(new RegExp(`^${count} invitation\\(s\\) envoyée\\(s\\)`));

		// one of them, in "Gérer l'utilisateur": the invitation and the new one are listed with their dates
		await admin.getByRole('row').filter({ hasText: '2020' }).filter({ hasText: 'Non inscrit' }).first().getByRole('link', { name: /^Gérer / }).click();
		await admin.getByRole('heading', { name: 'Invitations et relances' }).waitFor();
		await expect.poll(async () => (await admin.reload(), await admin.getByTestId('invitation-history').innerText()), { timeout: 60_000, interval: 2_000 }).toMatch(/Nouvelle invitation — \d/);
	});
});

describe('registration moderation in Chromium', () => {
	it('with the setting on, a visitor states role and promotion, waits, and the admin approves the request', async () => {
		const admin = await demoPage(e2e, 'admin@exemple.fr');
		await admin.goto(`${e2e.app.url}/admin/inscriptions`);
		await waitForApp(admin);
		// the demo keeps one sign-up waiting
		await admin.getByTestId('registration-request').filter({ hasText: 'Lucie Hamon' }).waitFor();
		await admin.getByLabel('Les inscriptions doivent être validées').check();
		await admin.getByRole('button', { name: 'Enregistrer le réglage' }).click();
		await admin.getByText('Réglage enregistré.').waitFor();
		await expectAccessible(admin);

		const visitor = await (await e2e.browser.newContext({ locale: 'fr-FR' })).newPage();
		await visitor.goto(`${e2e.app.url}/signup`);
		await waitForApp(visitor);
		await visitor.getByLabel('Prénom').fill('Noé');
		await visitor.getByLabel('Nom', { exact: true }).fill('Vasseur');
		await visitor.getByLabel('Adresse e-mail').fill('noe.vasseur@exemple.fr');
		await visitor.getByLabel('Mot de passe').fill('une phrase de passe solide');
		await visitor.getByLabel('Votre rôle').selectOption('alumni');
		await visitor.getByLabel('Promo').fill('2021');
		await visitor.getByLabel('Cursus').fill('MBA Management');
		await visitor.getByRole('checkbox', { name: /J’accepte les conditions/ }).check();
		await visitor.getByRole('button', { name: 'Créer mon compte' }).click();
		await visitor.getByText(/Votre demande d’inscription \(noe\.vasseur@exemple\.fr\) a été transmise/).waitFor();

		await admin.reload();
		const request = admin.getByTestId('registration-request').filter({ hasText: 'Noé Vasseur' });
		await request.getByText('Alumni').waitFor();
		await request.getByRole('button', { name: 'Valider Noé Vasseur' }).click();
		await admin.getByText('Inscription validée : un e-mail d’activation est parti.').waitFor();
		await expect.poll(() => admin.getByTestId('registration-request').filter({ hasText: 'Noé Vasseur' }).count()).toBe(0);

		// the setting goes back off: sign-ups work as before
		await admin.getByLabel('Les inscriptions doivent être validées').uncheck();
		await admin.getByRole('button', { name: 'Enregistrer le réglage' }).click();
		await admin.getByText('Réglage enregistré.').waitFor();
	});
});

describe('member invitations in Chromium (PROETHEEC point 6)', () => {
	it('Claire sees who joined through her invitations and invites a client with a message', async () => {
		const claire = await demoPage(e2e, 'claire.martin@exemple.fr');
		await claire.getByRole('button', { name: /Menu du compte/ }).click();
		await claire.getByRole('link', { name: 'Inviter' }).click();
		await claire.getByRole('heading', { level: 1, name: 'Inviter vos clients, prospects et sympathisants' }).waitFor();
		await waitForApp(claire);
		// the demo: Bastien Morel joined through her invitation
		await claire.getByRole('row').filter({ hasText: 'bastien.morel@exemple.fr' }).getByText('A rejoint Relais').waitFor();
		await claire.getByLabel('Adresses e-mail (une par ligne, 20 au plus)').fill('nouveau.client@exemple.fr\npaul.bernard@exemple.fr');
		await claire.getByLabel('Message personnel (facultatif)').fill('Suivez mes actualités sur Relais !');
		await claire.getByLabel('Contact : je lui envoie une demande de contact').check();
		await claire.getByRole('button', { name: 'Envoyer les invitations' }).click();
		await claire.getByText('1 invitation(s) envoyée(s).').waitFor();
		await claire.getByText('paul.bernard@exemple.fr : déjà membre de Relais').waitFor();
		await claire.getByRole('row').filter({ hasText: 'nouveau.client@exemple.fr' }).getByText('Pas encore inscrit(e)').waitFor();
		await expectAccessible(claire);
	});
});
