import type { Actions, PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { certifyCohort, cohortOverview, remindNonRespondents, surveyResults } from '#lib/server/surveys/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	try {
		const actor = actorOf(event);
		return { results: await surveyResults(actor, Object.fromEntries(event.url.searchParams)), cohorts: await cohortOverview(actor) };
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
};

export const actions: Actions = {
	remind: async (event) => {
		const form = await event.request.formData();
		try {
			const { reminded } = await remindNonRespondents(actorOf(event), formObject(form));
			return { section: 'remind', success: translate(event.locals.locale, 'survey.admin.reminded', { count: reminded }) };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'remind' });
		}
	},
	certify: async (event) => {
		const form = await event.request.formData();
		try {
			const { graduates } = await certifyCohort(actorOf(event), formObject(form));
			return { section: 'certify', success: translate(event.locals.locale, 'survey.admin.certified', { count: graduates }) };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'certify', ...formObject(form) });
		}
	}
};
