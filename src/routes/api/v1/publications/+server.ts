import type { RequestHandler } from './$types';
import { apiItem, searchPublications } from '#lib/server/publications/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { context } from '#lib/server/context.ts';
import { apiGet } from '../respond.ts';

/** GET /api/v1/publications — the public tabs as JSON (see /api/v1/openapi.json): public items only for visitors. */
export const GET: RequestHandler = (event) =>
	apiGet(event, async (params) => {
		const found = await searchPublications(actorOf(event), params);
		const { publicUrl } = context().config;
		return {
			query: found.query,
			place: found.place?.label ?? null,
			page: found.page,
			pageSize: found.pageSize,
			hasNext: found.hasNext,
			nextCursor: found.nextCursor,
			results: found.items.map((item) => apiItem(item, publicUrl))
		};
	});
