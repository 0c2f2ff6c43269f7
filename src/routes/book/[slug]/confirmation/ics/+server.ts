import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { bookingIcsFile } from '#lib/server/booking/confirmation.ts';
import { DomainError } from '#lib/server/errors.ts';
import { actorOf } from '#lib/server/http.ts';
import { bookedRef } from '../booked.ts';
import { translate } from '#lib/i18n/index.ts';

/** GET /book/<slug>/confirmation/ics?id=… — the appointment as a calendar file. */
export const GET: RequestHandler = async (event) => {
	try {
		const file = await bookingIcsFile(actorOf(event), bookedRef(event));
		return new Response(file.content, {
			headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' }
		});
	} catch (e) {
		if (e instanceof DomainError) error(404, translate(event.locals.locale, e.key));
		throw e;
	}
};
