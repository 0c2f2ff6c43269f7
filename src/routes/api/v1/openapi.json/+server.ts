import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { context } from '#lib/server/context.ts';
import { openApiDocument } from '../openapi.ts';

/** GET /api/v1/openapi.json — the API's OpenAPI 3.1 description. */
export const GET: RequestHandler = () => json(openApiDocument(context().config.publicUrl), { headers: { 'cache-control': 'public, max-age=300' } });
