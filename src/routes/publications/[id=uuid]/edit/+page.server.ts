import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { editForm, updatePublication } from '#lib/server/publications/index.ts';
import { actorOf, failWith } from '#lib/server/http.ts';
import { loadFailure } from '../../../c/load-errors.ts';
import { publicationForm } from '../../form-input.ts';

export const load: PageServerLoad = async (event) => {
	try {
		return { edit: await editForm(actorOf(event), event.params.id) };
	} catch (failure) {
		loadFailure(failure, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const { raw, photos, values } = await publicationForm(await event.request.formData());
		try {
			await updatePublication(actorOf(event), event.params.id, raw, photos);
		} catch (error) {
			return failWith(error, event.locals.locale, values);
		}
		redirect(303, `/publications/${event.params.id}`);
	}
};
