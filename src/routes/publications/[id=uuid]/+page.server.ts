import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { redirect } from '@sveltejs/kit';
import { closePublication, deletePublication, hidePublication, publicationPage, reportPublication } from '#lib/server/publications/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate, type MessageKey } from '#lib/i18n/index.ts';
import { loadFailure } from '../../c/load-errors.ts';

export const load: PageServerLoad = async (event) => {
	try {
		return { ...(await publicationPage(actorOf(event), event.params.id)), published: event.url.searchParams.has('published'), loginHref: `/login?redirectTo=${encodeURIComponent(event.url.pathname)}` };
	} catch (failure) {
		loadFailure(failure, event.locals.locale, event.url);
	}
};

/** One action, one domain call; the answer is a localized line for the page's status region. */
async function act(event: RequestEvent, done: MessageKey, run: (form: Record<string, string>) => Promise<unknown>) {
	const form = formObject(await event.request.formData());
	try {
		await run(form);
		return { section: 'actions', success: translate(event.locals.locale, done) };
	} catch (error) {
		return failWith(error, event.locals.locale, { section: 'actions' });
	}
}

export const actions: Actions = {
	close: (event) => act(event, 'publications.done.closed', () => closePublication(actorOf(event), event.params.id, true)),
	reopen: (event) => act(event, 'publications.done.reopened', () => closePublication(actorOf(event), event.params.id, false)),
	hide: (event) => act(event, 'publications.done.hidden', () => hidePublication(actorOf(event), event.params.id, true)),
	show: (event) => act(event, 'publications.done.shown', () => hidePublication(actorOf(event), event.params.id, false)),
	report: (event) => act(event, 'publications.done.reported', (form) => reportPublication(actorOf(event), event.params.id, form)),
	delete: async (event) => {
		try {
			await deletePublication(actorOf(event), event.params.id);
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'actions' });
		}
		redirect(303, '/publications/mine?deleted=1');
	}
};
