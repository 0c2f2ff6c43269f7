import type { Actions, PageServerLoad } from './$types';
import { bookingByCancelToken, cancelBooking } from '#lib/server/booking/manage.ts';
import { DomainError } from '#lib/server/errors.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

/** The emailed cancel link: shows the appointment, cancels on confirmation (no account needed). */
export const load: PageServerLoad = async (event) => {
	const token = event.url.searchParams.get('token') ?? '';
	try {
		return { token, booking: await bookingByCancelToken(token), problem: null };
	} catch (error) {
		if (!(error instanceof DomainError)) throw error;
		return { token, booking: null, problem: translate(event.locals.locale, error.key) };
	}
};

export const actions: Actions = {
	default: async (event) => {
		const values = formObject(await event.request.formData());
		try {
			await cancelBooking(actorOf(event), { token: values.token, reason: values.reason });
			return { success: translate(event.locals.locale, 'booking.cancelled_done') };
		} catch (error) {
			return failWith(error, event.locals.locale);
		}
	}
};
