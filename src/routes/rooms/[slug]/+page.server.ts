import type { PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { roomSummary } from '#lib/server/rooms/index.ts';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

/** /rooms/<slug>: the pre-join page and the call. The socket decides admission; this only describes the room. */
export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	try {
		const summary = await roomSummary(actorOf(event), event.params.slug);
		const m = event.locals.member;
		return {
			room: summary.room,
			relation: summary.relation,
			decision: summary.decision,
			hostName: summary.hostName,
			me: { id: m.id, name: `${m.firstName} ${m.lastName}`, timezone: m.timezone }
		};
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
};
