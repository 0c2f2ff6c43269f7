import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { applyToOffer, deleteOffer, offerPage, withdrawOffer } from '#lib/server/careers/index.ts';
import { actorOf, echo, failWith } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { pageError } from '../form.ts';

export const load: PageServerLoad = async (event) => {
	try {
		return { page: await offerPage(actorOf(event), event.params.id), posted: event.url.searchParams.get('posted') };
	} catch (e) {
		pageError(e, event.locals.locale);
	}
};

export const actions: Actions = {
	apply: async (event) => {
		const form = await event.request.formData();
		try {
			await applyToOffer(actorOf(event), { offerId: event.params.id, message: form.get('message'), cv: form.get('cv') });
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'apply', ...echo(form, 'message') });
		}
		return { section: 'apply', success: translate(event.locals.locale, 'careers.apply.sent') };
	},
	withdraw: async (event) => {
		try {
			await withdrawOffer(actorOf(event), { offerId: event.params.id });
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'manage' });
		}
		return { section: 'manage', success: translate(event.locals.locale, 'careers.withdrawn') };
	},
	delete: async (event) => {
		try {
			await deleteOffer(actorOf(event), { offerId: event.params.id });
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'manage' });
		}
		redirect(303, '/emplois/mes-offres?deleted=1');
	}
};
