import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoPage, expectAccessible, useAppInBrowser, waitForApp } from './harness.ts';

/**
 * Issue 13's journey: the administrator creates an event for promotion 2020 → Paul Bernard (promo
 * 2020 in the demo data) finds the invitation in the dev outbox → its "Participer" link registers
 * him without logging in → his ticket shows a QR code and the confirmation mail carries the ICS →
 * the administrator moves the date: the event page shows it, Paul gets one mail old → new.
 * Everything between the form and the mails runs as in production: outbox dispatcher, pg-boss jobs.
 */
const e2e = useAppInBrowser();
const PAUL = 'paul.bernard@exemple.fr';

/** The newest mail to `to` whose subject is `subject`, waiting for the jobs that send it. */
async function mailIn(page: Page, to: string, subject: string) {
	const item = page.locator(`li[data-to="${to}"]`).filter({ has: page.getByRole('heading', { name: subject, exact: true }) }).first();
	await expect
		.poll(
			async () => {
				await page.goto(`${e2e.app.url}/dev/outbox`);
				return item.count();
			},
			{ timeout: 60_000, interval: 1_000 }
		)
		.toBeGreaterThan(0);
	return item;
}

function localDateTime(daysAhead: number, hour: number) {
	const d = new Date(Date.now() + daysAhead * 86_400_000);
	return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:30`;
}

describe('events: invitation, one-click registration, ticket, a new date', () => {
	it('an admin invites promotion 2020; Paul registers from the mail and gets his ticket; the admin moves the date', async () => {
		const title = `Apéro de la promo 2020 n°${Date.now() % 10_000}`;
		const admin = await demoPage(e2e, 'admin@exemple.fr');
		await admin.goto(`${e2e.app.url}/evenements`);
		await admin.getByRole('link', { name: 'Créer un évènement' }).click();
		await admin.getByRole('heading', { level: 1, name: 'Créer un évènement' }).waitFor();
		await waitForApp(admin);
		await admin.getByLabel('Titre').fill(title);
		await admin.getByLabel('Description').fill('Retrouvailles de la promotion 2020 autour d’un verre.');
		await admin.getByLabel('Adresse').fill('Le Perchoir, 14 rue Crespin du Gast, 75011 Paris');
		await admin.getByLabel('Début').fill(localDateTime(14, 19));
		await admin.getByLabel('Fin', { exact: true }).fill(localDateTime(14, 22));
		await admin.getByLabel('Nombre de places (vide = illimité)').fill('30');
		await admin.getByLabel('Certaines promotions').check();
		await admin.getByLabel('Promotions (années séparées par des virgules)').fill('2020');
		await expectAccessible(admin);
		await admin.getByRole('button', { name: 'Créer et envoyer les invitations' }).click();
		await admin.waitForURL(/\/evenements\/[0-9a-f-]{36}\/organisation\?created=1$/);
		const gatheringId = /\/evenements\/([0-9a-f-]{36})\//.exec(admin.url())![1];
		await admin.getByRole('heading', { level: 1, name: `Organisation : ${title}` }).waitFor();

		// Paul's mailbox (the dev outbox, opened from this machine)
		const outbox = await (await e2e.browser.newContext({ locale: 'fr-FR' })).newPage();
		const invitation = await mailIn(outbox, PAUL, `Invitation : ${title}`);
		const text = await invitation.locator('pre.mail').innerText();
		for (const detail of ['Le Perchoir, 14 rue Crespin du Gast, 75011 Paris', 'Organisateur : Admin', 'Participation : gratuite', 'Places : 30']) expect(text).toContain(detail);
		const participer = invitation.getByRole('link', { name: /\/evenements\/participer\// });

		// one click, no login, in a fresh browser
		const paulMail = await (await e2e.browser.newContext({ locale: 'fr-FR' })).newPage();
		await paulMail.goto((await participer.getAttribute('href'))!);
		await paulMail.getByTestId('join-outcome').filter({ hasText: `C’est noté : vous êtes inscrit·e à « ${title} »` }).waitFor();
		await expectAccessible(paulMail);
		// the same link a second time: a clear page, nothing else happens
		await paulMail.reload();
		await paulMail.getByTestId('join-outcome').filter({ hasText: 'Ce lien « Participer » a déjà servi' }).waitFor();

		// the confirmation mail: ticket link and the ICS attached
		const confirmation = await mailIn(outbox, PAUL, `Inscription confirmée : ${title}`);
		expect(await confirmation.getByTestId('attachment').innerText()).toBe('evenement.ics (text/calendar)');
		const ticketLink = confirmation.getByRole('link', { name: /\/evenements\/billet\// });
		await paulMail.goto((await ticketLink.getAttribute('href'))!);
		await paulMail.getByRole('heading', { level: 1, name: `Billet — ${title}` }).waitFor();
		await paulMail.getByTestId('ticket-qr').locator('svg').waitFor();
		expect(await paulMail.getByTestId('ticket-code').innerText()).toMatch(/^[A-Z2-9]{8}$/);

		// Paul, logged in, sees himself registered on the event's page
		const paul = await demoPage(e2e, PAUL);
		await paul.goto(`${e2e.app.url}/evenements`);
		// the demo data: his promotion's evening, and a workshop full with a waiting list
		await paul.getByRole('link', { name: 'Soirée des 5 ans — promotion 2020' }).waitFor();
		await paul.getByTestId('gathering-card').filter({ hasText: 'Atelier CV et LinkedIn' }).filter({ hasText: 'Complet — liste d’attente' }).waitFor();
		// …and Claire's visit, moved a week later: its page says so
		await paul.getByRole('link', { name: 'Visite du centre de données Equinix — Saint-Denis' }).click();
		await paul.getByTestId('rescheduled').filter({ hasText: 'Date modifiée le' }).waitFor();
		await paul.goto(`${e2e.app.url}/evenements`);
		await paul.getByRole('link', { name: title }).click();
		await paul.getByTestId('my-registration').filter({ hasText: 'Votre inscription : Inscrit·e' }).waitFor();
		await expectAccessible(paul);

		// the organiser checks him in at the door with his code
		const code = await paulMail.getByTestId('ticket-code').innerText();
		await admin.getByRole('link', { name: 'Accueil des participants (check-in)' }).click();
		await admin.getByLabel('Code du billet').fill(code);
		await admin.getByRole('button', { name: 'Valider' }).click();
		await admin.getByTestId('checkin-result').filter({ hasText: 'OK — Paul Bernard' }).waitFor();
		await admin.getByTestId('counters').filter({ hasText: '1 arrivé(s) sur 1 inscrit(s)' }).waitFor();
		await admin.getByLabel('Code du billet').fill(code);
		await admin.getByRole('button', { name: 'Valider' }).click();
		await admin.getByTestId('checkin-result').filter({ hasText: 'Déjà enregistré — Paul Bernard' }).waitFor();

		// the organiser moves the event a day later: the page shows the new date, Paul gets ONE mail old → new
		await admin.goto(`${e2e.app.url}/evenements/${gatheringId}/organisation`);
		await admin.getByRole('link', { name: 'Modifier l’évènement' }).click();
		await admin.getByRole('heading', { level: 1, name: `Modifier : ${title}` }).waitFor();
		await waitForApp(admin);
		expect(await admin.getByLabel('Adresse').inputValue()).toBe('Le Perchoir, 14 rue Crespin du Gast, 75011 Paris');
		await admin.getByLabel('Début').fill(localDateTime(15, 18));
		await admin.getByLabel('Fin', { exact: true }).fill(localDateTime(15, 21));
		await expectAccessible(admin);
		await admin.getByRole('button', { name: 'Enregistrer les modifications' }).click();
		await admin.getByText('Modifications enregistrées : les inscrits et la liste d’attente sont prévenus par e-mail.').waitFor();
		await admin.getByRole('link', { name: title, exact: true }).click();
		const newDay = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${localDateTime(15, 12).slice(0, 10)}T12:00:00Z`));
		await admin.locator('dd').filter({ hasText: `${newDay}, 18:30 – 21:30` }).waitFor();
		await admin.getByTestId('rescheduled').filter({ hasText: 'Date modifiée le' }).waitFor();
		const change = await mailIn(outbox, PAUL, `Changement : ${title}`);
		expect(await change.locator('pre.mail').innerText()).toContain(`→ ${newDay}, 18:30 – 21:30`);
		expect(await change.getByTestId('attachment').innerText()).toBe('evenement.ics (text/calendar)');
	});
});
