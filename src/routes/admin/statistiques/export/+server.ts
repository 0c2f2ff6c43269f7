import type { RequestHandler } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { questionnaireCsv } from '#lib/server/statistics/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

/** "Exporter les questionnaires": CSV for Excel (UTF-8 BOM, `;`), the page's segment applied. */
export const GET: RequestHandler = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent('/admin/statistiques')}`);
	try {
		const { filename, body } = await questionnaireCsv(actorOf(event), Object.fromEntries(event.url.searchParams), event.locals.locale);
		return new Response(body, {
			headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'private, no-store' }
		});
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
};
