import type { Actions, PageServerLoad } from './$types';
import { pendingCertificates, reviewCertificate } from '#lib/server/membership/certificates.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { loadFailure } from '../../evenements/load-errors.ts';

/** Moderators check students' enrolment certificates. */
export const load: PageServerLoad = async (event) => {
	try {
		return { certificates: await pendingCertificates(actorOf(event)) };
	} catch (error) {
		loadFailure(error, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const values = formObject(await event.request.formData());
		try {
			await reviewCertificate(actorOf(event), values.id ?? '', values);
		} catch (error) {
			return failWith(error, event.locals.locale);
		}
		return { success: translate(event.locals.locale, 'membership.certificates.done') };
	}
};
