import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { cancelJoinRequest, companyPage, followCompany, leaveCompany, requestToJoin, unfollowCompany } from '#lib/server/companies/index.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { translate, type MessageKey } from '#lib/i18n/index.ts';
import { loadFailure } from '../load-errors.ts';

export const load: PageServerLoad = async (event) => {
	try {
		return { ...(await companyPage(actorOf(event), event.params.slug)), created: event.url.searchParams.has('created') };
	} catch (failure) {
		loadFailure(failure, event.locals.locale, event.url);
	}
};

/** One action, one domain call; the answer is a localized line for the page's status region. */
async function act(event: RequestEvent, done: MessageKey, run: (form: FormData) => Promise<unknown>) {
	const form = await event.request.formData();
	try {
		await run(form);
		return { section: 'actions', success: translate(event.locals.locale, done) };
	} catch (error) {
		return failWith(error, event.locals.locale, { section: 'actions', ...echo(form, 'jobTitle') });
	}
}

export const actions: Actions = {
	follow: (event) => act(event, 'companies.page.followed', () => followCompany(actorOf(event), event.params.slug)),
	unfollow: (event) => act(event, 'companies.page.unfollowed', () => unfollowCompany(actorOf(event), event.params.slug)),
	join: (event) => act(event, 'companies.page.join_sent', (form) => requestToJoin(actorOf(event), event.params.slug, formObject(form))),
	cancel: (event) => act(event, 'companies.page.request_cancelled', () => cancelJoinRequest(actorOf(event), event.params.slug)),
	leave: (event) => act(event, 'companies.page.left', () => leaveCompany(actorOf(event), event.params.slug))
};
