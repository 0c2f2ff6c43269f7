import type { Actions, PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { handleReport, listReports } from '#lib/server/chat/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

const STATUSES = ['open', 'resolved', 'dismissed'] as const;
type Status = (typeof STATUSES)[number];

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	const raw = event.url.searchParams.get('status') ?? 'open';
	const status = (STATUSES as readonly string[]).includes(raw) ? (raw as Status) : undefined;
	try {
		return { reports: await listReports(actorOf(event), { status }), status: status ?? 'all' };
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		try {
			await handleReport(actorOf(event), formObject(form));
			return { section: 'handle', success: '' };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'handle' });
		}
	}
};
