import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { CONTRACT_TYPES, SECTORS, postOffer, postingForm } from '#lib/server/careers/index.ts';
import { actorOf, failWith } from '#lib/server/http.ts';
import { offerFormInput, pageError } from '../form.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	try {
		return { form: await postingForm(actorOf(event)), contractTypes: CONTRACT_TYPES, sectors: SECTORS };
	} catch (e) {
		pageError(e, event.locals.locale);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const input = offerFormInput(await event.request.formData());
		let posted: { id: string; state: string };
		try {
			posted = await postOffer(actorOf(event), input);
		} catch (e) {
			return failWith(e, event.locals.locale, input as Record<string, string>);
		}
		redirect(303, `/emplois/${posted.id}?posted=${posted.state}`);
	}
};
