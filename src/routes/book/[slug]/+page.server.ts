import type { Actions, PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { bookingPage, bookingWeek } from '#lib/server/booking/page.ts';
import { createBooking } from '#lib/server/booking/book.ts';
import { rescheduleBooking } from '#lib/server/booking/manage.ts';
import { context } from '#lib/server/context.ts';
import { DomainError } from '#lib/server/errors.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { BOOKED_COOKIE, HOLD_COOKIE } from '#lib/booking-view.ts';
import { translate } from '#lib/i18n/index.ts';

/** "Agenda et disponibilité": a week of free slots in the viewer's zone, then the booking form. */
export const load: PageServerLoad = async (event) => {
	const q = event.url.searchParams;
	try {
		const week = await bookingWeek(actorOf(event), event.params.slug, {
			type: q.get('type'),
			tz: q.get('tz'),
			week: q.get('week'),
			start: q.get('start'),
			holdToken: event.cookies.get(HOLD_COOKIE)
		});
		const moved = q.get('moved');
		return { ...week, reschedule: q.get('reschedule'), moved: moved && !Number.isNaN(Date.parse(moved)) ? new Date(moved).toISOString() : null };
	} catch (e) {
		if (e instanceof DomainError) error(404, translate(event.locals.locale, e.key));
		throw e;
	}
};

export const actions: Actions = {
	book: async (event) => {
		const form = await event.request.formData();
		const values = formObject(form);
		const actor = actorOf(event);
		// the visitor's own hold: from the form, else from the cookie the page set when it was granted
		const holdToken = values.holdToken || event.cookies.get(HOLD_COOKIE);
		let result;
		try {
			const page = await bookingPage(actor, event.params.slug);
			result = values.reschedule
				? await rescheduleBooking(actor, { token: values.reschedule, start: values.start, timezone: values.timezone })
				: await createBooking(actor, { ...values, holdToken, providerId: page.providerId, typeId: values.typeId, locale: event.locals.locale });
		} catch (e) {
			return failWith(e, event.locals.locale, echo(form, 'name', 'email', 'phone', 'address', 'city', 'message'));
		}
		const secure = context().config.secureCookies;
		event.cookies.delete(HOLD_COOKIE, { path: `/book/${event.params.slug}`, secure });
		if ('cancelToken' in result) {
			event.cookies.set(BOOKED_COOKIE, `${result.id}.${result.cancelToken}`, { path: `/book/${event.params.slug}/confirmation`, httpOnly: true, sameSite: 'lax', secure, maxAge: 86_400 });
		} else if (!actor) {
			// a move by a visitor: the same booking, whose cancel secret this browser may not hold — say
			// where it went here; the "déplacé" mail carries the invitation and fresh links
			const tz = encodeURIComponent(values.timezone ?? '');
			redirect(303, `/book/${event.params.slug}?moved=${encodeURIComponent(result.start)}&tz=${tz}`);
		}
		redirect(303, `/book/${event.params.slug}/confirmation?id=${result.id}`);
	}
};
