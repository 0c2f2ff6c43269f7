import type { Actions, PageServerLoad } from './$types';
import { checkResetLink, resetPassword } from '#lib/server/auth/accounts.ts';
import { DomainError } from '#lib/server/errors.ts';
import { failWith } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

// a dead link (expired, used, replaced, invalid) says so at once instead of showing the form
export const load: PageServerLoad = async ({ url, locals }) => {
	const token = (url.searchParams.get('token') ?? '').slice(0, 100);
	try {
		await checkResetLink(token);
		return { token, linkProblem: null };
	} catch (error) {
		if (!(error instanceof DomainError)) throw error;
		return { token, linkProblem: translate(locals.locale, error.key) };
	}
};

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
