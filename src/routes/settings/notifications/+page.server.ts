import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { getPreferences, setPreferences } from '#lib/server/notifications/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	return { preferences: await getPreferences(actorOf(event)) };
};

export const actions: Actions = {
	save: async (event) => {
		try {
			await setPreferences(actorOf(event), formObject(await event.request.formData()));
			return { section: 'save', success: translate(event.locals.locale, 'notifications.settings.saved') };
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'save' });
		}
	}
};
