import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { addSkills, LANGUAGE_CODES, LANGUAGE_LEVELS, profileForEdit, removeLanguage, removePhoto, removeSkill, setLanguage, setPhoto, updateProfileBasics } from '#lib/server/profiles/index.ts';
import { bytesOf } from '#lib/server/uploads/index.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	const names = new Intl.DisplayNames([event.locals.locale], { type: 'language' });
	const languageOptions = LANGUAGE_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, event.locals.locale));
	return { edit: await profileForEdit(actorOf(event)), languageOptions, levels: [...LANGUAGE_LEVELS] };
};

const ok = (locale: 'fr' | 'en', section: string, key: Parameters<typeof translate>[1], params: Record<string, string | number> = {}) => ({ section, success: translate(locale, key, params) });

export const actions: Actions = {
	basics: async (event) => {
		const form = await event.request.formData();
		try {
			await updateProfileBasics(actorOf(event), formObject(form));
			return ok(event.locals.locale, 'basics', 'profiles.edit.saved');
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'basics', ...echo(form, 'headline', 'bio', 'address', 'postcode', 'city', 'phone') });
		}
	},
	photo: async (event) => {
		const form = await event.request.formData();
		try {
			await setPhoto(actorOf(event), await bytesOf(form.get('photo')));
			return ok(event.locals.locale, 'photo', 'profiles.edit.photo_saved');
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'photo' });
		}
	},
	removePhoto: async (event) => {
		try {
			await removePhoto(actorOf(event));
			return ok(event.locals.locale, 'photo', 'profiles.edit.photo_removed');
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'photo' });
		}
	},
	addSkills: async (event) => {
		const form = await event.request.formData();
		try {
			const { added } = await addSkills(actorOf(event), formObject(form));
			return ok(event.locals.locale, 'skills', 'profiles.edit.skills_added', { count: added });
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'skills', ...echo(form, 'labels') });
		}
	},
	removeSkill: async (event) => {
		const form = await event.request.formData();
		try {
			await removeSkill(actorOf(event), formObject(form));
			return ok(event.locals.locale, 'skills', 'profiles.edit.deleted');
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'skills' });
		}
	},
	setLanguage: async (event) => {
		const form = await event.request.formData();
		try {
			await setLanguage(actorOf(event), formObject(form));
			return ok(event.locals.locale, 'languages', 'profiles.edit.saved');
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'languages', ...echo(form, 'code', 'level') });
		}
	},
	removeLanguage: async (event) => {
		const form = await event.request.formData();
		try {
			await removeLanguage(actorOf(event), formObject(form));
			return ok(event.locals.locale, 'languages', 'profiles.edit.deleted');
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'languages' });
		}
	}
};
