import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connectAppDatabase, expectAccessible, logInAsDemo, useAppInBrowser } from './harness.ts';

// Demo logins (prisma/seed): Claire is a freelance provider, Paul a visitor-category member; they are contacts.
const CLAIRE = 'claire.martin@exemple.fr';
const PAUL = 'paul.bernard@exemple.fr';

const e2e = useAppInBrowser();
let claireSlug: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	// demo slugs carry a random suffix: read Claire's from the app's own (embedded) database
	const client = await connectAppDatabase(e2e.app);
	claireSlug = (await client.query<{ slug: string }>('SELECT slug FROM "Member" WHERE email = $1', [CLAIRE])).rows[0]!.slug;
	await client.end();
});

afterAll(async () => {
	for (const context of contexts) await context.close().catch(() => {});
});

async function newContext() {
	const context = await e2e.browser.newContext({ locale: 'fr-FR' });
	contexts.push(context);
	return context;
}

const logIn = (page: Page, email: string) => logInAsDemo(page, e2e.app, email);

describe('presence and chat in Chromium', () => {
	it('a visitor sees the provider’s badge turn green live; two members chat with typing, read receipt and a live unread badge', async () => {
		// a visitor without an account looks at Claire's contact page
		const visitor = await (await newContext()).newPage();
		await visitor.goto(`${e2e.app.url}/contact-provider/${claireSlug}`);
		const badge = visitor.getByTestId('presence-badge');
		await expect.poll(() => badge.getAttribute('data-status')).toBe('offline');
		await expectAccessible(visitor);

		// Claire logs in: online, not yet available for calls ("Hors ligne" switch, off by default)
		const claire = await (await newContext()).newPage();
		await logIn(claire, CLAIRE);
		const toggle = claire.getByTestId('availability-toggle');
		await expect.poll(() => toggle.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('false');
		await expect.poll(() => badge.getAttribute('data-status'), { timeout: 10_000 }).toBe('online');
		await toggle.click();
		await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
		// without reload, the visitor's badge turns green
		await expect.poll(() => badge.getAttribute('data-status'), { timeout: 10_000 }).toBe('available');
		expect(await badge.innerText()).toContain('Disponible pour un appel');
		// the switch is kept across sessions / reloads
		await claire.reload();
		await expect.poll(() => claire.getByTestId('availability-toggle').getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');

		// Paul (two tabs) writes to Claire from her page
		const paulContext = await newContext();
		const paul = await paulContext.newPage();
		await logIn(paul, PAUL);
		const paulTab2 = await paulContext.newPage();
		await paulTab2.goto(`${e2e.app.url}/`);
		await paul.goto(`${e2e.app.url}/contact-provider/${claireSlug}`);
		await paul.getByTestId('message-button').click();
		await paul.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
		const conversationUrl = paul.url();
		await expectAccessible(paul);

		await claire.goto(conversationUrl);
		await claire.getByRole('heading', { name: 'Paul Bernard' }).waitFor();

		// typing indicator
		await paul.getByLabel('Votre message').pressSequentially('Bonjour Claire', { delay: 20 });
		await expect.poll(() => claire.getByTestId('typing-indicator').innerText(), { timeout: 10_000 }).toContain('Paul écrit…');
		await paul.getByRole('button', { name: 'Envoyer' }).click();
		await claire.getByTestId('message').filter({ hasText: 'Bonjour Claire' }).waitFor();
		// Claire's open conversation marks it read: Paul sees the receipt
		await expect.poll(() => paul.getByTestId('read-receipt').count(), { timeout: 10_000 }).toBe(1);
		expect(await paul.getByTestId('read-receipt').innerText()).toBe('Lu');
		await expect.poll(() => claire.getByTestId('typing-indicator').innerText(), { timeout: 10_000 }).toBe('');

		// Paul leaves the conversation page; Claire answers; both of Paul's tabs show the unread badge live
		await paul.goto(`${e2e.app.url}/`);
		await paul.getByTestId('messages-link').waitFor();
		await claire.getByLabel('Votre message').fill('Bonjour Paul, je suis disponible.');
		await claire.getByRole('button', { name: 'Envoyer' }).click();
		await expect.poll(() => paulTab2.getByTestId('unread-badge').innerText().catch(() => ''), { timeout: 10_000 }).toBe('1');
		await expect.poll(() => paul.getByTestId('unread-badge').innerText().catch(() => ''), { timeout: 10_000 }).toBe('1');

		// reading it in one tab clears the badge in the other
		await paul.goto(conversationUrl);
		await paul.getByTestId('message').filter({ hasText: 'je suis disponible' }).waitFor();
		await expect.poll(() => paulTab2.getByTestId('unread-badge').count(), { timeout: 10_000 }).toBe(0);

		// the conversation list shows it, with the presence dot of Claire
		await paulTab2.goto(`${e2e.app.url}/messages`);
		await paulTab2.getByTestId('conversation-link').filter({ hasText: 'Claire Martin' }).waitFor();
		await expectAccessible(paulTab2);
		expect(e2e.app.output()).not.toMatch(/socket event .* failed/);
	});
});
