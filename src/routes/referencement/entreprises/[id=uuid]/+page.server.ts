import type { Actions, PageServerLoad } from './$types';
import { addFavorite, cooperativePage, editFavorite, removeFavorite } from '#lib/server/referencing/index.ts';
import { actorOf, formObject } from '#lib/server/http.ts';
import { act, loadFailure } from '../../transport.ts';

export const load: PageServerLoad = async (event) => {
	try {
		return { record: await cooperativePage(actorOf(event), event.params.id) };
	} catch (failure) {
		loadFailure(failure, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	favorite: (event) => act(event, 'referencing.saved', (form) => addFavorite(actorOf(event), event.params.id, formObject(form)), 'comment'),
	editFavorite: (event) => act(event, 'referencing.saved', (form) => editFavorite(actorOf(event), event.params.id, formObject(form)), 'comment'),
	removeFavorite: (event) => act(event, 'referencing.saved', () => removeFavorite(actorOf(event), event.params.id))
};
