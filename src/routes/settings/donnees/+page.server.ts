import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { deleteMyAccount, privacyPage } from '#lib/server/privacy/index.ts';
import { actorOf, clearSessionCookie, failWith, formObject } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	return { privacy: await privacyPage(actorOf(event)) };
};

export const actions: Actions = {
	delete: async (event) => {
		const form = await event.request.formData();
		try {
			await deleteMyAccount(actorOf(event), formObject(form));
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'delete' });
		}
		clearSessionCookie(event.cookies);
		redirect(303, '/au-revoir');
	}
};
