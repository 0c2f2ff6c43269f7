import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { articleForm, saveArticle } from '#lib/server/blog/index.ts';
import { bytesOf } from '#lib/server/uploads/index.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { isAdmin } from '#lib/server/access/index.ts';
import { loadFailure } from '../../c/load-errors.ts';

export const load: PageServerLoad = async (event) => {
	try {
		return { article: await articleForm(actorOf(event), null), admin: isAdmin(actorOf(event)) };
	} catch (e) {
		loadFailure(e, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	save: async (event) => {
		const form = await event.request.formData();
		let saved;
		try {
			saved = await saveArticle(actorOf(event), null, formObject(form), await bytesOf(form.get('cover')));
		} catch (e) {
			return failWith(e, event.locals.locale, echo(form, 'title', 'slug', 'language', 'authorName', 'category', 'publishedAt'));
		}
		redirect(303, `/blog/${saved.slug}`);
	}
};
