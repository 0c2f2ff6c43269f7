import { defineParams } from '@sveltejs/kit/params';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Route param matchers (SvelteKit 3 reads them from this file). Row ids are PostgreSQL uuids:
 * a segment that is not one matches no route — a localized 404, and under /api/v1 the JSON 404
 * of api/v1/[...path] — instead of reaching the database as a malformed uuid (a 500).
 */
export const params = defineParams({
	uuid: (param) => (UUID.test(param) ? param : undefined)
});
