import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { redirect } from '@sveltejs/kit';
import { acceptContactRequest, cancelContactRequest, declineContactRequest, listContactRequests, listContacts, listGroups, removeContact } from '#lib/server/relations/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate, type MessageKey } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	const actor = actorOf(event);
	const [contacts, requests, groups] = await Promise.all([listContacts(actor), listContactRequests(actor), listGroups(actor)]);
	return { contacts, requests, groups };
};

async function act(event: RequestEvent, section: string, run: (form: Record<string, string>) => Promise<unknown>, done: MessageKey) {
	const form = formObject(await event.request.formData());
	try {
		await run(form);
		return { section, success: translate(event.locals.locale, done) };
	} catch (error) {
		return failWith(error, event.locals.locale, { section });
	}
}

export const actions: Actions = {
	accept: (event) => act(event, 'received', (f) => acceptContactRequest(actorOf(event), f), 'relations.done.accept'),
	decline: (event) => act(event, 'received', (f) => declineContactRequest(actorOf(event), f), 'relations.done.decline'),
	cancel: (event) => act(event, 'sent', (f) => cancelContactRequest(actorOf(event), f), 'relations.done.cancel'),
	remove: (event) => act(event, 'contacts', (f) => removeContact(actorOf(event), f), 'relations.done.remove')
};
