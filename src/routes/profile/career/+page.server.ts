import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { addProfileItem, deleteProfileItem, PROFILE_ITEM_KINDS, profileForEdit, updateProfileItem, type ProfileItemKind } from '#lib/server/profiles/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

const month = (d: Date | null) => (d ? d.toISOString().slice(0, 7) : '');
const text = (v: string | number | null) => (v === null ? '' : String(v));

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	const edit = await profileForEdit(actorOf(event));
	// each item as the strings its edit form shows
	const items: Record<ProfileItemKind, { id: string; label: string; values: Record<string, string> }[]> = {
		certification: edit.certifications.map((c) => ({ id: c.id, label: c.name, values: { name: c.name, issuer: text(c.issuer), obtainedOn: month(c.obtainedOn) } })),
		mission: edit.missions.map((m) => ({ id: m.id, label: m.title, values: { title: m.title, client: text(m.client), year: text(m.year), description: text(m.description) } })),
		experience: edit.experiences.map((e) => ({
			id: e.id,
			label: `${e.title} — ${e.companyName}`,
			values: { title: e.title, companyName: e.companyName, location: text(e.location), startedOn: month(e.startedOn), endedOn: month(e.endedOn), description: text(e.description) }
		})),
		education: edit.educations.map((e) => ({ id: e.id, label: `${e.diploma} — ${e.school}`, values: { school: e.school, diploma: e.diploma, promoYear: text(e.promoYear) } }))
	};
	return { slug: edit.member.slug, items };
};

const kindInput = z.enum(PROFILE_ITEM_KINDS);
const ECHO = ['name', 'issuer', 'obtainedOn', 'title', 'client', 'year', 'description', 'companyName', 'location', 'startedOn', 'endedOn', 'school', 'diploma', 'promoYear'];

/** Parses the item kind, runs one domain call, answers in the item's own section. */
async function itemAction(event: RequestEvent, mode: 'add' | 'update' | 'delete') {
	const raw = formObject(await event.request.formData());
	const kind = kindInput.safeParse(raw.kind);
	const locale = event.locals.locale;
	if (!kind.success) return fail(400, { message: translate(locale, 'error.invalid_form'), fields: {}, values: {} });
	const section = `${kind.data}-${mode === 'add' ? 'new' : (raw.id ?? '').slice(0, 40)}`;
	const actor = actorOf(event);
	try {
		if (mode === 'add') await addProfileItem(actor, kind.data, raw);
		else if (mode === 'update') await updateProfileItem(actor, kind.data, raw);
		else await deleteProfileItem(actor, kind.data, raw);
		return { section: mode === 'delete' ? `${kind.data}-list` : section, success: translate(locale, mode === 'add' ? 'profiles.edit.added' : mode === 'update' ? 'profiles.edit.saved' : 'profiles.edit.deleted') };
	} catch (error) {
		const values: Record<string, string> = { section: mode === 'delete' ? `${kind.data}-list` : section };
		if (mode !== 'delete') for (const name of ECHO) if (raw[name] !== undefined) values[name] = raw[name].slice(0, 2000);
		return failWith(error, locale, values);
	}
}

export const actions: Actions = {
	add: (event) => itemAction(event, 'add'),
	update: (event) => itemAction(event, 'update'),
	delete: (event) => itemAction(event, 'delete')
};
