import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { createGathering } from '#lib/server/gatherings/manage.ts';
import { newGatheringForm } from '#lib/server/gatherings/pages.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { loadFailure } from '../load-errors.ts';

const FIELDS = ['title', 'description', 'organiserName', 'organiserEmail', 'mode', 'place', 'start', 'end', 'timezone', 'price', 'capacity', 'deadline', 'audience', 'promotions'];

export const load: PageServerLoad = async (event) => {
	try {
		return await newGatheringForm(actorOf(event));
	} catch (error) {
		loadFailure(error, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		let id: string;
		try {
			({ id } = await createGathering(actorOf(event), { ...formObject(form), roles: form.getAll('roles'), groupIds: form.getAll('groupIds') }));
		} catch (error) {
			return failWith(error, event.locals.locale, echo(form, ...FIELDS));
		}
		redirect(303, `/evenements/${id}/organisation?created=1`);
	}
};
