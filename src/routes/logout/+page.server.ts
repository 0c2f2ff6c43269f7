import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { closeSession } from '#lib/server/auth/sessions.ts';
import { clearSessionCookie } from '#lib/server/http.ts';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		await closeSession(locals.sessionSecret);
		clearSessionCookie(cookies);
		redirect(303, '/');
	}
};
