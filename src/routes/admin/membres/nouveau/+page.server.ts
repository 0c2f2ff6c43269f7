import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { addMember, registrationSettings } from '#lib/server/admin/index.ts';
import { actorOf, echo, failWith } from '#lib/server/http.ts';
import { adminLoad, formValues } from '../../guard.ts';

// the permission check only: "Ajouter un utilisateur" is for administrators
export const load: PageServerLoad = (event) => adminLoad(event, async () => ({ settings: await registrationSettings(actorOf(event)) }));

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		let memberId: string;
		try {
			({ memberId } = await addMember(actorOf(event), formValues(form)));
		} catch (e) {
			return failWith(e, event.locals.locale, echo(form, 'firstName', 'lastName', 'email', 'promotion', 'programme', 'campus', 'externalRef'));
		}
		redirect(303, `/admin/membres/${memberId}?added=1`);
	}
};
