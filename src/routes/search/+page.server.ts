import type { PageServerLoad } from './$types';
import { searchDirectory } from '#lib/server/directory/search.ts';
import { actorOf } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => ({
	search: await searchDirectory(actorOf(event), Object.fromEntries(event.url.searchParams))
});
