import type { PageServerLoad } from './$types';
import { myConsultations } from '#lib/server/referencing/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { loadFailure } from '../transport.ts';

export const load: PageServerLoad = async (event) => {
	try {
		return { ...(await myConsultations(actorOf(event))), sentOk: event.url.searchParams.has('envoyee') };
	} catch (failure) {
		loadFailure(failure, event.locals.locale, event.url);
	}
};
