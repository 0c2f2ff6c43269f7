import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { recentImports, uploadImport } from '#lib/server/admin/index.ts';
import { invalid } from '#lib/server/errors.ts';
import { actorOf, failWith } from '#lib/server/http.ts';
import { adminLoad } from '../guard.ts';

export const load: PageServerLoad = (event) => adminLoad(event, async () => ({ imports: await recentImports(actorOf(event)) }));

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const file = form.get('file');
		let importId: string;
		try {
			if (!(file instanceof File) || file.size === 0) throw invalid('admin.import.error.no_file', { file: 'admin.import.error.no_file' });
			({ importId } = await uploadImport(actorOf(event), { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }));
		} catch (e) {
			return failWith(e, event.locals.locale);
		}
		redirect(303, `/admin/import/${importId}`);
	}
};
