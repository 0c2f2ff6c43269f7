import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { importReport } from '#lib/server/admin/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { csvResponse } from '../../../guard.ts';

/** The import's report: every row of the file with what was done and why (Excel: BOM, `;`). */
export const GET: RequestHandler = async (event) => {
	try {
		const { fileName, csv } = await importReport(actorOf(event), event.params.id, event.locals.locale);
		return csvResponse(fileName, csv);
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
};
