import type { RequestHandler } from './$types';
import { searchCooperatives } from '#lib/server/referencing/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { apiGet } from '../respond.ts';

/** GET /api/v1/cooperatives — the referencing search (approved records only), as JSON (see /api/v1/openapi.json). */
export const GET: RequestHandler = (event) =>
	apiGet(event, async (params) => {
		const multi = (name: string) => event.url.searchParams.getAll(name).flatMap((v) => v.split(','));
		const found = await searchCooperatives(actorOf(event), { ...params, departements: multi('departements'), goods: multi('goods') });
		return { criteria: found.criteria, total: found.total, page: found.page, pages: found.pages, results: found.results };
	});
