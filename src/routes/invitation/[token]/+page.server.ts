import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { acceptInvitation, invitationPage, joinThroughInvitation } from '#lib/server/admin/index.ts';
import { DomainError } from '#lib/server/errors.ts';
import { echo, failWith, formObject, requestMeta, setSessionCookie } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

/**
 * The link of an invitation mail: an administrator's invitation asks for a password and logs the
 * new member in; a member's invitation shows the inviter's message and the sign-up form.
 */
export const load: PageServerLoad = async (event) => {
	try {
		return { invitation: await invitationPage(event.params.token), problem: null };
	} catch (error) {
		if (!(error instanceof DomainError)) throw error;
		return { invitation: null, problem: translate(event.locals.locale, error.key) };
	}
};

export const actions: Actions = {
	accept: async (event) => {
		const form = await event.request.formData();
		try {
			const { session } = await acceptInvitation(event.params.token, formObject(form), requestMeta(event));
			setSessionCookie(event.cookies, session);
		} catch (error) {
			return failWith(error, event.locals.locale);
		}
		redirect(303, '/profile');
	},
	join: async (event) => {
		const form = await event.request.formData();
		try {
			const { email } = await joinThroughInvitation(event.params.token, formObject(form), event.locals.locale, { ip: requestMeta(event).ip, memberId: event.locals.member?.id });
			return { joined: true, email };
		} catch (error) {
			return failWith(error, event.locals.locale, echo(form, 'firstName', 'lastName', 'email', 'category'));
		}
	}
};
