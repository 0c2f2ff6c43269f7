import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { exportMembers } from '#lib/server/admin/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { csvResponse, formValues } from '../../guard.ts';

/** GET ?scope=all (the whole directory) or ?scope=filtered&<the list's filters>; POST: the selected rows (`id`). */
async function answer(event: Parameters<RequestHandler>[0], run: () => Promise<{ fileName: string; csv: string }>) {
	if (!event.locals.member) error(401, translate(event.locals.locale, 'error.login_required'));
	try {
		const { fileName, csv } = await run();
		return csvResponse(fileName, csv);
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
}

export const GET: RequestHandler = (event) =>
	answer(event, () => {
		const params = new URLSearchParams(event.url.searchParams);
		const scope = params.get('scope') === 'all' ? 'all' : 'filtered';
		params.delete('scope');
		return exportMembers(actorOf(event), scope, { filter: params.toString() }, event.locals.locale);
	});

export const POST: RequestHandler = async (event) => {
	const values = formValues(await event.request.formData());
	return answer(event, () => exportMembers(actorOf(event), 'selected', { ids: values.id ?? [] }, event.locals.locale));
};
