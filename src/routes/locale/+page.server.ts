import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { setLocale } from '#lib/server/auth/accounts.ts';
import { actorOf, failWith, setLocaleCookie } from '#lib/server/http.ts';
import { safeRedirectTarget } from '#lib/server/redirects.ts';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		try {
			const locale = await setLocale(actorOf(event), form.get('locale'));
			setLocaleCookie(event.cookies, locale);
		} catch (error) {
			return failWith(error, event.locals.locale);
		}
		redirect(303, safeRedirectTarget(String(form.get('redirectTo') ?? '/')));
	}
};
