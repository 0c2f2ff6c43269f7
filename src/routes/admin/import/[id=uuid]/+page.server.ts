import type { Actions, PageServerLoad } from './$types';
import { importView, setImportMapping, startImport } from '#lib/server/admin/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { adminLoad } from '../../guard.ts';

export const load: PageServerLoad = (event) =>
	adminLoad(event, async () => ({
		import: await importView(actorOf(event), event.params.id, { action: event.url.searchParams.get('show') ?? undefined, page: Number(event.url.searchParams.get('page') ?? 1) || 1 })
	}));

export const actions: Actions = {
	mapping: async (event) => {
		try {
			await setImportMapping(actorOf(event), event.params.id, formObject(await event.request.formData()));
			return { section: 'mapping', success: '' };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'mapping' });
		}
	},
	start: async (event) => {
		const form = await event.request.formData();
		try {
			await startImport(actorOf(event), event.params.id, { sendInvitations: form.get('sendInvitations') === 'on' });
			return { section: 'start', success: '' };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'start' });
		}
	}
};
