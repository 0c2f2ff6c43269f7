import type { RequestHandler } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { personalDataZip } from '#lib/server/privacy/index.ts';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

/** "Télécharger mes données": the member's own ZIP. */
export const GET: RequestHandler = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent('/settings/donnees')}`);
	try {
		const { filename, stream } = await personalDataZip(actorOf(event), event.locals.member.id);
		return new Response(stream, {
			headers: {
				'content-type': 'application/zip',
				'content-disposition': `attachment; filename="${filename}"`,
				'cache-control': 'private, no-store'
			}
		});
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
};
