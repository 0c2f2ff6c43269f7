import type { Actions, PageServerLoad } from './$types';
import { memberList, runBulkAction, saveListColumns } from '#lib/server/admin/index.ts';
import { actorOf, failWith } from '#lib/server/http.ts';
import { adminLoad, formValues } from '../guard.ts';

export const load: PageServerLoad = (event) => adminLoad(event, () => memberList(actorOf(event), event.url.searchParams));

export const actions: Actions = {
	bulk: async (event) => {
		const values = formValues(await event.request.formData());
		try {
			const result = await runBulkAction(actorOf(event), { ...values, ids: values.id ?? [] });
			return { section: 'bulk', result };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'bulk' });
		}
	},
	columns: async (event) => {
		const values = formValues(await event.request.formData());
		try {
			return { section: 'columns', columns: await saveListColumns(actorOf(event), values.column ?? []) };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'columns' });
		}
	}
};
