import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { signUp } from '#lib/server/auth/accounts.ts';
import { echo, failWith, formObject, requestMeta } from '#lib/server/http.ts';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.member) redirect(303, '/');
};

export const actions: Actions = {
	default: async (event) => {
		const { locals } = event;
		const form = await event.request.formData();
		try {
			const { email } = await signUp(formObject(form), locals.locale, { ip: requestMeta(event).ip, memberId: locals.member?.id });
			return { signedUp: true, email };
		} catch (error) {
			return failWith(error, locals.locale, echo(form, 'firstName', 'lastName', 'email', 'category'));
		}
	}
};
