import type { PageServerLoad } from './$types';
import { mentorSettings, searchMentors } from '#lib/server/mentoring/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { loadFailure } from '../c/load-errors.ts';

/** The mentoring tab: mentor search with filters; non-mentors see the invitation banner. */
export const load: PageServerLoad = async (event) => {
	const actor = actorOf(event);
	try {
		const [search, settings] = await Promise.all([searchMentors(actor, Object.fromEntries(event.url.searchParams)), mentorSettings(actor)]);
		return { search, isMentor: settings.active };
	} catch (e) {
		loadFailure(e, event.locals.locale, event.url);
	}
};
