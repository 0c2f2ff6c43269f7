import type { RequestHandler } from './$types';
import { apiItem, readablePublication } from '#lib/server/publications/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { context } from '#lib/server/context.ts';
import { apiGet } from '../../respond.ts';

/** GET /api/v1/publications/{id} — one publication the caller may read (visitors: public ones), else 404. */
export const GET: RequestHandler = (event) =>
	apiGet(event, async () => {
		const { card } = await readablePublication(actorOf(event), event.params.id);
		return apiItem(card, context().config.publicUrl);
	});
