import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { createGroup, deleteGroup, listGroups } from '#lib/server/relations/index.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	return { groups: await listGroups(actorOf(event)) };
};

export const actions: Actions = {
	create: async (event) => {
		const form = await event.request.formData();
		let created: { id: string };
		try {
			created = await createGroup(actorOf(event), formObject(form));
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'create', ...echo(form, 'name') });
		}
		redirect(303, `/contacts/groups/${created.id}`);
	},
	delete: async (event) => {
		const form = await event.request.formData();
		try {
			await deleteGroup(actorOf(event), formObject(form));
			return { section: 'list', success: translate(event.locals.locale, 'relations.groups.deleted') };
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'list' });
		}
	}
};
