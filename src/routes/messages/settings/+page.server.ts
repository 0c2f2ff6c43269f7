import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { listBlocked, messagingSettings, unblockMember, updateMessagingSettings } from '#lib/server/chat/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	const actor = actorOf(event);
	return { settings: await messagingSettings(actor), blocked: await listBlocked(actor) };
};

export const actions: Actions = {
	save: async (event) => {
		const form = await event.request.formData();
		try {
			await updateMessagingSettings(actorOf(event), formObject(form));
			return { section: 'save', success: translate(event.locals.locale, 'chat.settings.saved') };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'save' });
		}
	},
	unblock: async (event) => {
		const form = await event.request.formData();
		try {
			await unblockMember(actorOf(event), formObject(form));
			return { section: 'unblock', success: '' };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'unblock' });
		}
	}
};
