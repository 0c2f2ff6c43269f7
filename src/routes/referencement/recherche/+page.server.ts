import type { Actions, PageServerLoad } from './$types';
import { addFavorite, criteriaParams, saveSearch, searchCooperatives, GOODS, SECTORS } from '#lib/server/referencing/index.ts';
import { listDepartements } from '#lib/server/directory/index.ts';
import { actorOf, formObject } from '#lib/server/http.ts';
import { act, loadFailure } from '../transport.ts';

export const load: PageServerLoad = async (event) => {
	const params = event.url.searchParams;
	const raw = { departements: params.getAll('departements'), sector: params.get('sector') ?? '', goods: params.getAll('goods'), skills: params.get('skills') ?? '', q: params.get('q') ?? '', page: params.get('page') ?? '' };
	try {
		const found = await searchCooperatives(actorOf(event), raw);
		return { ...found, query: criteriaParams(found.criteria), sectors: SECTORS, goodsList: GOODS, departementList: listDepartements() };
	} catch (failure) {
		loadFailure(failure, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	saveSearch: (event) =>
		act(event, 'referencing.search.saved', async (form) => saveSearch(actorOf(event), { ...formObject(form), departements: form.getAll('departements').map(String), goods: form.getAll('goods').map(String) }), 'name'),
	favorite: (event) => act(event, 'referencing.saved', (form) => addFavorite(actorOf(event), form.get('recordId'), formObject(form)))
};
