import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { consultationRecipients, sendConsultation } from '#lib/server/referencing/index.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { loadFailure } from '../../transport.ts';

export const load: PageServerLoad = async (event) => {
	try {
		const ids = event.url.searchParams.getAll('c');
		return { recipients: ids.length ? await consultationRecipients(actorOf(event), ids) : [] };
	} catch (failure) {
		loadFailure(failure, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		try {
			await sendConsultation(actorOf(event), { ...formObject(form), recipients: form.getAll('recipients').map(String) }, form.get('attachment'));
		} catch (error) {
			return failWith(error, event.locals.locale, echo(form, 'title', 'closingDate', 'budget', 'location', 'description'));
		}
		redirect(303, '/referencement/consultations?envoyee');
	}
};
