import type { PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { statisticsPage } from '#lib/server/statistics/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	try {
		return { stats: await statisticsPage(actorOf(event), Object.fromEntries(event.url.searchParams)) };
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
};
