import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { CONTRACT_TYPES, SECTORS, alertSettings, saveAlertSettings } from '#lib/server/careers/index.ts';
import { actorOf, failWith } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { pageError } from '../form.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	try {
		return { alert: await alertSettings(actorOf(event)), contractTypes: CONTRACT_TYPES, sectors: SECTORS };
	} catch (e) {
		pageError(e, event.locals.locale);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		try {
			await saveAlertSettings(actorOf(event), { weekly: form.get('weekly'), contractTypes: form.getAll('contractTypes'), sectors: form.getAll('sectors') });
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'alert' });
		}
		return { section: 'alert', success: translate(event.locals.locale, 'careers.alert.saved') };
	}
};
