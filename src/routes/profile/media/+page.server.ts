import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { addGalleryImage, addPdfDocument, deleteDocument, DOCUMENT_LIMIT, GALLERY_LIMIT, moveDocument, profileForEdit, retitleDocument } from '#lib/server/profiles/index.ts';
import { bytesOf } from '#lib/server/uploads/index.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { translate, type MessageKey } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	const edit = await profileForEdit(actorOf(event));
	return { slug: edit.member.slug, gallery: edit.gallery, documents: edit.documents, limits: { gallery: GALLERY_LIMIT, documents: DOCUMENT_LIMIT } };
};

/** `section` says which list answers: 'gallery' or 'documents'. */
function sectionOf(form: FormData) {
	return form.get('list') === 'documents' ? 'documents' : 'gallery';
}

const ok = (locale: 'fr' | 'en', section: string, key: MessageKey) => ({ section, success: translate(locale, key) });

export const actions: Actions = {
	addImage: async (event) => {
		const form = await event.request.formData();
		try {
			await addGalleryImage(actorOf(event), await bytesOf(form.get('file')), formObject(form));
			return ok(event.locals.locale, 'gallery-new', 'profiles.edit.uploaded');
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'gallery-new', ...echo(form, 'title') });
		}
	},
	addDocument: async (event) => {
		const form = await event.request.formData();
		try {
			await addPdfDocument(actorOf(event), await bytesOf(form.get('file')), formObject(form));
			return ok(event.locals.locale, 'documents-new', 'profiles.edit.uploaded');
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'documents-new', ...echo(form, 'title') });
		}
	},
	move: async (event) => {
		const form = await event.request.formData();
		try {
			await moveDocument(actorOf(event), formObject(form));
			return ok(event.locals.locale, sectionOf(form), 'profiles.edit.moved');
		} catch (error) {
			return failWith(error, event.locals.locale, { section: sectionOf(form) });
		}
	},
	retitle: async (event) => {
		const form = await event.request.formData();
		try {
			await retitleDocument(actorOf(event), formObject(form));
			return ok(event.locals.locale, sectionOf(form), 'profiles.edit.saved');
		} catch (error) {
			return failWith(error, event.locals.locale, { section: sectionOf(form) });
		}
	},
	delete: async (event) => {
		const form = await event.request.formData();
		try {
			await deleteDocument(actorOf(event), formObject(form));
			return ok(event.locals.locale, sectionOf(form), 'profiles.edit.deleted');
		} catch (error) {
			return failWith(error, event.locals.locale, { section: sectionOf(form) });
		}
	}
};
