import type { RequestHandler } from './$types';
import { error, json } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { importProgress } from '#lib/server/admin/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

/** The import page polls this while the job runs (status, rows processed, counts). */
export const GET: RequestHandler = async (event) => {
	try {
		return json(await importProgress(actorOf(event), event.params.id), { headers: { 'cache-control': 'no-store' } });
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
};
