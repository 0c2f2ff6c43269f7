import type { Actions, PageServerLoad } from './$types';
import { deleteSearch, renameSearch, savedSearches } from '#lib/server/referencing/index.ts';
import { actorOf, formObject } from '#lib/server/http.ts';
import { act, loadFailure } from '../transport.ts';

export const load: PageServerLoad = async (event) => {
	try {
		return { searches: await savedSearches(actorOf(event)) };
	} catch (failure) {
		loadFailure(failure, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	rename: (event) => act(event, 'referencing.saved', (form) => renameSearch(actorOf(event), form.get('id'), formObject(form))),
	delete: (event) => act(event, 'referencing.saved', (form) => deleteSearch(actorOf(event), form.get('id')))
};
