import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { connectAppDatabase, demoPage, DEMO_PASSWORD, expectAccessible, useAppInBrowser, waitForApp } from './harness.ts';

const e2e = useAppInBrowser();

function zipEntries(bytes: Buffer): Promise<string[]> {
	return new Promise((resolve, reject) => {
		yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
			if (error || !zip) return reject(error);
			const names: string[] = [];
			zip.on('entry', (entry: yauzl.Entry) => {
				names.push(entry.fileName);
				zip.readEntry();
			});
			zip.on('end', () => resolve(names));
			zip.on('error', reject);
			zip.readEntry();
		});
	});
}

describe('statistics, surveys and personal data in Chromium', () => {
	it('the admin opens the statistics, filters a segment with the keyboard, sees the charts and their tables, and the survey results with the map', async () => {
		const page = await demoPage(e2e, 'admin@exemple.fr');
		await waitForApp(page);
		await page.getByRole('button', { name: /Menu du compte/ }).click();
		await page.getByRole('link', { name: 'Statistiques' }).click();
		await page.getByRole('heading', { level: 1, name: 'Statistiques' }).waitFor();
		const total = async () => Number((await page.getByTestId('stats-total').innerText()).match(/\d+/)![0]);
		const everyone = await total();
		expect(everyone).toBeGreaterThan(150);
		await expectAccessible(page);

		// a segment: alumni of one programme, chosen with the keyboard only
		await page.getByLabel('Rôle', { exact: true }).selectOption('alumni');
		await page.getByLabel('Cursus', { exact: true }).selectOption('Bachelor Marketing digital');
		await page.getByRole('button', { name: 'Appliquer' }).focus();
		await page.keyboard.press('Enter');
		await page.waitForURL(/role=alumni&.*programme=Bachelor/);
		const segment = await total();
		expect(segment).toBeGreaterThan(5);
		expect(segment).toBeLessThan(everyone);

		// each chart is an SVG with data, followed by its table
		const roles = page.locator('figure[data-chart="chart-role"]');
		await expect.poll(() => roles.locator('svg path[data-count]').count()).toBeGreaterThan(0);
		expect(await roles.locator('table tbody tr').first().innerText()).toContain('Alumni');
		const situation = page.locator('figure[data-chart="chart-situation"]');
		expect(await situation.locator('svg path').count()).toBeGreaterThan(1);
		expect(await situation.locator('table').getByText('En emploi salarié').count()).toBe(1);
		const promotions = page.locator('figure[data-chart="chart-promotion"] svg rect');
		expect(Number(await promotions.first().getAttribute('data-count'))).toBeGreaterThan(0);

		// the questionnaire export keeps the segment
		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Exporter les questionnaires (CSV)' }).click();
		const csv = await (await download).createReadStream().then(async (stream) => {
			const chunks: Buffer[] = [];
			for await (const chunk of stream) chunks.push(chunk as Buffer);
			return Buffer.concat(chunks).toString('utf8');
		});
		expect(csv.startsWith('\uFEFFRéférence externe;Nom;Prénom;')).toBe(true);
		expect(csv.split('\r\n').slice(1, -1).every((line) => line.includes('Bachelor Marketing digital'))).toBe(true);

		// the graduate surveys: rates per certification and promotion, and the map
		await page.getByRole('link', { name: 'Enquêtes d’insertion (RNCP)' }).click();
		await page.getByRole('heading', { level: 1, name: 'Enquêtes d’insertion (RNCP)' }).waitFor();
		expect(await page.getByTestId('overall-rates').innerText()).toMatch(/insertion globale \d/);
		expect(await page.locator('svg[data-map="departements"] path').count()).toBe(96);
		expect(await page.locator('svg[data-map="departements"] path:not([data-count="0"])').count()).toBeGreaterThan(2);
		await expectAccessible(page);
	});

	it('a member downloads their data as a ZIP from their settings', async () => {
		const page = await demoPage(e2e, 'claire.martin@exemple.fr');
		await page.goto(`${e2e.app.url}/settings`);
		await page.getByRole('link', { name: /Vos données personnelles/ }).click();
		await page.getByRole('heading', { level: 1, name: 'Vos données' }).waitFor();
		await page.getByRole('heading', { name: 'Ce qui est conservé, et pourquoi' }).waitFor();
		await expectAccessible(page);
		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Télécharger mes données (ZIP)' }).click();
		const file = await download;
		expect(file.suggestedFilename()).toMatch(/^relais-donnees-\d{4}-\d{2}-\d{2}\.zip$/);
		const chunks: Buffer[] = [];
		for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
		const names = await zipEntries(Buffer.concat(chunks));
		expect(names).toContain('relais-donnees.json');
		expect(names.filter((n) => n.startsWith('files/')).length).toBeGreaterThan(3);
	});

	it('an alumnus who has not answered the entry questionnaire gets it at login, then goes on', async () => {
		const db = await connectAppDatabase(e2e.app);
		const { rows } = await db.query(`SELECT email FROM "Member" m WHERE 'alumni' = ANY (m.roles) AND m."passwordHash" IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM "SurveyResponse" r WHERE r."memberId" = m.id AND r.wave = 'entry') ORDER BY email LIMIT 1`);
		await db.end();
		const email = rows[0].email as string;
		const context = await e2e.browser.newContext({ locale: 'fr-FR' });
		const page = await context.newPage();
		await page.goto(`${e2e.app.url}/login`);
		await page.getByLabel('Adresse e-mail').fill(email);
		await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
		await page.getByRole('heading', { level: 1, name: 'Questionnaire d’entrée' }).waitFor();
		await waitForApp(page);
		await expectAccessible(page);
		await page.getByLabel('4 — plutôt').check();
		await page.getByLabel('Votre situation actuelle').selectOption('employed');
		await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
		// in employment: the job questions are required, and say so
		await page.locator('#q-contractType-error', { hasText: 'Réponse requise quand vous êtes en emploi.' }).waitFor();
		await page.getByLabel('Catégorie socioprofessionnelle').selectOption('cadre');
		await page.getByLabel('Type de contrat').selectOption('cdi');
		await page.getByLabel('Secteur d’activité').selectOption('information');
		await page.getByLabel('Rémunération brute annuelle').selectOption('35_40');
		await page.getByRole('radio', { name: 'Oui' }).check();
		await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
		await page.waitForURL(`${e2e.app.url}/`);
		await page.getByTestId('messages-link').waitFor();
	});

	it('a member deletes their account after confirming with the password; they cannot log in any more', async () => {
		const page = await demoPage(e2e, 'paul.bernard@exemple.fr');
		await page.goto(`${e2e.app.url}/settings/donnees`);
		await page.getByLabel('Mot de passe actuel').fill('pas le bon');
		await page.getByLabel('J’ai compris que la suppression est définitive.').check();
		await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
		await page.locator('#delete-password-error').waitFor();
		await page.getByLabel('Mot de passe actuel').fill(DEMO_PASSWORD);
		await page.getByLabel('J’ai compris que la suppression est définitive.').check();
		await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
		await page.waitForURL(`${e2e.app.url}/au-revoir`);
		await page.getByText('Votre compte et vos données personnelles ont été supprimés.').waitFor();
		await page.goto(`${e2e.app.url}/login`);
		await page.getByLabel('Adresse e-mail').fill('paul.bernard@exemple.fr');
		await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
		await page.getByRole('alert').filter({ hasText: 'Adresse e-mail ou mot de passe incorrect.' }).waitFor();
	});
});
