import type { Actions, PageServerLoad } from './$types';
import { editFavorite, favorites, removeFavorite } from '#lib/server/referencing/index.ts';
import { actorOf, formObject } from '#lib/server/http.ts';
import { act, loadFailure } from '../transport.ts';

export const load: PageServerLoad = async (event) => {
	try {
		return { favorites: await favorites(actorOf(event)) };
	} catch (failure) {
		loadFailure(failure, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	edit: (event) => act(event, 'referencing.saved', (form) => editFavorite(actorOf(event), form.get('recordId'), formObject(form))),
	remove: (event) => act(event, 'referencing.saved', (form) => removeFavorite(actorOf(event), form.get('recordId')))
};
