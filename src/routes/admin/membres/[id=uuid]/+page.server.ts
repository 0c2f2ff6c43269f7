import type { Actions, PageServerLoad } from './$types';
import { deleteMembers, memberAdminView, reinviteMembers, updateMemberByAdmin } from '#lib/server/admin/index.ts';
import { actorOf, echo, failWith } from '#lib/server/http.ts';
import { adminLoad, formValues } from '../../guard.ts';

export const load: PageServerLoad = (event) => adminLoad(event, async () => ({ member: await memberAdminView(actorOf(event), event.params.id), added: event.url.searchParams.has('added') }));

export const actions: Actions = {
	edit: async (event) => {
		const form = await event.request.formData();
		try {
			await updateMemberByAdmin(actorOf(event), event.params.id, formValues(form));
			return { section: 'edit', success: 'admin.manage.saved' };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'edit', ...echo(form, 'firstName', 'lastName', 'email', 'promotion', 'programme', 'campus', 'city', 'externalRef') });
		}
	},
	resend: async (event) => {
		try {
			await reinviteMembers(actorOf(event), [event.params.id]);
			return { section: 'resend', success: 'admin.manage.resent' };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'resend' });
		}
	},
	delete: async (event) => {
		const form = await event.request.formData();
		try {
			if (form.get('confirm') !== 'on') return { section: 'delete', success: '' };
			await deleteMembers(actorOf(event), [event.params.id]);
			return { section: 'delete', success: 'admin.manage.deleted' };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'delete' });
		}
	}
};
