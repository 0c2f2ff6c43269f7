import type { PageServerLoad } from './$types';
import { listDrafts } from '#lib/server/blog/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { isAdmin } from '#lib/server/access/index.ts';
import { loadFailure } from '../../c/load-errors.ts';

/** "Brouillons": drafts and scheduled articles (editors and admins). */
export const load: PageServerLoad = async (event) => {
	try {
		return { drafts: await listDrafts(actorOf(event)), admin: isAdmin(actorOf(event)) };
	} catch (e) {
		loadFailure(e, event.locals.locale, event.url);
	}
};
