import type { Actions, PageServerLoad } from './$types';
import { organiserPage } from '#lib/server/gatherings/pages.ts';
import { checkIn } from '#lib/server/gatherings/registration.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { loadFailure } from '../../load-errors.ts';

export const load: PageServerLoad = async (event) => {
	try {
		const page = await organiserPage(actorOf(event), event.params.id);
		return { gathering: { id: page.gathering.id, title: page.gathering.title }, counters: page.counters };
	} catch (error) {
		loadFailure(error, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const values = formObject(await event.request.formData());
		try {
			return { check: await checkIn(actorOf(event), event.params.id, values.code ?? '') };
		} catch (error) {
			return failWith(error, event.locals.locale);
		}
	}
};
