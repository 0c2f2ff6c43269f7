import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { publish, publishChoices } from '#lib/server/publications/index.ts';
import { actorOf, failWith } from '#lib/server/http.ts';
import { publicationForm } from '../form-input.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	const kind = event.url.searchParams.get('kind');
	if (kind === 'job') redirect(303, '/emplois/nouveau');
	return { choices: await publishChoices(actorOf(event)), kind: kind === 'offer' || kind === 'demand' ? kind : 'news' };
};

export const actions: Actions = {
	default: async (event) => {
		const { raw, photos, values } = await publicationForm(await event.request.formData());
		let id: string;
		try {
			({ id } = await publish(actorOf(event), raw, photos));
		} catch (error) {
			return failWith(error, event.locals.locale, values);
		}
		redirect(303, `/publications/${id}?published=1`);
	}
};
