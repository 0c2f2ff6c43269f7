import type { RequestHandler } from './$types';
import { placeSuggestions } from '#lib/server/directory/index.ts';
import { apiGet } from '../respond.ts';

/** GET /api/v1/places?q=Lyo — places to suggest in "Où ?", from the offline gazetteer (see /api/v1/openapi.json). */
export const GET: RequestHandler = (event) => apiGet(event, async (params) => placeSuggestions(params));
