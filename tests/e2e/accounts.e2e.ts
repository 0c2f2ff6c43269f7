import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, useAppInBrowser } from './harness.ts';

const e2e = useAppInBrowser();

async function activationLink(page: Page, email: string): Promise<string> {
	await page.goto(`${e2e.app.url}/dev/outbox`);
	const mail = page.locator(`li[data-to="${email}"]`).first();
	const href = await mail.locator('a[href*="/activate?token="]').first().getAttribute('href');
	if (!href) throw new Error('no activation link in the outbox');
	return href;
}

async function logIn(page: Page, email: string, password: string) {
	await page.goto(`${e2e.app.url}/login`);
	await page.getByLabel(/Adresse e-mail|Email address/).fill(email);
	await page.getByLabel(/^(Mot de passe|Password)$/).fill(password);
	await page.getByRole('button', { name: /^(Se connecter|Log in)$/ }).click();
	try {
		await page.waitForURL(`${e2e.app.url}/`, { timeout: 15_000 });
	} catch (error) {
		// say what the page shows instead of a bare time-out
		throw new Error(`login did not reach the home page; ${page.url()} shows: ${(await page.locator('main').innerText()).slice(0, 400)}\n${e2e.app.output().slice(-1500)}`, { cause: error });
	}
}

describe('account journey in Chromium', () => {
	it('sign up → activate from the outbox → log in → English → change password → log out → log in again', async () => {
		const context = await e2e.browser.newContext({ locale: 'fr-FR' });
		const page = await context.newPage();
		const email = `lea.rousseau.${Date.now()}@exemple.fr`;
		const first = 'une phrase de passe solide';
		const second = 'encore une autre phrase';

		await page.goto(`${e2e.app.url}/signup`);
		expect(await page.locator('html').getAttribute('lang')).toBe('fr');
		await expectAccessible(page);

		// bad input first: a short password is refused with a French message, nothing created
		await page.getByLabel('Prénom').fill('Léa');
		await page.getByLabel('Nom', { exact: true }).fill('Rousseau');
		await page.getByLabel('Adresse e-mail').fill(email);
		await page.getByLabel('Mot de passe').fill('court');
		await page.getByRole('checkbox', { name: /J’accepte les conditions/ }).check();
		await page.getByLabel('Vous êtes').selectOption('freelance');
		await page.getByRole('button', { name: 'Créer mon compte' }).click();
		await page.locator('#field-password-error', { hasText: 'Le mot de passe doit contenir au moins 12 caractères.' }).waitFor();

		await page.getByLabel('Mot de passe').fill(first);
		await page.getByRole('checkbox', { name: /J’accepte les conditions/ }).check();
		await page.getByRole('button', { name: 'Créer mon compte' }).click();
		await page.getByText('Vérifiez votre messagerie').waitFor();

		await page.goto(await activationLink(page, email));
		await page.getByText('Votre compte est activé').waitFor();
		await expectAccessible(page);

		// log out, then log in with the password chosen at sign-up
		await page.goto(`${e2e.app.url}/`);
		await page.getByRole('button', { name: /Menu du compte/ }).click();
		await page.getByRole('button', { name: 'Se déconnecter' }).click();
		await page.getByRole('link', { name: 'Se connecter' }).waitFor();
		await page.goto(`${e2e.app.url}/login`);
		await expectAccessible(page);
		await logIn(page, email, first);
		await page.getByText('Bonjour Léa !').waitFor();

		// switch to English: stored on the member
		await page.getByTestId('locale-switch').click();
		await page.getByText('Hello Léa!').waitFor();
		expect(await page.locator('html').getAttribute('lang')).toBe('en');

		await page.goto(`${e2e.app.url}/settings`);
		await page.getByRole('heading', { name: 'My account', exact: true }).waitFor();
		await expectAccessible(page);
		await page.locator('#password-current').fill('pas le bon mot de passe');
		await page.getByLabel('New password', { exact: true }).fill(second);
		await page.getByRole('button', { name: 'Change password' }).click();
		await page.locator('#password-current-error', { hasText: 'Current password is wrong.' }).waitFor();
		await page.locator('#password-current').fill(first);
		await page.getByLabel('New password', { exact: true }).fill(second);
		await page.getByRole('button', { name: 'Change password' }).click();
		await page.getByText('Password changed.').waitFor();

		await page.getByRole('button', { name: /Account menu/ }).click();
		await page.getByRole('button', { name: 'Log out' }).click();
		await page.getByRole('link', { name: 'Log in' }).waitFor();

		// the old password no longer works; the new one does, and the language stayed English
		await page.goto(`${e2e.app.url}/login`);
		await page.getByLabel('Email address').fill(email);
		await page.getByLabel('Password', { exact: true }).fill(first);
		await page.getByRole('button', { name: 'Log in', exact: true }).click();
		await page.getByRole('alert').filter({ hasText: 'Wrong email address or password.' }).waitFor();
		await logIn(page, email, second);
		await page.getByText('Hello Léa!').waitFor();
		await context.close();
	});

	it('forgotten password pages are accessible and answer the same for unknown emails', async () => {
		const context = await e2e.browser.newContext({ locale: 'fr-FR' });
		const page = await context.newPage();
		await page.goto(`${e2e.app.url}/forgot-password`);
		await expectAccessible(page);
		await page.getByLabel('Adresse e-mail').fill('personne@exemple.fr');
		await page.getByRole('button', { name: 'Envoyer le lien' }).click();
		await page.getByText('Si un compte correspond à cette adresse').waitFor();
		await page.goto(`${e2e.app.url}/reset-password?token=inconnu-inconnu-inconnu-inconnu`);
		await expectAccessible(page);
		await context.close();
	});

	it('deactivating lands on the login page with its notice; dead links say which link and what is wrong', async () => {
		const context = await e2e.browser.newContext({ locale: 'fr-FR' });
		const page = await context.newPage();
		const email = `hugo.petit.${Date.now()}@exemple.fr`;
		const password = 'une phrase de passe solide';
		await page.goto(`${e2e.app.url}/signup`);
		await page.getByLabel('Prénom').fill('Hugo');
		await page.getByLabel('Nom', { exact: true }).fill('Petit');
		await page.getByLabel('Adresse e-mail').fill(email);
		await page.getByLabel('Mot de passe').fill(password);
		await page.getByRole('checkbox', { name: /J’accepte les conditions/ }).check();
		await page.getByRole('button', { name: 'Créer mon compte' }).click();
		await page.getByText('Vérifiez votre messagerie').waitFor();
		const link = await activationLink(page, email);
		await page.goto(link);
		await page.getByText('Votre compte est activé').waitFor();

		// the same link again: it says it was used and that the account is active
		await page.goto(link);
		await page.getByRole('alert').filter({ hasText: 'Ce lien d’activation a déjà servi' }).waitFor();

		await page.goto(`${e2e.app.url}/settings`);
		await page.locator('#deactivate-password').fill(password);
		await page.getByRole('button', { name: 'Désactiver mon compte' }).click();
		await page.waitForURL(/\/login\?deactivated=1$/);
		await page.getByText('Votre compte est désactivé. Reconnectez-vous pour le réactiver.').waitFor();
		await expectAccessible(page);

		// a wrong password: the message is shown once, not also under the field
		await page.getByLabel('Adresse e-mail').fill(email);
		await page.getByLabel('Mot de passe', { exact: true }).fill('pas le bon mot de passe');
		await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
		await page.getByRole('alert').filter({ hasText: 'Adresse e-mail ou mot de passe incorrect.' }).waitFor();
		expect(await page.getByText('Adresse e-mail ou mot de passe incorrect.').count()).toBe(1);

		// signing up again with this address answers exactly as for a new one
		await page.goto(`${e2e.app.url}/signup`);
		await page.getByLabel('Prénom').fill('Autre');
		await page.getByLabel('Nom', { exact: true }).fill('Personne');
		await page.getByLabel('Adresse e-mail').fill(email);
		await page.getByLabel('Mot de passe').fill('une autre phrase solide');
		await page.getByRole('checkbox', { name: /J’accepte les conditions/ }).check();
		await page.getByRole('button', { name: 'Créer mon compte' }).click();
		await page.getByText('Vérifiez votre messagerie').waitFor();

		await page.goto(`${e2e.app.url}/activate?token=${'x'.repeat(43)}`);
		await page.getByRole('alert').filter({ hasText: 'Ce lien d’activation n’est pas valide' }).waitFor();
		await page.goto(`${e2e.app.url}/reset-password?token=${'x'.repeat(43)}`);
		await page.getByRole('alert').filter({ hasText: 'Ce lien de réinitialisation n’est pas valide' }).waitFor();
		await page.getByRole('link', { name: 'Demander un nouveau lien' }).waitFor();
		await expectAccessible(page);
		await context.close();
	});

	it('a login whose redirectTo holds a tab or a newline lands on the home page, never a 500', async () => {
		for (const redirectTo of ['/\t/evil.example', '/settings\nSet-Cookie: x=1', '/\\evil.example']) {
			const response = await fetch(`${e2e.app.url}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: e2e.app.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ email: 'paul.bernard@exemple.fr', password: 'Relais-demo-2026', redirectTo }).toString()
			});
			expect(response.status).toBe(303);
			expect(response.headers.get('location')).toBe('/');
		}
	});

	it('the seeded demo provider logs in and the home page shows the most common skills', async () => {
		const context = await e2e.browser.newContext({ locale: 'fr-FR' });
		const page = await context.newPage();
		await page.goto(`${e2e.app.url}/`);
		await expectAccessible(page);
		await page.getByRole('heading', { name: 'Compétences les plus répandues' }).waitFor();
		await logIn(page, 'claire.martin@exemple.fr', 'Relais-demo-2026');
		await page.getByText('Bonjour Claire !').waitFor();
		expect(e2e.app.output()).toContain('claire.martin@exemple.fr');
		await context.close();
	});
});
