import type { Actions, PageServerLoad } from './$types';
import { mentorSettings, saveMentorSettings } from '#lib/server/mentoring/index.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { loadFailure } from '../../c/load-errors.ts';

/** Settings → Mentorat: "Je souhaite activer le mentorat sur mon compte", topics, how many mentees. */
export const load: PageServerLoad = async (event) => {
	try {
		return { settings: await mentorSettings(actorOf(event)) };
	} catch (e) {
		loadFailure(e, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	save: async (event) => {
		const form = await event.request.formData();
		try {
			await saveMentorSettings(actorOf(event), formObject(form));
			return { section: 'mentoring', success: translate(event.locals.locale, 'mentoring.settings.saved') };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'mentoring', ...echo(form, 'topics', 'capacity', 'company', 'sector') });
		}
	}
};
