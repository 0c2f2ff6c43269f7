import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { bookingConfirmation } from '#lib/server/booking/confirmation.ts';
import { DomainError } from '#lib/server/errors.ts';
import { actorOf } from '#lib/server/http.ts';
import { bookedRef } from './booked.ts';
import { translate } from '#lib/i18n/index.ts';

/** After booking: with whom, when (both zones), the room link and add-to-calendar links. */
export const load: PageServerLoad = async (event) => {
	try {
		return { booking: await bookingConfirmation(actorOf(event), bookedRef(event)) };
	} catch (e) {
		if (e instanceof DomainError) error(404, translate(event.locals.locale, e.key));
		throw e;
	}
};
