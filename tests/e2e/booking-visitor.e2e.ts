import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { expectAccessible, logInAsDemo, useAppInBrowser, waitForApp } from './harness.ts';

const e2e = useAppInBrowser();
const DAY = 86_400_000;

/** Claire takes online bookings every day of the week (the demo seed may not have a bookable provider). */
let bookingPath: Promise<string> | null = null;
function claireBookable(): Promise<string> {
	bookingPath ??= (async () => {
		const context = await e2e.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
		const claire = await context.newPage();
		await logInAsDemo(claire, e2e.app, 'claire.martin@exemple.fr');
		await claire.goto(`${e2e.app.url}/agenda`);
		const hours = claire.locator('form[action="?/hours"]');
		await hours.getByLabel('Accepter les rendez-vous en ligne').check();
		for (const day of ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche']) await hours.getByLabel(day, { exact: true }).fill('09:00-12:00, 14:00-18:00');
		await hours.getByRole('button', { name: 'Enregistrer' }).click();
		await claire.locator('section[aria-labelledby="hours-title"]').getByText('Enregistré.').waitFor();
		const newType = claire.locator('form[action="?/type"]').last();
		await newType.getByLabel('Nom', { exact: true }).fill('Bilan');
		await newType.getByLabel('Durée (minutes)').fill('30');
		await newType.getByRole('button', { name: 'Enregistrer' }).click();
		await claire.locator('section[aria-labelledby="types-title"]').getByText('Enregistré.').waitFor();
		const path = await claire.getByRole('link', { name: 'Voir ma page de rendez-vous' }).getAttribute('href');
		await context.close();
		return path!;
	})();
	return bookingPath;
}

const nextWeek = () => new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10);

/** Opens the booking page, waits for hydration, picks the n-th free slot and waits until the visitor holds it. */
async function pickSlot(page: Page, path: string, n = 0) {
	await page.goto(`${e2e.app.url}${path}?week=${nextWeek()}&tz=Europe%2FParis`);
	await waitForApp(page);
	const slot = page.locator('a.slot').nth(n);
	const time = await slot.innerText();
	const held = page.waitForResponse((r) => r.url().includes('/holds') && r.request().method() === 'POST');
	await slot.click();
	expect((await held).status()).toBe(201);
	return time;
}

async function fillVisitor(page: Page, email: string) {
	await page.getByLabel('Nom et prénom').fill('Victor Visiteur');
	await page.getByLabel('Adresse e-mail').fill(email);
	await page.getByLabel('Adresse', { exact: true }).fill('12 rue Sainte-Catherine');
	await page.getByLabel('Ville').fill('Montréal');
}

describe('a visitor books in Chromium', () => {
	it('an invalid e-mail keeps the form, what was typed and the held slot; the error is under the field; once fixed the booking is confirmed', async () => {
		const path = await claireBookable();
		const context = await e2e.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
		const visitor = await context.newPage();
		const time = await pickSlot(visitor, path);
		await fillVisitor(visitor, 'victor-sans-arobase');
		await visitor.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();

		const email = visitor.getByLabel('Adresse e-mail');
		await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
		const errorId = await email.getAttribute('aria-describedby');
		await expect(visitor.locator(`[id="${errorId}"]`).innerText()).resolves.toMatch(/adresse e-mail/i);
		// no lone banner on top of the field's message
		await expect(visitor.locator('.notice.error').count()).resolves.toBe(0);
		await expect(visitor.getByLabel('Nom et prénom').inputValue()).resolves.toBe('Victor Visiteur');
		await expect(visitor.locator('a.slot[aria-current="true"]').innerText()).resolves.toBe(time);
		// the visitor's own hold does not take the slot away from them, even after a reload
		await visitor.reload();
		await waitForApp(visitor);
		await expect(visitor.locator('a.slot[aria-current="true"]').innerText()).resolves.toBe(time);
		await expect(visitor.locator('.notice.error').count()).resolves.toBe(0);

		await fillVisitor(visitor, 'victor@exemple.ca');
		await visitor.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
		await visitor.getByRole('heading', { name: 'Rendez-vous enregistré' }).waitFor();
		await expectAccessible(visitor);
		await context.close();
	});
});
