import type { PageServerLoad } from './$types';
import { listArticles } from '#lib/server/blog/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { loadFailure } from '../c/load-errors.ts';

/** /blog ("Actualité"): public, in the interface's language; ?categorie= and ?page= */
export const load: PageServerLoad = async (event) => {
	const category = event.url.searchParams.get('categorie')?.slice(0, 60) || null;
	const page = Number(event.url.searchParams.get('page') ?? '1') || 1;
	try {
		return { blog: await listArticles(actorOf(event), { locale: event.locals.locale, category, page }), category };
	} catch (e) {
		loadFailure(e, event.locals.locale, event.url);
	}
};
