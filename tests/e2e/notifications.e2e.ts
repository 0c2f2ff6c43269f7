import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoPage, expectAccessible, openClaireAsNonContact, useAppInBrowser } from './harness.ts';

const e2e = useAppInBrowser();

const memberPage = (email: string) => demoPage(e2e, email);

/** starts from no unread notification (the demo data brings some) */
async function readAll(page: Page) {
	await page.goto(`${e2e.app.url}/notifications`);
	const button = page.getByRole('button', { name: 'Tout marquer comme lu' });
	if (await button.isVisible()) {
		await button.click();
		await page.getByText('Toutes vos notifications sont marquées comme lues.').waitFor();
	}
	await page.getByRole('link', { name: 'Notifications, aucune non lue' }).waitFor();
}

describe('notifications in Chromium', () => {
	it('paul asks claire to connect: her bell shows it live on two tabs, the list leads to the request, accepting notifies paul', async () => {
		const paul = await memberPage('paul.bernard@exemple.fr');
		const claire = await memberPage('claire.martin@exemple.fr');
		await readAll(paul);
		await readAll(claire);
		const claireTab2 = await claire.context().newPage();
		await claireTab2.goto(`${e2e.app.url}/`);
		await claireTab2.getByRole('link', { name: 'Notifications, aucune non lue' }).waitFor();
		await openClaireAsNonContact(e2e, claire, paul);
		await claire.goto(`${e2e.app.url}/`);
		await claire.getByRole('link', { name: 'Notifications, aucune non lue' }).waitFor();
		await paul.getByRole('button', { name: 'Demander en contact' }).click();
		await paul.getByText('Demande de contact envoyée.').waitFor();

		// both of claire's tabs, without reload
		for (const tab of [claire, claireTab2]) await tab.getByRole('link', { name: 'Notifications, 1 non lue' }).waitFor({ timeout: 15_000 });
		expect(await claire.getByTestId('notification-count').innerText()).toBe('1');
		await expect.poll(() => claire.getByRole('status').filter({ hasText: 'Vous avez 1 notification non lue.' }).count()).toBe(1);

		await claire.getByRole('link', { name: 'Notifications, 1 non lue' }).click();
		await claire.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
		await expectAccessible(claire);
		await claire.getByRole('link', { name: /Paul Bernard vous a demandé en contact\./ }).click();
		await claire.waitForURL(/\/contacts#received-title$/);
		await claire.getByRole('button', { name: 'Accepter la demande de Paul Bernard' }).click();
		await claire.getByText('Demande acceptée : vous êtes maintenant en contact.').waitFor();
		// following the notification marked it read, on the other tab too
		await claireTab2.getByRole('link', { name: 'Notifications, aucune non lue' }).waitFor();

		await paul.getByRole('link', { name: 'Notifications, 1 non lue' }).waitFor({ timeout: 15_000 });
		await paul.goto(`${e2e.app.url}/notifications`);
		await paul.getByRole('link', { name: /Claire Martin a accepté votre demande de contact\./ }).waitFor();
	});

	it('the settings page offers each type’s channels and keeps the choice', async () => {
		const claire = await memberPage('claire.martin@exemple.fr');
		await claire.goto(`${e2e.app.url}/settings/notifications`);
		await expectAccessible(claire);
		const group = claire.getByRole('group', { name: 'Demandes de contact', exact: true });
		await group.getByLabel('Résumé quotidien').check();
		await claire.getByRole('button', { name: 'Enregistrer' }).click();
		await claire.getByText('Vos réglages de notifications sont enregistrés.').waitFor();
		await claire.reload();
		expect(await claire.getByRole('group', { name: 'Demandes de contact', exact: true }).getByLabel('Résumé quotidien').isChecked()).toBe(true);
	});
});
