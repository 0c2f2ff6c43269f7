import { CATEGORIES } from '#lib/categories.ts';
import { bookingPaths, bookingSchemas } from './openapi-booking.ts';
import { DEFAULT_RADIUS_KM, LANGUAGES, MAX_RADIUS_KM, SORTS, companySearchQuery, memberSearchQuery, placeSuggestionQuery } from '#lib/server/directory/index.ts';

/**
 * The OpenAPI 3.1 description of /api/v1, written by hand as typed data. Its parameter lists are
 * checked against the zod query schemas the endpoints parse with (tests/integration/directory-api.test.ts),
 * so a new query parameter cannot go undocumented.
 */

type JsonSchema = {
	type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null' | ('string' | 'integer' | 'number' | 'null' | 'object')[];
	enum?: readonly (string | number)[];
	minimum?: number;
	maximum?: number;
	maxLength?: number;
	pattern?: string;
	default?: unknown;
	description?: string;
	format?: string;
	items?: JsonSchema;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	additionalProperties?: boolean | JsonSchema;
	$ref?: string;
	anyOf?: JsonSchema[];
};

interface Parameter {
	name: string;
	in: 'query';
	required?: boolean;
	description: string;
	schema: JsonSchema;
}

interface Operation {
	operationId: string;
	summary: string;
	description: string;
	tags: string[];
	parameters: Parameter[];
	responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
}

export interface OpenApiDocument {
	openapi: '3.1.0';
	info: { title: string; version: string; description: string };
	servers: { url: string }[];
	paths: Record<string, { get: Operation }> & Record<string, Record<string, unknown>>;
	components: { schemas: Record<string, JsonSchema> };
}

const q = (name: string, description: string, schema: JsonSchema): Parameter => ({ name, in: 'query', description, schema });
const text = (maxLength: number): JsonSchema => ({ type: 'string', maxLength });
const page = q('page', 'Page number (20 results a page).', { type: 'integer', minimum: 1, maximum: 500, default: 1 });
const departement = q('departement', 'French département code: 69, 2A, 974…', { type: 'string', pattern: '^(\\d{2,3}|2A|2B)$' });

export const providerParameters: Parameter[] = [
	q('q', '"Qui, quoi ?": names, job title, skills, company, bio. Accents and case are ignored, French plurals and small typos match.', text(200)),
	q('where', '"Où ?": a French city, a postcode, or a département code or name (resolved offline).', text(100)),
	q('radius', `Kilometres around a city or postcode (default ${DEFAULT_RADIUS_KM}).`, { type: 'integer', minimum: 1, maximum: MAX_RADIUS_KM }),
	q('sort', 'relevance (default with words) or distance (default with a place only).', { type: 'string', enum: SORTS }),
	q('category', 'Member category.', { type: 'string', enum: CATEGORIES }),
	q('skill', 'A skill, e.g. "Plomberie" (accents and case ignored).', text(100)),
	q('company', 'Part of the name of a company the member works for.', text(120)),
	q('school', 'Part of a school name.', text(120)),
	q('diploma', 'Part of a diploma name.', text(120)),
	q('promo', 'Graduation year.', { type: 'integer', minimum: 1900, maximum: 2100 }),
	departement,
	q('language', 'ISO 639-1 code of a language the member speaks.', { type: 'string', enum: LANGUAGES }),
	q('online', '"En ligne maintenant": 1 keeps only members connected right now.', { type: 'string', enum: ['1'] }),
	page
];

export const companyParameters: Parameter[] = [
	q('q', 'Name, keywords (goods, services, skills), description; French-aware.', text(200)),
	q('sector', 'Part of the business sector.', text(100)),
	departement,
	page
];

export const placeParameters: Parameter[] = [q('q', 'What is typed so far in "Où ?" (2 characters at least): the start of a French commune or département name, or of a postcode.', text(100))];

const errorResponse = {
	description: 'Invalid query: `error.code` is `invalid_query`, `error.message` and `error.fields` are localized (Accept-Language).',
	content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
};

const schemas: Record<string, JsonSchema> = {
	Error: {
		type: 'object',
		required: ['error'],
		properties: {
			error: {
				type: 'object',
				required: ['code', 'message'],
				properties: {
					code: { type: 'string', enum: ['invalid_query', 'unexpected'] },
					message: { type: 'string' },
					fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'per parameter, a localized message' }
				}
			}
		}
	},
	Place: {
		type: 'object',
		required: ['kind', 'label', 'departement', 'latitude', 'longitude'],
		properties: {
			kind: { type: 'string', enum: ['commune', 'postcode', 'departement', 'city'] },
			label: { type: 'string' },
			departement: { type: ['string', 'null'] },
			latitude: { type: 'number' },
			longitude: { type: 'number' }
		}
	},
	Provider: {
		type: 'object',
		required: ['id', 'slug', 'name', 'category', 'city', 'headline', 'skills', 'distanceKm'],
		properties: {
			id: { type: 'string', format: 'uuid', description: 'member id (presence, slots: /providers/{id}/slots)' },
			slug: { type: 'string', description: 'profile page: /m/{slug}' },
			name: { type: 'string' },
			category: { type: 'string', enum: CATEGORIES },
			city: { type: ['string', 'null'] },
			headline: { type: ['string', 'null'] },
			skills: { type: 'array', items: { type: 'string' } },
			distanceKm: { type: ['number', 'null'] },
			photoUrl: { type: ['string', 'null'], description: 'the member’s photo (/media/…), null without one' }
		}
	},
	PlaceSuggestions: {
		type: 'object',
		required: ['places'],
		properties: {
			places: {
				type: 'array',
				items: {
					type: 'object',
					required: ['kind', 'label'],
					properties: {
						kind: { type: 'string', enum: ['commune', 'departement', 'postcode'] },
						label: { type: 'string', description: 'what to put in `where`: "Lyon (69)", "Rhône (69)", "69003 Lyon"' }
					}
				}
			}
		}
	},
	ProviderPage: {
		type: 'object',
		required: ['query', 'place', 'placeUnknown', 'radiusKm', 'sort', 'providersOnly', 'total', 'more', 'page', 'pages', 'pageSize', 'results'],
		properties: {
			query: { type: 'object', description: 'the query as understood' },
			place: { anyOf: [{ $ref: '#/components/schemas/Place' }, { type: 'null' }] },
			placeUnknown: { type: 'boolean', description: '`where` names no known place: no results' },
			radiusKm: { type: ['number', 'null'] },
			sort: { type: 'string', enum: SORTS },
			providersOnly: { type: 'boolean', description: 'true without a session: visitors only see providers' },
			total: { type: 'integer', description: 'matches, counted up to 1 000' },
			more: { type: 'boolean', description: 'more than 1 000 matched: only the first 1 000 are ranked and paged — refine the query' },
			page: { type: 'integer' },
			pages: { type: 'integer' },
			pageSize: { type: 'integer' },
			results: { type: 'array', items: { $ref: '#/components/schemas/Provider' } }
		}
	},
	Company: {
		type: 'object',
		required: ['slug', 'title', 'sector', 'city', 'postcode', 'keywords', 'description'],
		properties: {
			slug: { type: 'string', description: 'company page: /c/{slug}' },
			title: { type: 'string' },
			sector: { type: ['string', 'null'] },
			city: { type: ['string', 'null'] },
			postcode: { type: ['string', 'null'] },
			keywords: { type: 'array', items: { type: 'string' } },
			description: { type: ['string', 'null'] }
		}
	},
	CompanyPage: {
		type: 'object',
		required: ['query', 'total', 'more', 'page', 'pages', 'pageSize', 'results'],
		properties: {
			query: { type: 'object' },
			total: { type: 'integer', description: 'matches, counted up to 1 000' },
			more: { type: 'boolean', description: 'more than 1 000 matched: refine the query' },
			page: { type: 'integer' },
			pages: { type: 'integer' },
			pageSize: { type: 'integer' },
			results: { type: 'array', items: { $ref: '#/components/schemas/Company' } }
		}
	}
};

export function openApiDocument(publicUrl: string): OpenApiDocument {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Relais API',
			version: '1',
			description: 'Read-only directory API. Without a session only providers (freelance, company, administration, association) are returned; e-mail addresses never are.'
		},
		servers: [{ url: `${publicUrl}/api/v1` }],
		paths: {
			'/providers': {
				get: {
					operationId: 'searchProviders',
					summary: 'Search the directory',
					description: 'The same search as the /search page: same parameters, same results, same order.',
					tags: ['directory'],
					parameters: providerParameters,
					responses: {
						'200': { description: 'One page of results', content: { 'application/json': { schema: { $ref: '#/components/schemas/ProviderPage' } } } },
						'400': errorResponse
					}
				}
			},
			'/companies': {
				get: {
					operationId: 'searchCompanies',
					summary: 'Search companies',
					description: 'The same search as the /companies page. Companies are public.',
					tags: ['directory'],
					parameters: companyParameters,
					responses: {
						'200': { description: 'One page of companies', content: { 'application/json': { schema: { $ref: '#/components/schemas/CompanyPage' } } } },
						'400': errorResponse
					}
				}
			},
			'/places': {
				get: {
					operationId: 'suggestPlaces',
					summary: 'Suggest places for "Où ?"',
					description: 'Up to 8 places starting with `q`, from the offline geography data (INSEE communes and départements, postcodes): communes by population, then départements. Public; nothing is fetched from elsewhere.',
					tags: ['directory'],
					parameters: placeParameters,
					responses: {
						'200': { description: 'The suggestions (empty under 2 characters or when nothing matches)', content: { 'application/json': { schema: { $ref: '#/components/schemas/PlaceSuggestions' } } } },
						'400': errorResponse
					}
				}
			},
			...bookingPaths,
			'/openapi.json': {
				get: {
					operationId: 'openApi',
					summary: 'This document',
					description: 'OpenAPI 3.1 description of the API.',
					tags: ['meta'],
					parameters: [],
					responses: { '200': { description: 'OpenAPI document', content: { 'application/json': { schema: { type: 'object' } } } } }
				}
			}
		},
		components: { schemas: { ...schemas, ...(bookingSchemas as Record<string, JsonSchema>) } }
	};
}

/** parameter names the endpoints accept, from their zod schemas (for the consistency test) */
export const acceptedParameters = {
	providers: Object.keys(memberSearchQuery.shape),
	companies: Object.keys(companySearchQuery.shape),
	places: Object.keys(placeSuggestionQuery.shape)
};
