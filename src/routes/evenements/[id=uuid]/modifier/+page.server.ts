import type { Actions, PageServerLoad } from './$types';
import { editGatheringForm, updateGathering } from '#lib/server/gatherings/edit.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { loadFailure } from '../../load-errors.ts';

const FIELDS = ['title', 'description', 'organiserName', 'organiserEmail', 'mode', 'place', 'start', 'end', 'timezone', 'price', 'capacity', 'deadline', 'audience', 'promotions'];

export const load: PageServerLoad = async (event) => {
	try {
		return await editGatheringForm(actorOf(event), event.params.id);
	} catch (error) {
		loadFailure(error, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		let outcome;
		try {
			outcome = await updateGathering(actorOf(event), event.params.id, { ...formObject(form), roles: form.getAll('roles'), groupIds: form.getAll('groupIds') });
		} catch (error) {
			return failWith(error, event.locals.locale, echo(form, ...FIELDS));
		}
		const t = (key: Parameters<typeof translate>[1], params = {}) => translate(event.locals.locale, key, params);
		const saved = t(outcome.notified ? 'gatherings.edit.saved_notified' : 'gatherings.edit.saved');
		return { success: outcome.promoted ? `${saved} ${t('gatherings.edit.promoted', { count: outcome.promoted })}` : saved };
	}
};
