import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { agendaSettings, removeAppointmentType, removeDateOverride, saveAppointmentType, saveDateOverride, saveSchedule } from '#lib/server/booking/settings.ts';
import { addIcalFeed, googleCalendarChoices, removeCalendarConnection, updateCalendarConnection, type GoogleCalendarChoices } from '#lib/server/calendar/connections.ts';
import { googleCalendarEnabled } from '#lib/server/calendar/google.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { DomainError } from '#lib/server/errors.ts';
import { translate } from '#lib/i18n/index.ts';

/** Provider settings: hours, appointment types, special dates, connected calendars. */
export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	const actor = actorOf(event);
	const settings = await agendaSettings(actor);
	// each Google connection's calendars, to choose which count as busy and which receives bookings
	const calendarChoices: Record<string, GoogleCalendarChoices | { error: string }> = {};
	await Promise.all(
		settings.connections
			.filter((c) => c.kind === 'google' && c.status !== 'reconnect_required')
			.map(async (c) => {
				try {
					calendarChoices[c.id] = await googleCalendarChoices(actor, c.id);
				} catch (error) {
					if (!(error instanceof DomainError)) throw error;
					calendarChoices[c.id] = { error: translate(event.locals.locale, error.key) };
				}
			})
	);
	return { settings, calendarChoices, googleEnabled: googleCalendarEnabled(), timezones: Intl.supportedValuesOf('timeZone') };
};

const section = (name: string, run: (event: Parameters<Actions[string]>[0], values: Record<string, string>) => Promise<unknown>) =>
	(async (event) => {
		const values = formObject(await event.request.formData());
		try {
			await run(event, values);
			return { section: name, success: translate(event.locals.locale, 'booking.settings.saved') };
		} catch (error) {
			// what was typed comes back with the error (hours), so nothing has to be retyped
			const typed = Object.fromEntries(Object.entries(values).filter(([k]) => /^(day[1-7]|ranges|date)$/.test(k)).map(([k, v]) => [k, v.slice(0, 500)]));
			return failWith(error, event.locals.locale, { ...typed, section: name });
		}
	}) satisfies Actions[string];

export const actions: Actions = {
	hours: section('hours', (event, v) =>
		saveSchedule(actorOf(event), {
			timezone: v.timezone,
			enabled: v.enabled === 'on',
			locale: event.locals.locale,
			days: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((weekday) => [String(weekday), v[`day${weekday}`] ?? '']))
		})
	),
	type: section('type', (event, v) =>
		saveAppointmentType(actorOf(event), {
			...v,
			priceCents: v.price ? Math.round(Number(v.price.replace(',', '.')) * 100) : '',
			requiresConfirmation: v.requiresConfirmation === 'on'
		})
	),
	removeType: section('type', (event, v) => removeAppointmentType(actorOf(event), v.id ?? '')),
	override: section('override', (event, v) => saveDateOverride(actorOf(event), { date: v.date, ranges: v.dayOff === 'on' ? [] : (v.ranges ?? '') })),
	removeOverride: section('override', (event, v) => removeDateOverride(actorOf(event), v.date ?? '')),
	ical: section('calendars', async (event, v) => {
		const settings = await agendaSettings(actorOf(event));
		await addIcalFeed(actorOf(event), { url: v.url ?? '', label: v.label, transparentIsBusy: v.transparentIsBusy === 'on' }, settings.timezone);
	}),
	removeCalendar: section('calendars', (event, v) => removeCalendarConnection(actorOf(event), v.id ?? '')),
	/** one form per Google connection: checkboxes `busy` (several values) and the radio `booking` ('' = none) */
	googleCalendars: async (event) => {
		const form = await event.request.formData();
		const strings = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');
		const id = String(form.get('id') ?? '');
		try {
			await updateCalendarConnection(actorOf(event), id, {
				busyCalendarIds: strings('busy'),
				bookingCalendarId: String(form.get('booking') ?? '') || null
			});
			return { section: 'calendars', success: translate(event.locals.locale, 'booking.settings.saved') };
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'calendars', connection: id.slice(0, 40) });
		}
	}
};
