import type { PageServerLoad } from './$types';
import { directoryOverview } from '#lib/server/directory/overview.ts';
import { latestArticles } from '#lib/server/blog/index.ts';

export const load: PageServerLoad = async ({ locals }) => ({
	overview: await directoryOverview(),
	// "À la une" (blog): visitors and members alike
	featured: await latestArticles(locals.locale, 3)
});
