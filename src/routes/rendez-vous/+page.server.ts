import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { cancelBooking, confirmBooking, declineBooking } from '#lib/server/booking/manage.ts';
import { dashboardPage } from '#lib/server/booking/page.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

/** "Mon tableau de bord": upcoming, cancelled and past appointments, as provider or as booker. */
export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	return { ...(await dashboardPage(actorOf(event))), timezone: event.locals.member.timezone };
};

const act = (run: (actor: ReturnType<typeof actorOf>, values: Record<string, string>) => Promise<unknown>) =>
	(async (event) => {
		const values = formObject(await event.request.formData());
		try {
			await run(actorOf(event), values);
			return { success: translate(event.locals.locale, 'booking.settings.saved') };
		} catch (error) {
			return failWith(error, event.locals.locale);
		}
	}) satisfies Actions[string];

export const actions: Actions = {
	confirm: act((actor, v) => confirmBooking(actor, v.id ?? '')),
	decline: act((actor, v) => declineBooking(actor, v.id ?? '', v.reason)),
	cancel: act((actor, v) => cancelBooking(actor, { bookingId: v.id, reason: v.reason }))
};
