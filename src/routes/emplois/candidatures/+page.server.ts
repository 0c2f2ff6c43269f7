import type { PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { myApplications } from '#lib/server/careers/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { pageError } from '../form.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	try {
		return { applications: await myApplications(actorOf(event)) };
	} catch (e) {
		pageError(e, event.locals.locale);
	}
};
