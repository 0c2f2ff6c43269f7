import type { RequestHandler } from './$types';
import { searchCompanies } from '#lib/server/directory/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { apiGet } from '../respond.ts';

/** GET /api/v1/companies — the company search of /companies, as JSON (see /api/v1/openapi.json). */
export const GET: RequestHandler = (event) =>
	apiGet(event, async (params) => {
		const found = await searchCompanies(actorOf(event), params);
		return { query: found.query, total: found.total, more: found.more, page: found.page, pages: found.pages, pageSize: found.pageSize, results: found.results };
	});
