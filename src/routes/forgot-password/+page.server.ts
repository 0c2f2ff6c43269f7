import type { Actions } from './$types';
import { requestPasswordReset } from '#lib/server/auth/accounts.ts';
import { echo, failWith, formObject } from '#lib/server/http.ts';

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			await requestPasswordReset(formObject(form));
			return { sent: true };
		} catch (error) {
			return failWith(error, locals.locale, echo(form, 'email'));
		}
	}
};
