/** The publications part of /api/v1 in OpenAPI 3.1: the public tabs (news, offers, demands, jobs) and one publication. */
import { MAX_RADIUS_KM, DEFAULT_RADIUS_KM } from '#lib/server/directory/index.ts';
import { TAB_KINDS } from '#lib/server/publications/index.ts';

const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const json = (schema: Record<string, unknown>) => ({ content: { 'application/json': { schema } } });
const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };
const date = { type: 'string', format: 'date' };
const q = (name: string, description: string, schema: Record<string, unknown>) => ({ name, in: 'query', description, schema });

/** the query parameters of GET /publications, in the order of the zod schema (checked by tests/integration/publications.test.ts) */
export const publicationParameters = [
	q('type', 'news, offer, demand or job; all when absent.', { type: 'string', enum: [...TAB_KINDS] }),
	q('q', 'French full text over title, text and place: accents and case ignored, French stems, prefixes, small typos corrected.', { type: 'string', maxLength: 200 }),
	q('place', 'A city, a postcode or a département ("Lyon", "69003", "Rhône (69)").', { type: 'string', maxLength: 100 }),
	q('radius', `km around a city or postcode (default ${DEFAULT_RADIUS_KM}).`, { type: 'integer', minimum: 1, maximum: MAX_RADIUS_KM }),
	q('company', "A company's identifier (the slug of /c/<slug>): its publications only.", { type: 'string', maxLength: 120 }),
	q('from', 'Published on or after this day (Europe/Paris).', date),
	q('to', 'Published on or before this day (Europe/Paris).', date),
	q('page', 'Page number (20 a page).', { type: 'integer', minimum: 1, maximum: 500, default: 1 }),
	q('cursor', 'Keyset pagination: `nextCursor` of the previous answer (instead of `page`).', { type: 'string', maxLength: 200 })
];

export const publicationSchemas: Record<string, Record<string, unknown>> = {
	Publication: {
		type: 'object',
		properties: {
			id: uuid,
			type: { type: 'string', enum: [...TAB_KINDS] },
			audience: { type: 'string', enum: ['public', 'members'], description: 'members: only returned to a logged-in caller' },
			title: { type: 'string' },
			html: { type: 'string', description: 'sanitized on the server: paragraphs, bold, italic, lists, links (rel="nofollow noopener")' },
			text: { type: 'string', description: 'plain-text excerpt' },
			photos: { type: 'array', items: { type: 'string', format: 'uri' } },
			place: { type: ['string', 'null'] },
			departement: { type: ['string', 'null'] },
			price: { type: ['number', 'null'], description: 'ads: price (offer) or budget (demand), euros' },
			expiresAt: { type: ['string', 'null'], format: 'date-time' },
			publishedAt: dateTime,
			author: { type: 'object', properties: { name: { type: 'string' }, url: { type: 'string', format: 'uri' } } },
			company: { type: ['object', 'null'], properties: { name: { type: 'string' }, url: { type: 'string', format: 'uri' } } },
			url: { type: 'string', format: 'uri' }
		}
	},
	PublicationPage: {
		type: 'object',
		properties: {
			page: { type: 'integer' },
			pageSize: { type: 'integer' },
			hasNext: { type: 'boolean' },
			nextCursor: { type: ['string', 'null'] },
			results: { type: 'array', items: { $ref: '#/components/schemas/Publication' } }
		}
	}
};

export const publicationPaths: Record<string, Record<string, unknown>> = {
	'/publications': {
		get: {
			operationId: 'searchPublications',
			summary: 'News and ads of the public tabs',
			description:
				'The same search as /actualites, /offres, /demandes and /emploi: live publications (not closed, hidden or expired), newest first. Visitors get public ones only; a logged-in member also members-only ones. Private ads (to contacts or contact groups) are never listed.',
			tags: ['publications'],
			parameters: publicationParameters,
			responses: { '200': { description: 'One page of publications', ...json({ $ref: '#/components/schemas/PublicationPage' }) }, '400': error('Invalid parameter') }
		}
	},
	'/publications/{id}': {
		get: {
			operationId: 'getPublication',
			summary: 'One publication',
			description: 'A publication the caller may read; anything else (private to others, hidden, expired, unknown) is 404.',
			tags: ['publications'],
			parameters: [{ name: 'id', in: 'path', required: true, schema: uuid }],
			responses: { '200': { description: 'The publication', ...json({ $ref: '#/components/schemas/Publication' }) }, '404': error('Not found, or not for the caller') }
		}
	}
};
