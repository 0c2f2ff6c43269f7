import type { RequestHandler } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { surveyResultsCsv } from '#lib/server/surveys/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

/** The results table (rates per certification and promotion) as CSV for Excel. */
export const GET: RequestHandler = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent('/admin/enquetes')}`);
	try {
		const { filename, body } = await surveyResultsCsv(actorOf(event), Object.fromEntries(event.url.searchParams), event.locals.locale);
		return new Response(body, {
			headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'private, no-store' }
		});
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
};
