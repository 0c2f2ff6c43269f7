import type { Actions, PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { answerByToken, surveyByToken } from '#lib/server/surveys/index.ts';
import { failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

/** A survey wave behind its personal link: no account needed. */
export const load: PageServerLoad = async (event) => {
	try {
		return { survey: await surveyByToken(event.params.token) };
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		try {
			await answerByToken(event.params.token, formObject(form));
			return { answered: true };
		} catch (e) {
			return failWith(e, event.locals.locale, formObject(form));
		}
	}
};
