import type { Actions, PageServerLoad } from './$types';
import { mentorBySlug, requestMentor } from '#lib/server/mentoring/index.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { loadFailure } from '../../c/load-errors.ts';

/** A mentor's card and the "Solliciter comme mentor" form. */
export const load: PageServerLoad = async (event) => {
	try {
		return { mentor: await mentorBySlug(actorOf(event), event.params.slug) };
	} catch (e) {
		loadFailure(e, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	ask: async (event) => {
		const form = await event.request.formData();
		try {
			const mentor = await mentorBySlug(actorOf(event), event.params.slug);
			await requestMentor(actorOf(event), { mentorId: mentor.memberId, message: form.get('message') });
			return { section: 'ask', success: translate(event.locals.locale, 'mentoring.ask.sent', { name: mentor.name }) };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'ask', ...echo(form, 'message') });
		}
	}
};
