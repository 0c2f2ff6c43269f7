import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { openBookings } from './agenda.ts';
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
		const path = await openBookings(claire, e2e.app.url, { days: ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'], ranges: '09:00-12:00, 14:00-18:00', typeName: 'Bilan', minutes: 30 });
		await context.close();
		return path;
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

/** Waits for the confirmation page, or says what the page shows instead. */
async function confirmed(page: Page) {
	try {
		await page.getByRole('heading', { name: 'Rendez-vous enregistré' }).waitFor({ timeout: 15_000 });
	} catch (error) {
		throw new Error(`no confirmation; ${page.url()} shows: ${(await page.locator('main').innerText()).replace(/\n(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/\S+/g, '').slice(0, 1500)}`, { cause: error });
	}
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
		await confirmed(visitor);
		await expectAccessible(visitor);
		await context.close();
	});

	it('a slot someone else holds: the page says so and offers the nearest free slots, one click away', async () => {
		const path = await claireBookable();
		const firstContext = await e2e.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
		const first = await firstContext.newPage();
		await pickSlot(first, path, 3);
		const taken = new URL(first.url()).searchParams.get('start')!;

		const secondContext = await e2e.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
		const second = await secondContext.newPage();
		await second.goto(`${e2e.app.url}${path}?week=${nextWeek()}&tz=Europe%2FParis&start=${encodeURIComponent(taken)}`);
		await waitForApp(second);
		await second.getByText('Ce créneau vient d’être mis de côté par quelqu’un d’autre.').waitFor();
		const nearest = second.locator('a.nearest-slot');
		expect(await nearest.count()).toBeGreaterThanOrEqual(3);
		expect(await nearest.count()).toBeLessThanOrEqual(6);
		await expectAccessible(second);
		const label = await nearest.first().innerText();
		await nearest.first().click();
		await second.getByRole('heading', { name: /^Votre rendez-vous du / }).waitFor();
		await expect(second.locator('a.slot[aria-current="true"]').innerText()).resolves.toBe(label.split(' · ')[1]);
		expect(new URL(second.url()).searchParams.get('start')).not.toBe(taken);
		await firstContext.close();
		await secondContext.close();
	});

	it('a member in Montréal: the page takes the browser’s zone, human dates, a searchable zone list; the confirmation tells both times, the room and calendar links; cancelled, it leaves “À venir”', async () => {
		const path = await claireBookable();
		const context = await e2e.browser.newContext({ locale: 'fr-FR', timezoneId: 'America/Montreal' });
		const paul = await context.newPage();
		await logInAsDemo(paul, e2e.app, 'paul.bernard@exemple.fr');
		await paul.goto(`${e2e.app.url}${path}?week=${nextWeek()}`);
		// Chromium names Montréal's zone by its canonical alias, Toronto
		await paul.waitForURL(/tz=America%2F(Montreal|Toronto)/);
		await waitForApp(paul);
		const zone = paul.getByLabel('Fuseau horaire');
		await expect(zone.inputValue()).resolves.toMatch(/^America\/(Montreal|Toronto)$/);
		await expect(paul.locator('.week-title').innerText()).resolves.toMatch(/^Semaine du \d{1,2} (novembre|décembre|janvier) \d{4}$/);
		await expect(paul.locator('.slot-day h3').first().innerText()).resolves.toMatch(/^lundi \d{1,2} (novembre|décembre|janvier)$/);
		await expect(paul.locator('#booking-tz-list option[value="Europe/Paris"]').textContent()).resolves.toMatch(/^Paris \(UTC\+[12]\)$/);
		await expect(paul.locator('#booking-tz-list option[value="America/Montreal"]').textContent()).resolves.toMatch(/^Montréal \(UTC−[45]\)$/);
		await expectAccessible(paul);

		const first = paul.locator('a.slot').first();
		// Claire works from 09:00 in Paris: 03:00 (or 04:00) in Montréal
		expect(Number((await first.innerText()).slice(0, 2))).toBeLessThan(13);
		await first.click();
		await paul.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
		await confirmed(paul);
		const main = paul.locator('main');
		// (the appointment type may be one of the demo seed's if Claire has some)
		await expect(main.innerText()).resolves.toMatch(/\S avec Claire Martin/);
		const booker = await paul.getByTestId('booker-time').innerText();
		const provider = await paul.getByTestId('provider-time').innerText();
		expect(booker).toMatch(/^Votre heure \(America\/(Montreal|Toronto)\) : \S+ \d{1,2} \S+ \d{4} (à )?\d\d:\d\d$/);
		expect(provider).toMatch(/^Heure de Claire Martin \(Europe\/Paris\) : \S+ \d{1,2} \S+ \d{4} (à )?\d\d:\d\d$/);
		// the same instant in both zones: Montréal is six hours behind Paris in winter
		const hourOf = (text: string) => Number(/(\d\d):\d\d$/.exec(text)![1]);
		expect((hourOf(provider) - hourOf(booker) + 24) % 24).toBe(6);
		expect(booker.slice(-2)).toBe(provider.slice(-2));
		await expect(main.getByRole('link', { name: /\/rooms\// }).getAttribute('href')).resolves.toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rooms\/[\w-]+$/);
		const google = new URL((await main.getByRole('link', { name: 'Google Agenda' }).getAttribute('href'))!);
		expect(`${google.origin}${google.pathname}?action=${google.searchParams.get('action')}`).toBe('https://calendar.google.com/calendar/render?action=TEMPLATE');
		const ics = await paul.request.get(`${e2e.app.url}${await main.getByRole('link', { name: 'Fichier agenda (.ics)' }).getAttribute('href')}`);
		expect(ics.headers()['content-type']).toContain('text/calendar');
		expect(await ics.text()).toMatch(/SUMMARY:.+ — Claire Martin/);
		await expectAccessible(paul);

		await paul.goto(`${e2e.app.url}/rendez-vous`);
		const upcoming = paul.locator('section[aria-labelledby="upcoming-title"]');
		await upcoming.getByText('Avec Claire Martin').waitFor();
		await upcoming.getByRole('button', { name: 'Annuler le rendez-vous' }).click();
		await paul.locator('section[aria-labelledby="cancelled-title"]').getByText('Avec Claire Martin').waitFor();
		await expect(upcoming.innerText()).resolves.not.toContain('Claire Martin');
		await expect(paul.locator('section[aria-labelledby="cancelled-title"]').innerText()).resolves.toContain('Annulé');
		await context.close();
	});
});
