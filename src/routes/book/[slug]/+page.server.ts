import type { Actions, PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { bookingPage } from '#lib/server/booking/page.ts';
import { availableSlots } from '#lib/server/booking/availability.ts';
import { createBooking } from '#lib/server/booking/book.ts';
import { rescheduleBooking } from '#lib/server/booking/manage.ts';
import { addDays, formatLocalDate, isoWeekday, isValidTimezone, localDateOf, parseLocalDate, zonedToUtc } from '#lib/server/calendar/tz.ts';
import { DomainError } from '#lib/server/errors.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

/** "Agenda et disponibilité": a week of free slots in the viewer's zone, then the booking form. */
export const load: PageServerLoad = async (event) => {
	const actor = actorOf(event);
	let page;
	try {
		page = await bookingPage(actor, event.params.slug);
	} catch (e) {
		if (e instanceof DomainError) error(404, translate(event.locals.locale, e.key));
		throw e;
	}
	const q = event.url.searchParams;
	const tzParam = q.get('tz') ?? '';
	const timezone = isValidTimezone(tzParam) ? tzParam : (page.me?.timezone ?? page.providerTimezone);
	const typeId = page.types.some((t) => t.id === q.get('type')) ? q.get('type')! : page.types[0]!.id;
	const today = localDateOf(timezone, Date.now());
	const asked = parseLocalDate(q.get('week') ?? '') ?? today;
	const monday = addDays(asked, 1 - isoWeekday(asked));
	const from = Math.max(Date.now(), zonedToUtc(timezone, monday, 0));
	const to = zonedToUtc(timezone, addDays(monday, 7), 0);
	const view = await availableSlots(actor, page.providerId, { from: new Date(from).toISOString(), to: new Date(to).toISOString(), type: typeId, tz: timezone });
	const days = Array.from({ length: 7 }, (_, i) => {
		const date = formatLocalDate(addDays(monday, i));
		return { date, slots: view.days.find((d) => d.date === date)?.slots ?? [] };
	});
	const start = q.get('start');
	const chosen = start ? view.slots.find((s) => s.start === start) ?? null : null;
	return {
		page,
		timezone,
		typeId,
		days,
		week: formatLocalDate(monday),
		previousWeek: compareWeek(addDays(monday, -7), today) ? formatLocalDate(addDays(monday, -7)) : null,
		nextWeek: formatLocalDate(addDays(monday, 7)),
		chosen,
		reschedule: q.get('reschedule'),
		timezones: Intl.supportedValuesOf('timeZone')
	};
};

function compareWeek(monday: { year: number; month: number; day: number }, today: { year: number; month: number; day: number }) {
	return formatLocalDate(addDays(monday, 6)) >= formatLocalDate(today);
}

export const actions: Actions = {
	book: async (event) => {
		const form = await event.request.formData();
		const values = formObject(form);
		const actor = actorOf(event);
		let result;
		try {
			const page = await bookingPage(actor, event.params.slug);
			result = values.reschedule
				? await rescheduleBooking(actor, { token: values.reschedule, start: values.start, timezone: values.timezone })
				: await createBooking(actor, { ...values, providerId: page.providerId, typeId: values.typeId, locale: event.locals.locale });
		} catch (e) {
			return failWith(e, event.locals.locale, echo(form, 'name', 'email', 'phone', 'address', 'city', 'message'));
		}
		redirect(303, `/book/${event.params.slug}/confirmation?status=${result.status}&start=${encodeURIComponent(result.start)}&tz=${encodeURIComponent(values.timezone ?? '')}`);
	}
};
