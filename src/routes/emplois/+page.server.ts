import type { PageServerLoad } from './$types';
import { CONTRACT_TYPES, SECTORS, searchOffers } from '#lib/server/careers/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { pageError } from './form.ts';

export const load: PageServerLoad = async (event) => {
	try {
		return { board: await searchOffers(actorOf(event), Object.fromEntries(event.url.searchParams)), contractTypes: CONTRACT_TYPES, sectors: SECTORS };
	} catch (e) {
		pageError(e, event.locals.locale);
	}
};
