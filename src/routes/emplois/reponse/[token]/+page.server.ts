import type { Actions, PageServerLoad } from './$types';
import { outcomeAnswer, recordOutcome } from '#lib/server/careers/index.ts';
import { failWith } from '#lib/server/http.ts';
import { pageError } from '../../form.ts';

// The D+30 / D+60 answer links: no login (the signed link is the proof). GET shows, POST records —
// so a mail scanner opening every link changes nothing.
export const load: PageServerLoad = async (event) => {
	try {
		return { answer: await outcomeAnswer(event.params.token) };
	} catch (e) {
		pageError(e, event.locals.locale);
	}
};

export const actions: Actions = {
	default: async (event) => {
		try {
			await recordOutcome(event.params.token);
		} catch (e) {
			return failWith(e, event.locals.locale);
		}
		return { recorded: true };
	}
};
