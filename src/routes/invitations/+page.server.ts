import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { inviteContacts, myInvitations, remindInvitation } from '#lib/server/admin/index.ts';
import { actorOf, echo, failWith, formObject, requestMeta } from '#lib/server/http.ts';

/** "Invitez vos clients, prospects et sympathisants" (PROETHEEC point 6): the form and the list of invitations sent. */
export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	return { invitations: await myInvitations(actorOf(event)) };
};

export const actions: Actions = {
	invite: async (event) => {
		const form = await event.request.formData();
		try {
			const result = await inviteContacts(actorOf(event), formObject(form), { ip: requestMeta(event).ip });
			return { section: 'invite', ...result };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'invite', ...echo(form, 'emails', 'message', 'relation') });
		}
	},
	remind: async (event) => {
		const form = await event.request.formData();
		try {
			await remindInvitation(actorOf(event), form.get('invitationId'), { ip: requestMeta(event).ip });
			return { section: 'remind', reminded: true };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'remind' });
		}
	}
};
