import type { PageServerLoad } from './$types';
import { directoryOverview } from '#lib/server/directory/overview.ts';
import { latestArticles } from '#lib/server/blog/index.ts';
import { homeFeed } from '#lib/server/publications/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { DomainError } from '#lib/server/errors.ts';

export const load: PageServerLoad = async (event) => {
	const actor = actorOf(event);
	// publications: a logged-in member's home feed (an unreadable cursor starts again from the top)
	const feed = actor
		? await homeFeed(actor, { cursor: event.url.searchParams.get('cursor') ?? undefined }).catch((e: unknown) => {
				if (e instanceof DomainError && e.kind === 'invalid') return homeFeed(actor, {});
				throw e;
			})
		: null;
	// "À la une" (blog): visitors and members alike
	return { overview: await directoryOverview(), feed, featured: await latestArticles(event.locals.locale, 3) };
};
