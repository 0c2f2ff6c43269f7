import type { Actions, PageServerLoad } from './$types';
import { fail, redirect } from '@sveltejs/kit';
import { accountEmail, claimRegistration, contactsOf, establishmentsOf, ownRecord, referencesOf, saveStep, startCooperativeRegistration, submitRecord, GOODS, SECTORS, LEGAL_FORMS } from '#lib/server/referencing/index.ts';
import { DomainError, httpStatus, localizedFields } from '#lib/server/errors.ts';
import { actorOf, echo, failWith, formObject, requestMeta } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	const actor = actorOf(event);
	const record = actor ? await ownRecord(actor) : null;
	const asked = Number(event.url.searchParams.get('etape') ?? '');
	const furthest = record ? Math.min(record.step, 7) : 1;
	const step = record ? (Number.isInteger(asked) && asked >= 2 && asked <= furthest ? asked : asked === 1 ? 1 : furthest) : 1;
	return {
		step,
		loggedIn: !!actor,
		email: await accountEmail(actor),
		saved: event.url.searchParams.has('enregistre'),
		sectors: SECTORS,
		goodsList: GOODS,
		legalForms: LEGAL_FORMS,
		record: record && {
			status: record.status,
			step: record.step,
			name: record.company?.title ?? '',
			legalName: record.company?.legalName ?? '',
			legalForm: record.legalForm ?? '',
			phone: record.company?.phone ?? '',
			website: record.company?.website ?? '',
			consultationEmail: record.consultationEmail ?? '',
			sector: record.company?.sector ?? '',
			activity: record.activity ?? '',
			goods: record.goods,
			skills: record.skills.join(' ; '),
			certifications: record.certifications ?? '',
			carbonFootprint: record.carbonFootprint?.toString() ?? '',
			guarantees: record.guarantees ?? '',
			turnover: record.turnover?.toString() ?? '',
			turnoverYear: record.turnoverYear?.toString() ?? '',
			workforce: record.workforce?.toString() ?? '',
			address: record.company?.address ?? '',
			postcode: record.company?.postcode ?? '',
			city: record.company?.city ?? '',
			managerName: record.managerName ?? '',
			managerTitle: record.managerTitle ?? '',
			contacts: contactsOf(record).map((c) => ({ name: c.name, role: c.role ?? '', email: c.email ?? '', phone: c.phone ?? '' })),
			hasEstablishments: record.hasEstablishments,
			establishments: establishmentsOf(record).map((e) => ({ name: e.name, address: e.address ?? '', postcode: e.postcode ?? '', city: e.city, phone: e.phone ?? '' })),
			hasReferences: record.hasReferences,
			references: referencesOf(record).map((r) => ({ client: r.client, description: r.description ?? '', year: r.year?.toString() ?? '' }))
		}
	};
};

export const actions: Actions = {
	/** step 1, visitor: the account (activation by mail), then step 2 after the link */
	identifiers: async (event) => {
		const form = await event.request.formData();
		try {
			const { email } = await startCooperativeRegistration(formObject(form), event.locals.locale, { ip: requestMeta(event).ip });
			return { checkMail: email };
		} catch (error) {
			return failWith(error, event.locals.locale, echo(form, 'firstName', 'lastName', 'email'));
		}
	},
	/** step 1, logged in: the account's identifiers */
	claim: async (event) => {
		await claimRegistration(actorOf(event));
		redirect(303, '/referencement/inscription?etape=2');
	},
	save: async (event) => {
		const form = await event.request.formData();
		const step = Number(form.get('step'));
		const direction = String(form.get('direction') ?? 'next');
		if (direction === 'cancel') redirect(303, '/referencement/cooperative');
		const actor = actorOf(event);
		const raw: Record<string, unknown> = { ...formObject(form), goods: form.getAll('goods').map(String) };
		let status: string;
		try {
			status = (await saveStep(actor, step, raw)).status;
			if (step === 7 && direction === 'next') {
				await submitRecord(actor);
				redirect(303, '/referencement/cooperative?soumise');
			}
		} catch (error) {
			if (!(error instanceof DomainError)) throw error;
			if (direction === 'previous') redirect(303, `/referencement/inscription?etape=${Math.max(1, step - 1)}`);
			const values = formObject(form);
			return fail(httpStatus[error.kind], { message: translate(event.locals.locale, error.key, error.params), fields: localizedFields(error, event.locals.locale), values: { ...values, goods: form.getAll('goods').map(String).join(','), step: String(step) } });
		}
		const target = direction === 'previous' ? Math.max(step - 1, 1) : direction === 'stay' ? step : Math.min(step + 1, 7);
		redirect(303, `/referencement/inscription?etape=${target}&enregistre${status === 'approved' ? '=live' : ''}`);
	}
};
