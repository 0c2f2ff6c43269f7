import type { PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { mentorshipConversation } from '#lib/server/mentoring/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { loadFailure } from '../../../../c/load-errors.ts';

/** The acceptance mail's button: the mentorship's 1:1 conversation (opened if it could not be at acceptance). */
export const load: PageServerLoad = async (event) => {
	let conversationId: string;
	try {
		conversationId = await mentorshipConversation(actorOf(event), event.params.id);
	} catch (e) {
		loadFailure(e, event.locals.locale, event.url);
	}
	redirect(303, `/messages/${conversationId}`);
};
