import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { signUp } from '#lib/server/auth/accounts.ts';
import { signUpFormOptions } from '#lib/server/auth/registration.ts';
import { echo, failWith, formObject, requestMeta } from '#lib/server/http.ts';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.member) redirect(303, '/');
	// registration moderation (admin setting): the form then asks for role, promotion and programme
	return { registration: await signUpFormOptions() };
};

export const actions: Actions = {
	default: async (event) => {
		const { locals } = event;
		const form = await event.request.formData();
		try {
			const { email, awaitingApproval } = await signUp(formObject(form), locals.locale, { ip: requestMeta(event).ip, memberId: locals.member?.id });
			return { signedUp: true, email, awaitingApproval: awaitingApproval ?? false };
		} catch (error) {
			return failWith(error, locals.locale, echo(form, 'firstName', 'lastName', 'email', 'category', 'role', 'promotion', 'programme'));
		}
	}
};
