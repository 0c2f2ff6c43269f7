import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * A signed-in provider opens online bookings from /agenda: working hours on the given days, one
 * appointment type; returns the path of their public booking page. The demo seed need not have a
 * bookable provider for the booking journeys.
 */
export async function openBookings(page: Page, appUrl: string, options: { days: string[]; ranges: string; typeName: string; minutes: number }): Promise<string> {
	await page.goto(`${appUrl}/agenda`);
	const hours = page.locator('form[action="?/hours"]');
	await hours.getByLabel('Accepter les rendez-vous en ligne').check();
	for (const day of options.days) await hours.getByLabel(day, { exact: true }).fill(options.ranges);
	await hours.getByRole('button', { name: 'Enregistrer' }).click();
	await page.locator('section[aria-labelledby="hours-title"]').getByText('Enregistré.').waitFor();

	const newType = page.locator('form[action="?/type"]').last();
	await newType.getByLabel('Nom', { exact: true }).fill(options.typeName);
	await newType.getByLabel('Durée (minutes)').fill(String(options.minutes));
	await newType.getByRole('button', { name: 'Enregistrer' }).click();
	await page.locator('section[aria-labelledby="types-title"]').getByText('Enregistré.').waitFor();
	const bookingPath = await page.getByRole('link', { name: 'Voir ma page de rendez-vous' }).getAttribute('href');
	expect(bookingPath).toMatch(/^\/book\//);
	return bookingPath!;
}
