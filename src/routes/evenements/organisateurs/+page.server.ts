import type { Actions, PageServerLoad } from './$types';
import { listOrganisers, setOrganiser } from '#lib/server/gatherings/manage.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { loadFailure } from '../load-errors.ts';

export const load: PageServerLoad = async (event) => {
	try {
		return { organisers: await listOrganisers(actorOf(event)) };
	} catch (error) {
		loadFailure(error, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const values = formObject(await event.request.formData());
		try {
			await setOrganiser(actorOf(event), { email: values.email, organiser: values.organiser !== 'off' });
		} catch (error) {
			return failWith(error, event.locals.locale, { email: values.email ?? '' });
		}
		return { success: translate(event.locals.locale, 'gatherings.organisers.saved') };
	}
};
