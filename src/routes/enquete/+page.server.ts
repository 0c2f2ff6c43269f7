import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { answerEntrySurvey, entrySurveyPage } from '#lib/server/surveys/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { safeRedirectTarget } from '#lib/server/redirects.ts';

/** The entry questionnaire, shown to an alumnus at first login (login redirects here while it is unanswered). */
export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	const next = safeRedirectTarget(event.url.searchParams.get('next'));
	const page = await entrySurveyPage(actorOf(event));
	if (!page.due) redirect(303, next);
	return { survey: page, next };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const next = safeRedirectTarget(String(form.get('next') ?? '/'));
		try {
			await answerEntrySurvey(actorOf(event), formObject(form));
		} catch (error) {
			return failWith(error, event.locals.locale, formObject(form));
		}
		redirect(303, next);
	}
};
