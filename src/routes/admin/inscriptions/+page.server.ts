import type { Actions, PageServerLoad } from './$types';
import { approveRegistration, refuseRegistration, registrationQueue, registrationSettings, setRegistrationApproval } from '#lib/server/admin/index.ts';
import { can } from '#lib/server/access/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { adminLoad } from '../guard.ts';

const STATUSES = ['pending', 'approved', 'refused'] as const;

export const load: PageServerLoad = (event) =>
	adminLoad(event, async () => {
		const actor = actorOf(event);
		const raw = event.url.searchParams.get('status');
		const status = (STATUSES as readonly string[]).includes(raw ?? '') ? (raw as (typeof STATUSES)[number]) : 'pending';
		const requests = await registrationQueue(actor, status);
		// the setting is the administrators'; moderators only see the queue
		const settings = (await can(actor, 'admin.members.manage')) ? await registrationSettings(actor) : null;
		return { status, requests, settings };
	});

export const actions: Actions = {
	setting: async (event) => {
		const form = await event.request.formData();
		try {
			await setRegistrationApproval(actorOf(event), form.get('approval') === 'on');
			return { section: 'setting', success: 'admin.registration.setting_saved' };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'setting' });
		}
	},
	approve: async (event) => {
		try {
			await approveRegistration(actorOf(event), formObject(await event.request.formData()));
			return { section: 'decide', success: 'admin.registration.approved' };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'decide' });
		}
	},
	refuse: async (event) => {
		const form = formObject(await event.request.formData());
		try {
			await refuseRegistration(actorOf(event), form);
			return { section: 'decide', success: 'admin.registration.refused' };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'decide', requestId: form.requestId ?? '' });
		}
	}
};
