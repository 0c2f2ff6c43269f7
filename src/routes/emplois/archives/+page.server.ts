import type { PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { archivedOffers } from '#lib/server/careers/index.ts';
import { can } from '#lib/server/access/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { pageError } from '../form.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	try {
		const actor = actorOf(event);
		return { offers: await archivedOffers(actor), canExport: await can(actor, 'careers.moderate') };
	} catch (e) {
		pageError(e, event.locals.locale);
	}
};
