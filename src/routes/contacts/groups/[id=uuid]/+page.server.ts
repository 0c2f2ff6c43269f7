import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { addToGroup, deleteGroup, groupDetail, removeFromGroup, renameGroup } from '#lib/server/relations/index.ts';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { translate, type MessageKey } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	try {
		return { group: await groupDetail(actorOf(event), { groupId: event.params.id }) };
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
};

/** The group comes from the address, never from the form: one page, one group. */
async function act(event: RequestEvent, section: string, run: (input: Record<string, string>) => Promise<unknown>, done: MessageKey, keep: string[] = []) {
	const form = await event.request.formData();
	try {
		await run({ ...formObject(form), groupId: event.params.id });
		return { section, success: translate(event.locals.locale, done) };
	} catch (e) {
		return failWith(e, event.locals.locale, { section, ...echo(form, ...keep) });
	}
}

export const actions: Actions = {
	rename: (event) => act(event, 'rename', (input) => renameGroup(actorOf(event), input), 'relations.groups.renamed', ['name']),
	add: (event) => act(event, 'members', (input) => addToGroup(actorOf(event), input), 'relations.groups.added'),
	remove: (event) => act(event, 'members', (input) => removeFromGroup(actorOf(event), input), 'relations.groups.removed'),
	delete: async (event) => {
		try {
			await deleteGroup(actorOf(event), { groupId: event.params.id });
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'rename' });
		}
		redirect(303, '/contacts/groups');
	}
};
