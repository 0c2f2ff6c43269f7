import type { PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { myPublications } from '#lib/server/publications/index.ts';
import { actorOf } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	return { items: await myPublications(actorOf(event)), deleted: event.url.searchParams.has('deleted') };
};
