import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { openDirect } from '#lib/server/chat/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.member) redirect(303, '/login?redirectTo=/messages');
	return {};
};

/** POST memberId: opens (or finds) the 1:1 conversation and goes there (MessageButton). */
export const actions: Actions = {
	default: async (event) => {
		if (!event.locals.member) redirect(303, '/login');
		const form = await event.request.formData();
		let conversationId: string;
		try {
			({ conversationId } = await openDirect(actorOf(event), formObject(form)));
		} catch (e) {
			return failWith(e, event.locals.locale);
		}
		redirect(303, `/messages/${conversationId}`);
	}
};
