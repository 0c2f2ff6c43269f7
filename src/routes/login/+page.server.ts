import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { logIn } from '#lib/server/auth/accounts.ts';
import { echo, failWith, formObject, requestMeta, setLocaleCookie, setSessionCookie } from '#lib/server/http.ts';
import { safeRedirectTarget } from '#lib/server/redirects.ts';
import { entrySurveyDue } from '#lib/server/surveys/index.ts';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.member) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	return { redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo')), deactivated: url.searchParams.has('deactivated') };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		// checked before anything is written: a bad target falls back to the home page
		let target = safeRedirectTarget(String(form.get('redirectTo') ?? '/'));
		try {
			const result = await logIn(formObject(form), requestMeta(event));
			setSessionCookie(event.cookies, result.session);
			setLocaleCookie(event.cookies, result.locale);
			if (result.reactivated) target = '/settings?reactivated=1';
			// an alumnus' first login: the entry questionnaire (France Compétences) first, then where they were going
			else if (await entrySurveyDue({ memberId: result.memberId })) target = `/enquete?next=${encodeURIComponent(target)}`;
		} catch (error) {
			return failWith(error, event.locals.locale, echo(form, 'email'));
		}
		redirect(303, target);
	}
};
