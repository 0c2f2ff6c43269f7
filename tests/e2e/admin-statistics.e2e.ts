import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { demoPage, expectAccessible, useAppInBrowser, waitForApp } from './harness.ts';

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
});
