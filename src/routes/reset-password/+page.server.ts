import type { Actions, PageServerLoad } from './$types';
import { resetPassword } from '#lib/server/auth/accounts.ts';
import { failWith } from '#lib/server/http.ts';

export const load: PageServerLoad = ({ url }) => ({ token: (url.searchParams.get('token') ?? '').slice(0, 100) });

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			await resetPassword({ token: form.get('token'), password: form.get('password') });
			return { done: true };
		} catch (error) {
			return failWith(error, locals.locale);
		}
	}
};
