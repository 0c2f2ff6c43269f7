import type { RequestHandler } from './$types';
import { attendeesCsv } from '#lib/server/gatherings/pages.ts';
import { actorOf } from '#lib/server/http.ts';
import { loadFailure } from '../../load-errors.ts';

/** The attendee list for a spreadsheet (UTF-8 with BOM, `;`), for the event's organisers. */
export const GET: RequestHandler = async (event) => {
	try {
		const csv = await attendeesCsv(actorOf(event), event.params.id);
		return new Response(csv.body, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${csv.filename}"`, 'cache-control': 'private, no-store' } });
	} catch (error) {
		loadFailure(error, event.locals.locale, event.url);
	}
};
