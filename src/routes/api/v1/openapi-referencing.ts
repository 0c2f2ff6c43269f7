/** The cooperative referencing part of /api/v1 in OpenAPI 3.1: GET /cooperatives (approved records only). */
import { GOODS, SECTORS } from '#lib/server/referencing/index.ts';

const list = (description: string, items: Record<string, unknown>) => ({ type: 'array', items, description });

export const referencingParameters = [
	{ name: 'departements', in: 'query', description: 'One or several French département codes (head office or establishments): repeat the parameter or separate with commas, e.g. 34,30.', schema: list('département codes', { type: 'string', pattern: '^(\\d{2,3}|2A|2B)$' }), style: 'form', explode: true },
	{ name: 'sector', in: 'query', description: 'Sector of activity (code of the maintained list).', schema: { type: 'string', enum: SECTORS } },
	{ name: 'goods', in: 'query', description: 'Goods and services (codes of the maintained list); a record offering any of them matches.', schema: list('goods and services codes', { type: 'string', enum: GOODS }), style: 'form', explode: true },
	{ name: 'skills', in: 'query', description: 'Skills separated by ";": each must appear in the record’s skills (accents and case ignored).', schema: { type: 'string', maxLength: 300 } },
	{ name: 'q', in: 'query', description: 'Free keywords in French full text over name, skills, activity, certifications, city and references (accents, plurals, prefixes).', schema: { type: 'string', maxLength: 200 } },
	{ name: 'page', in: 'query', description: 'Page number (20 results a page).', schema: { type: 'integer', minimum: 1, maximum: 500, default: 1 } }
];

export const referencingSchemas: Record<string, Record<string, unknown>> = {
	Cooperative: {
		type: 'object',
		required: ['id', 'name', 'departements', 'goods', 'skills'],
		properties: {
			id: { type: 'string', format: 'uuid', description: 'record id: its page is /referencement/entreprises/{id}' },
			name: { type: 'string' },
			sector: { type: ['string', 'null'] },
			city: { type: ['string', 'null'] },
			postcode: { type: ['string', 'null'] },
			departements: { type: 'array', items: { type: 'string' } },
			goods: { type: 'array', items: { type: 'string' } },
			skills: { type: 'array', items: { type: 'string' } },
			activity: { type: ['string', 'null'] },
			logoUrl: { type: ['string', 'null'] }
		}
	},
	CooperativePage: {
		type: 'object',
		required: ['criteria', 'total', 'page', 'pages', 'results'],
		properties: {
			criteria: { type: 'object' },
			total: { type: 'integer' },
			page: { type: 'integer' },
			pages: { type: 'integer' },
			results: { type: 'array', items: { $ref: '#/components/schemas/Cooperative' } }
		}
	}
};

export const referencingPaths: Record<string, Record<string, unknown>> = {
	'/cooperatives': {
		get: {
			operationId: 'searchCooperatives',
			summary: 'Search the cooperative referencing',
			description: 'The same search as /referencement/recherche: only records approved by the moderators; every criterion given must hold; none lists every approved record. Public.',
			tags: ['referencing'],
			parameters: referencingParameters,
			responses: {
				'200': { description: 'One page of cooperatives', content: { 'application/json': { schema: { $ref: '#/components/schemas/CooperativePage' } } } },
				'400': { description: 'Invalid criteria', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
			}
		}
	}
};
