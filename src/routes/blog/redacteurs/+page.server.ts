import type { Actions, PageServerLoad } from './$types';
import { listEditors, setEditor } from '#lib/server/blog/index.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { loadFailure } from '../../c/load-errors.ts';

/** Administrators give or take back the editor role. */
export const load: PageServerLoad = async (event) => {
	try {
		return { editors: await listEditors(actorOf(event)) };
	} catch (e) {
		loadFailure(e, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		try {
			const { editor } = await setEditor(actorOf(event), formObject(form));
			return { section: 'editors', success: translate(event.locals.locale, editor ? 'blog.editors.granted' : 'blog.editors.revoked') };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'editors', ...echo(form, 'email') });
		}
	}
};
