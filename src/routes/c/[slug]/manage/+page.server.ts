import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { approveJoinRequest, companyAdminView, COMPANY_FIELDS, declineJoinRequest, removeMember, setJobTitle, setMemberRole, updateCompany } from '#lib/server/companies/index.ts';
import { bytesOf } from '#lib/server/uploads/index.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { translate, type MessageKey } from '#lib/i18n/index.ts';
import { loadFailure } from '../../load-errors.ts';

// Admins only: the domain checks the actor's admin membership of THIS company on every call.
export const load: PageServerLoad = async (event) => {
	try {
		return await companyAdminView(actorOf(event), event.params.slug);
	} catch (failure) {
		loadFailure(failure, event.locals.locale, event.url);
	}
};

type Section = 'company' | 'requests' | 'members';

async function act(event: RequestEvent, section: Section, done: MessageKey, run: (form: FormData) => Promise<unknown>, echoed: readonly string[] = []) {
	const form = await event.request.formData();
	try {
		await run(form);
		return { section, success: translate(event.locals.locale, done) };
	} catch (error) {
		const target = form.get('memberId');
		return failWith(error, event.locals.locale, { section, ...(typeof target === 'string' ? { memberId: target.slice(0, 40) } : {}), ...echo(form, ...echoed) });
	}
}

export const actions: Actions = {
	save: (event) =>
		act(event, 'company', 'companies.manage.saved', async (form) => updateCompany(actorOf(event), event.params.slug, formObject(form), await bytesOf(form.get('logo'))), COMPANY_FIELDS),
	approve: (event) => act(event, 'requests', 'companies.manage.approved', (form) => approveJoinRequest(actorOf(event), event.params.slug, formObject(form))),
	decline: (event) => act(event, 'requests', 'companies.manage.declined', (form) => declineJoinRequest(actorOf(event), event.params.slug, formObject(form))),
	role: (event) => act(event, 'members', 'companies.manage.role_changed', (form) => setMemberRole(actorOf(event), event.params.slug, formObject(form))),
	jobTitle: (event) => act(event, 'members', 'companies.manage.job_title_saved', (form) => setJobTitle(actorOf(event), event.params.slug, formObject(form))),
	remove: (event) => act(event, 'members', 'companies.manage.removed', (form) => removeMember(actorOf(event), event.params.slug, formObject(form)))
};
