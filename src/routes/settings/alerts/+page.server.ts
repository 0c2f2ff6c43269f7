import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { redirect } from '@sveltejs/kit';
import { createAlert, deleteAlert, listAlerts, pauseAlert, updateAlert } from '#lib/server/alerts/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate, type MessageKey } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	return { alerts: await listAlerts(actorOf(event)) };
};

/** One action, one domain call; the answer names the form (`section`) it belongs to. */
async function act(event: RequestEvent, done: MessageKey, run: (raw: Record<string, unknown>) => Promise<unknown>) {
	const form = await event.request.formData();
	const raw = { ...formObject(form), kinds: form.getAll('kinds') };
	const section = String(form.get('alertId') ?? 'new');
	try {
		await run(raw);
		return { section, success: translate(event.locals.locale, done) };
	} catch (error) {
		return failWith(error, event.locals.locale, { section, phrase: String(form.get('phrase') ?? '').slice(0, 100), place: String(form.get('place') ?? '').slice(0, 100) });
	}
}

export const actions: Actions = {
	create: (event) => act(event, 'alerts.done.created', (raw) => createAlert(actorOf(event), raw)),
	update: (event) => act(event, 'alerts.done.saved', (raw) => updateAlert(actorOf(event), raw)),
	pause: (event) => act(event, 'alerts.done.paused', (raw) => pauseAlert(actorOf(event), raw, true)),
	resume: (event) => act(event, 'alerts.done.resumed', (raw) => pauseAlert(actorOf(event), raw, false)),
	delete: (event) => act(event, 'alerts.done.deleted', (raw) => deleteAlert(actorOf(event), raw))
};
