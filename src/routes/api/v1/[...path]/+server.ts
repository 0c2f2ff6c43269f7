import { json, type RequestHandler } from '@sveltejs/kit';
import { translate } from '#lib/i18n/index.ts';

/** Any other address under /api/v1 — an unknown path or a malformed id — is a JSON 404 in the caller's language. */
export const fallback: RequestHandler = ({ locals }) =>
	json(
		{ error: { code: 'not_found', message: translate(locals.locale ?? 'fr', 'error.api_not_found') } },
		{ status: 404, headers: { 'cache-control': 'private, no-store', vary: 'accept-language' } }
	);
