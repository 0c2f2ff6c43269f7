import type { Actions, PageServerLoad } from './$types';
import { answerRequest, endMentorship, myMentorships } from '#lib/server/mentoring/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { loadFailure } from '../../c/load-errors.ts';

/** "Mes parrainages": requests and mentorships as mentor and as mentee. */
export const load: PageServerLoad = async (event) => {
	try {
		return { list: await myMentorships(actorOf(event)) };
	} catch (e) {
		loadFailure(e, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	answer: async (event) => {
		const form = formObject(await event.request.formData());
		try {
			const { status } = await answerRequest(actorOf(event), form);
			return { section: form.id, success: translate(event.locals.locale, status === 'accepted' ? 'mentoring.list.accepted' : 'mentoring.list.declined') };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: form.id ?? '' });
		}
	},
	end: async (event) => {
		const form = formObject(await event.request.formData());
		try {
			const { status } = await endMentorship(actorOf(event), form);
			return { section: form.id, success: translate(event.locals.locale, status === 'withdrawn' ? 'mentoring.list.withdrawn' : 'mentoring.list.ended') };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: form.id ?? '' });
		}
	}
};

