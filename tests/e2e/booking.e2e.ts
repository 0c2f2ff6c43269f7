import { describe, expect, it } from 'vitest';

import { openBookings } from './agenda.ts';
import { connectAppDatabase, expectAccessible, logInAsDemo, useAppInBrowser } from './harness.ts';

const e2e = useAppInBrowser();

describe('booking in Chromium', () => {
	it('claire opens her agenda; a visitor in Montréal books a slot in his own time; claire sees it on her dashboard', async () => {
		const claireContext = await e2e.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
		const claire = await claireContext.newPage();
		await logInAsDemo(claire, e2e.app, 'claire.martin@exemple.fr');

		const bookingPath = await openBookings(claire, e2e.app.url, { days: ['Samedi', 'Dimanche'], ranges: '09:00-12:00, 14:00-18:00', typeName: 'Consultation visio', minutes: 30 });

		const visitorContext = await e2e.browser.newContext({ locale: 'fr-FR', timezoneId: 'America/Montreal' });
		const visitor = await visitorContext.newPage();
		await visitor.goto(`${e2e.app.url}${bookingPath}?week=${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}`);
		// the page switches to the browser's zone by itself (Chromium names Montréal's zone by its canonical alias, Toronto)
		await visitor.waitForURL(/tz=America%2F(Montreal|Toronto)/);
		await expect(visitor.getByLabel('Fuseau horaire').inputValue()).resolves.toMatch(/^America\/(Montreal|Toronto)$/);
		await expectAccessible(visitor);
		const first = visitor.locator('a.slot').first();
		const time = await first.innerText();
		// Claire works 09:00–18:00 in Paris: 03:00–12:00 in Montréal (or 04:00 when only one side changed clocks)
		expect(Number(time.slice(0, 2))).toBeLessThan(13);
		await first.click();
		await visitor.getByLabel('Nom et prénom').fill('Victor Visiteur');
		await visitor.getByLabel('Adresse e-mail').fill('victor@exemple.ca');
		await visitor.getByLabel('Adresse', { exact: true }).fill('12 rue Sainte-Catherine');
		await visitor.getByLabel('Ville').fill('Montréal');
		await visitor.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
		await visitor.getByRole('heading', { name: 'Rendez-vous enregistré' }).waitFor();
		await expect(visitor.locator('main').innerText()).resolves.toMatch(/America\/(Montreal|Toronto)/);

		await claire.goto(`${e2e.app.url}/rendez-vous`);
		await claire.getByText('Avec Victor Visiteur').waitFor();
		await expect(claire.locator('main').innerText()).resolves.toContain('12 rue Sainte-Catherine');
		await expectAccessible(claire);

		// the mails leave a moment after the answer (outbox dispatcher, then the queue's workers): one each
		const db = await connectAppDatabase(e2e.app);
		try {
			const mailsTo = async (to: string) => (await db.query<{ subject: string }>(`SELECT subject FROM "OutboxMail" WHERE "to" = $1 AND subject LIKE 'Rendez-vous confirmé%'`, [to])).rows;
			await expect.poll(() => mailsTo('victor@exemple.ca'), { timeout: 15_000 }).toHaveLength(1);
			await expect.poll(() => mailsTo('claire.martin@exemple.fr'), { timeout: 15_000 }).toHaveLength(1);
			// …and Claire's bell has the new appointment
			await expect
				.poll(async () => (await db.query(`SELECT 1 FROM "Notification" n JOIN "Member" m ON m.id = n."recipientId" WHERE m.email = 'claire.martin@exemple.fr' AND n.type = 'booking.created'`)).rowCount, { timeout: 15_000 })
				.toBe(1);
		} finally {
			await db.end();
		}
	});
});
