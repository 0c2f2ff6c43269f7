import type { Actions, PageServerLoad } from './$types';
import { deleteMembers, duplicateGroups } from '#lib/server/admin/index.ts';
import { actorOf, failWith } from '#lib/server/http.ts';
import { adminLoad } from '../../guard.ts';

export const load: PageServerLoad = (event) => adminLoad(event, async () => ({ groups: await duplicateGroups(actorOf(event)) }));

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		try {
			const count = await deleteMembers(actorOf(event), [String(form.get('id') ?? '')].filter((id) => /^[0-9a-f-]{36}$/i.test(id)));
			return { deleted: count };
		} catch (e) {
			return failWith(e, event.locals.locale);
		}
	}
};
