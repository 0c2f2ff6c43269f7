import type { Actions } from './$types';
import { requestPasswordReset } from '#lib/server/auth/accounts.ts';
import { echo, failWith, formObject, requestMeta } from '#lib/server/http.ts';

export const actions: Actions = {
	default: async (event) => {
		const { locals } = event;
		const form = await event.request.formData();
		try {
			await requestPasswordReset(formObject(form), { ip: requestMeta(event).ip, memberId: locals.member?.id });
			return { sent: true };
		} catch (error) {
			return failWith(error, locals.locale, echo(form, 'email'));
		}
	}
};
