import type { PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { listFollowing } from '#lib/server/relations/index.ts';
import { actorOf } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	return { following: await listFollowing(actorOf(event)) };
};
