import type { Actions, PageServerLoad } from './$types';
import { fail } from '@sveltejs/kit';
import { preregisterCooperative, preregisterFromCsv, SECTORS } from '#lib/server/referencing/index.ts';
import { requirePermission } from '#lib/server/access/index.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { loadFailure } from '../transport.ts';

export const load: PageServerLoad = async (event) => {
	try {
		await requirePermission(actorOf(event), 'cooperative.preregister');
		return { sectors: SECTORS };
	} catch (failure) {
		loadFailure(failure, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	one: async (event) => {
		const form = await event.request.formData();
		try {
			await preregisterCooperative(actorOf(event), formObject(form));
			return { created: 1, errors: [] as { line: number; message: string }[] };
		} catch (error) {
			return failWith(error, event.locals.locale, echo(form, 'name', 'email', 'postcode', 'city', 'sector'));
		}
	},
	csv: async (event) => {
		const form = await event.request.formData();
		const file = form.get('csv');
		const text = file && typeof file === 'object' && 'text' in file ? await (file as Blob).text() : String(form.get('csvText') ?? '');
		if (text.length > 200_000) return fail(400, { message: translate(event.locals.locale, 'referencing.error.csv_too_long'), fields: {}, values: {} });
		try {
			return await preregisterFromCsv(actorOf(event), text, event.locals.locale);
		} catch (error) {
			return failWith(error, event.locals.locale);
		}
	}
};
