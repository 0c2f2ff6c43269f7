import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { CONTRACT_TYPES, SECTORS, editOffer, offerForEdit, postingForm } from '#lib/server/careers/index.ts';
import { actorOf, failWith } from '#lib/server/http.ts';
import { offerFormInput, pageError } from '../../form.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	try {
		const actor = actorOf(event);
		return { offer: await offerForEdit(actor, event.params.id), form: await postingForm(actor), contractTypes: CONTRACT_TYPES, sectors: SECTORS };
	} catch (e) {
		pageError(e, event.locals.locale);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const input = { ...offerFormInput(await event.request.formData()), offerId: event.params.id };
		let state: string;
		try {
			({ state } = await editOffer(actorOf(event), input));
		} catch (e) {
			return failWith(e, event.locals.locale, input as Record<string, string>);
		}
		redirect(303, `/emplois/${event.params.id}?posted=${state === 'pending' ? 'pending' : 'saved'}`);
	}
};
