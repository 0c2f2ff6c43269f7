import type { RequestHandler } from './$types';
import { searchMembers } from '#lib/server/directory/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { apiGet } from '../respond.ts';

/** GET /api/v1/providers — the directory search of /search, as JSON (see /api/v1/openapi.json). */
export const GET: RequestHandler = (event) =>
	apiGet(event, async (params) => {
		const found = await searchMembers(actorOf(event), params);
		return {
			query: found.query,
			place: found.place,
			placeUnknown: found.placeUnknown,
			radiusKm: found.radiusKm,
			sort: found.sort,
			providersOnly: found.providersOnly,
			total: found.total,
			more: found.more,
			page: found.page,
			pages: found.pages,
			pageSize: found.pageSize,
			results: found.results
		};
	});
