import type { Actions, PageServerLoad } from './$types';
import { moderateRecord, moderationQueue } from '#lib/server/referencing/index.ts';
import { actorOf, formObject } from '#lib/server/http.ts';
import { act, loadFailure } from '../transport.ts';

export const load: PageServerLoad = async (event) => {
	try {
		return { queue: await moderationQueue(actorOf(event)) };
	} catch (failure) {
		loadFailure(failure, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	default: (event) => act(event, 'referencing.moderation.done', (form) => moderateRecord(actorOf(event), String(form.get('recordId') ?? ''), formObject(form)), 'reason')
};
