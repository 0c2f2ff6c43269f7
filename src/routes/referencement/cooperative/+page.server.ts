import type { Actions, PageServerLoad } from './$types';
import { ownRecord, removeBrochure, setBrochure, setLogo, submitRecord } from '#lib/server/referencing/index.ts';
import { mediaUrl } from '#lib/server/uploads/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { act } from '../transport.ts';

export const load: PageServerLoad = async (event) => {
	const actor = actorOf(event);
	const record = actor ? await ownRecord(actor) : null;
	return {
		loggedIn: !!actor,
		submitted: event.url.searchParams.has('soumise'),
		record: record && {
			id: record.id,
			status: record.status,
			step: record.step,
			name: record.company?.title ?? null,
			reason: record.moderationReason,
			brochureUrl: mediaUrl(record.brochurePath),
			brochureType: record.brochureType,
			logoUrl: mediaUrl(record.company?.logoPath)
		}
	};
};

export const actions: Actions = {
	brochure: (event) => act(event, 'referencing.saved', (form) => setBrochure(actorOf(event), form.get('brochure'))),
	removeBrochure: (event) => act(event, 'referencing.saved', () => removeBrochure(actorOf(event))),
	logo: (event) => act(event, 'referencing.saved', (form) => setLogo(actorOf(event), form.get('logo'))),
	submit: (event) => act(event, 'referencing.wizard.submitted', () => submitRecord(actorOf(event)))
};
