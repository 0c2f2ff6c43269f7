import type { PageServerLoad } from './$types';
import { readArticle } from '#lib/server/blog/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { context } from '#lib/server/context.ts';
import { loadFailure } from '../../c/load-errors.ts';

/** /blog/<slug>: a published article, no login needed (editors also preview drafts and scheduled ones). */
export const load: PageServerLoad = async (event) => {
	try {
		return { article: await readArticle(actorOf(event), event.params.slug, event.locals.locale), origin: context().config.publicUrl };
	} catch (e) {
		loadFailure(e, event.locals.locale, event.url);
	}
};
