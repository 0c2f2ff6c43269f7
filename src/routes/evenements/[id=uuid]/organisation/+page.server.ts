import type { Actions, PageServerLoad } from './$types';
import { organiserPage } from '#lib/server/gatherings/pages.ts';
import { cancelGathering } from '#lib/server/gatherings/manage.ts';
import { markPaidOnSite } from '#lib/server/gatherings/registration.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { loadFailure } from '../../load-errors.ts';

export const load: PageServerLoad = async (event) => {
	try {
		return { ...(await organiserPage(actorOf(event), event.params.id)), created: event.url.searchParams.has('created') };
	} catch (error) {
		loadFailure(error, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	paid: async (event) => {
		const values = formObject(await event.request.formData());
		try {
			await markPaidOnSite(actorOf(event), event.params.id, values.registrationId ?? '');
		} catch (error) {
			return failWith(error, event.locals.locale);
		}
		return { success: translate(event.locals.locale, 'gatherings.org.marked_paid') };
	},
	cancel: async (event) => {
		try {
			await cancelGathering(actorOf(event), event.params.id);
		} catch (error) {
			return failWith(error, event.locals.locale);
		}
		return { success: translate(event.locals.locale, 'gatherings.org.cancelled') };
	}
};
