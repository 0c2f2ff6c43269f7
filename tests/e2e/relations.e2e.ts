import { describe, expect, it } from 'vitest';
import { demoPage, expectAccessible, openClaireAsNonContact, useAppInBrowser } from './harness.ts';

const e2e = useAppInBrowser();

const memberPage = (email: string) => demoPage(e2e, email);

describe('relations in Chromium', () => {
	it('paul asks claire to connect, claire accepts in her own browser and files paul in a new group', async () => {
		const paul = await memberPage('paul.bernard@exemple.fr');
		const claire = await memberPage('claire.martin@exemple.fr');
		await openClaireAsNonContact(e2e, claire, paul);
		// following is independent of contacts
		if (await paul.getByRole('button', { name: 'Ne plus suivre' }).isVisible()) {
			await paul.getByRole('button', { name: 'Ne plus suivre' }).click();
			await paul.getByText('Vous ne suivez plus ce membre.').waitFor();
		}
		await paul.getByRole('button', { name: 'Suivre', exact: true }).click();
		await paul.getByText('Vous suivez ce membre.').first().waitFor();

		await paul.getByLabel('Message pour accompagner la demande').fill('Bonjour Claire, restons en contact !');
		await paul.getByRole('button', { name: 'Demander en contact' }).click();
		await paul.getByText('Demande de contact envoyée.').waitFor();
		await paul.getByText('Votre demande de contact attend sa réponse.').waitFor();
		await expectAccessible(paul);

		await claire.goto(`${e2e.app.url}/contacts`);
		await claire.getByText('Bonjour Claire, restons en contact !').waitFor();
		await expectAccessible(claire);
		await claire.getByRole('button', { name: 'Accepter la demande de Paul Bernard' }).click();
		await claire.getByText('Demande acceptée : vous êtes maintenant en contact.').waitFor();
		await claire.getByRole('button', { name: 'Retirer de mes contacts : Paul Bernard' }).waitFor();

		await paul.reload();
		await paul.getByText('Vous êtes en contact.').waitFor();

		// claire's followers list shows paul
		await claire.goto(`${e2e.app.url}/followers`);
		await claire.getByRole('link', { name: 'Paul Bernard' }).waitFor();

		await claire.goto(`${e2e.app.url}/contacts/groups`);
		await expectAccessible(claire);
		const groupName = `Voisins ${Date.now().toString(36)}`;
		await claire.getByLabel('Nom du groupe').fill(groupName);
		await claire.getByRole('button', { name: 'Créer le groupe' }).click();
		await claire.getByRole('heading', { level: 1, name: groupName }).waitFor();
		await claire.getByLabel('Contact à ajouter').selectOption({ label: 'Paul Bernard (Paris)' });
		await claire.getByRole('button', { name: 'Ajouter au groupe' }).click();
		await claire.getByText('Contact ajouté au groupe.').waitFor();
		await claire.getByRole('button', { name: 'Retirer du groupe : Paul Bernard' }).waitFor();
		await expectAccessible(claire);

		// the same name twice is refused with a clear message
		await claire.goto(`${e2e.app.url}/contacts/groups`);
		await claire.getByLabel('Nom du groupe').fill(groupName.toUpperCase());
		await claire.getByRole('button', { name: 'Créer le groupe' }).click();
		await claire.locator('#group-name-error', { hasText: 'Vous avez déjà un groupe portant ce nom.' }).waitFor();

		await claire.goto(`${e2e.app.url}/contacts`);
		await claire.getByText(`Groupes :`).first().waitFor();
		expect(await claire.locator('main').innerText()).toContain(groupName);

		await paul.goto(`${e2e.app.url}/following`);
		await paul.getByRole('link', { name: 'Claire Martin' }).waitFor();
		await expectAccessible(paul);
		await paul.context().close();
		await claire.context().close();
	});
});
