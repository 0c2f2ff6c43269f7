import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { createCompany, COMPANY_FIELDS } from '#lib/server/companies/index.ts';
import { bytesOf } from '#lib/server/uploads/index.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';

export const load: PageServerLoad = (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		let slug: string;
		try {
			({ slug } = await createCompany(actorOf(event), formObject(form), await bytesOf(form.get('logo'))));
		} catch (error) {
			return failWith(error, event.locals.locale, echo(form, ...COMPANY_FIELDS, 'creatorJobTitle'));
		}
		redirect(303, `/c/${slug}?created=1`);
	}
};
