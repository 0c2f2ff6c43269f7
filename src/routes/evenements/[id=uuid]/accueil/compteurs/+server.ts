import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { organiserPage } from '#lib/server/gatherings/pages.ts';
import { actorOf } from '#lib/server/http.ts';
import { loadFailure } from '../../../load-errors.ts';

/** The check-in screen polls this for its live counters (several doors, several devices). */
export const GET: RequestHandler = async (event) => {
	try {
		return json((await organiserPage(actorOf(event), event.params.id)).counters, { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		loadFailure(error, event.locals.locale, event.url);
	}
};
