import type { Actions, PageServerLoad } from './$types';
import { becomeBuyer, registerBuyer } from '#lib/server/referencing/index.ts';
import { actorOf, echo, failWith, formObject, requestMeta } from '#lib/server/http.ts';

export const load: PageServerLoad = async (event) => ({ loggedIn: !!event.locals.member, isBuyer: !!event.locals.member?.roles.includes('buyer') });

export const actions: Actions = {
	register: async (event) => {
		const form = await event.request.formData();
		try {
			const { email } = await registerBuyer(formObject(form), event.locals.locale, { ip: requestMeta(event).ip });
			return { registered: email };
		} catch (error) {
			return failWith(error, event.locals.locale, echo(form, 'lastName', 'firstName', 'institution', 'email'));
		}
	},
	become: async (event) => {
		const form = await event.request.formData();
		try {
			await becomeBuyer(actorOf(event), formObject(form));
			return { became: true };
		} catch (error) {
			return failWith(error, event.locals.locale, echo(form, 'institution'));
		}
	}
};
