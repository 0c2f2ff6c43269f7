import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { duesPage, payDues } from '#lib/server/membership/index.ts';
import { uploadCertificate } from '#lib/server/membership/certificates.ts';
import { bytesOf } from '#lib/server/uploads/index.ts';
import { translate } from '#lib/i18n/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { loadFailure } from '../evenements/load-errors.ts';

/** "Cotiser": the member's dues, the plans for their roles, online payment when Stripe is configured. */
export const load: PageServerLoad = async (event) => {
	try {
		return { ...(await duesPage(actorOf(event))), returned: event.url.searchParams.get('paiement'), timezone: event.locals.member?.timezone ?? 'Europe/Paris' };
	} catch (error) {
		loadFailure(error, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	certificate: async (event) => {
		const form = await event.request.formData();
		try {
			await uploadCertificate(actorOf(event), await bytesOf(form.get('certificate')));
		} catch (error) {
			return failWith(error, event.locals.locale);
		}
		return { success: translate(event.locals.locale, 'membership.certificate.sent') };
	},
	pay: async (event) => {
		const values = formObject(await event.request.formData());
		let url: string;
		try {
			url = (await payDues(actorOf(event), values.planId ?? '')).checkoutUrl;
		} catch (error) {
			return failWith(error, event.locals.locale);
		}
		redirect(303, url);
	}
};
