import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { gatheringPage } from '#lib/server/gatherings/pages.ts';
import { payPlace, register, unregister } from '#lib/server/gatherings/registration.ts';
import { actorOf, failWith } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { loadFailure } from '../load-errors.ts';

export const load: PageServerLoad = async (event) => {
	try {
		return { ...(await gatheringPage(actorOf(event), event.params.id)), timezone: event.locals.member?.timezone ?? null, returned: event.url.searchParams.get('paiement') };
	} catch (error) {
		loadFailure(error, event.locals.locale, event.url);
	}
};

export const actions: Actions = {
	register: async (event) => {
		if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
		let outcome;
		try {
			outcome = await register(actorOf(event), event.params.id);
		} catch (error) {
			return failWith(error, event.locals.locale);
		}
		if (outcome.checkoutUrl) redirect(303, outcome.checkoutUrl);
		const t = (key: Parameters<typeof translate>[1], params = {}) => translate(event.locals.locale, key, params);
		return { success: outcome.status === 'waiting' ? t('gatherings.waiting_ok', { position: outcome.waitPosition ?? 0 }) : t('gatherings.registered_ok') };
	},
	pay: async (event) => {
		let url: string;
		try {
			url = (await payPlace(actorOf(event), event.params.id)).checkoutUrl;
		} catch (error) {
			return failWith(error, event.locals.locale);
		}
		redirect(303, url);
	},
	unregister: async (event) => {
		try {
			await unregister(actorOf(event), event.params.id);
		} catch (error) {
			return failWith(error, event.locals.locale);
		}
		return { success: translate(event.locals.locale, 'gatherings.unregistered_ok') };
	}
};
