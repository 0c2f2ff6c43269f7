import type { Actions, PageServerLoad } from './$types';
import { createPlan, duesAdminPage, recordDues, setPlanActive, setReservedSpaces } from '#lib/server/membership/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { loadFailure } from '../../evenements/load-errors.ts';

/** Administrators: plans, the spaces reserved to cotisants, dues paid otherwise. */
export const load: PageServerLoad = async (event) => {
	try {
		return await duesAdminPage(actorOf(event));
	} catch (error) {
		loadFailure(error, event.locals.locale, event.url);
	}
};

const done = (locale: 'fr' | 'en', section: string) => ({ success: translate(locale, 'membership.admin.saved'), section });

export const actions: Actions = {
	plan: async (event) => {
		const form = await event.request.formData();
		try {
			await createPlan(actorOf(event), { ...formObject(form), roles: form.getAll('roles') });
		} catch (error) {
			return failWith(error, event.locals.locale, { ...formObject(form), section: 'plan' });
		}
		return done(event.locals.locale, 'plan');
	},
	toggle: async (event) => {
		const values = formObject(await event.request.formData());
		try {
			await setPlanActive(actorOf(event), values.planId ?? '', values.active === 'true');
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'plan' });
		}
		return done(event.locals.locale, 'plan');
	},
	spaces: async (event) => {
		const form = await event.request.formData();
		try {
			await setReservedSpaces(actorOf(event), form.getAll('spaces'));
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'spaces' });
		}
		return done(event.locals.locale, 'spaces');
	},
	record: async (event) => {
		const values = formObject(await event.request.formData());
		try {
			await recordDues(actorOf(event), values);
		} catch (error) {
			return failWith(error, event.locals.locale, { ...values, section: 'record' });
		}
		return done(event.locals.locale, 'record');
	}
};
