import { z } from 'zod';
import { CATEGORIES } from '../../categories.ts';

/**
 * The directory's query strings, shared by the /search and /companies pages, the JSON API and the
 * OpenAPI document. Every error text is a message key (see validation.ts). Blank values mean absent,
 * so a form submitted with empty fields is the same query as a URL without them.
 */

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const text = (max: number) => z.preprocess(blank, z.string({ error: 'error.invalid_form' }).trim().max(max, { error: 'error.too_long' }).optional());

const integer = (min: number, max: number, error: 'directory.error.radius' | 'directory.error.promo' | 'directory.error.page') =>
	z.preprocess(blank, z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).optional());

export const SORTS = ['relevance', 'distance'] as const;
export type Sort = (typeof SORTS)[number];

export const LANGUAGES = ['fr', 'en', 'es', 'de', 'it', 'pt', 'nl', 'ar', 'zh', 'ru', 'pl', 'ro', 'tr', 'ja'] as const;

export const DEFAULT_RADIUS_KM = 20;
export const MAX_RADIUS_KM = 500;
export const MAX_PAGE = 500;

/**
 * How many matches a search looks at, at most. A national directory answers "développeur" with
 * tens of thousands of members: ranking or counting all of them made the cost grow with the data
 * (p95 296 ms at 1 M members). Beyond this bound the page says "plus de 1 000 résultats" and
 * ranks the first MAX_COUNTED + 1 matches the index hands over; people refine (a place, a
 * skill) long before page 50. Below it, every match is ranked and counted exactly.
 */
export const MAX_COUNTED = 1000;

const departementCode = z.preprocess(
	(v) => (typeof blank(v) === 'string' ? (v as string).trim().toUpperCase() : blank(v)),
	z.string({ error: 'directory.error.departement' }).regex(/^(\d{2,3}|2A|2B)$/, { error: 'directory.error.departement' }).optional()
);

const pageField = z.preprocess(blank, z.coerce.number({ error: 'directory.error.page' }).int({ error: 'directory.error.page' }).min(1, { error: 'directory.error.page' }).max(MAX_PAGE, { error: 'directory.error.page' }).default(1));

/** /api/v1/places: what is being typed in "Où ?" */
export const placeSuggestionQuery = z.object({ q: text(100) });

export const memberSearchQuery = z.object({
	/** "Qui, quoi ?": names, headline, skills, company, bio */
	q: text(200),
	/** "Où ?": a city, a postcode, a département code or name */
	where: text(100),
	/** km around `where` (a city or postcode); default DEFAULT_RADIUS_KM */
	radius: integer(1, MAX_RADIUS_KM, 'directory.error.radius'),
	sort: z.preprocess(blank, z.enum(SORTS, { error: 'directory.error.sort' }).optional()),
	category: z.preprocess(blank, z.enum(CATEGORIES, { error: 'error.category_invalid' }).optional()),
	skill: text(100),
	company: text(120),
	school: text(120),
	diploma: text(120),
	promo: integer(1900, 2100, 'directory.error.promo'),
	departement: departementCode,
	language: z.preprocess(blank, z.enum(LANGUAGES, { error: 'directory.error.language' }).optional()),
	/** "en ligne maintenant": only members connected right now */
	online: z.preprocess((v) => v === '1' || v === 'on' || v === 'true' || v === true, z.boolean()),
	page: pageField
});
export type MemberSearchQuery = z.infer<typeof memberSearchQuery>;

export const companySearchQuery = z.object({
	/** name, keywords (goods, services, skills), description */
	q: text(200),
	sector: text(100),
	departement: departementCode,
	page: pageField
});
export type CompanySearchQuery = z.infer<typeof companySearchQuery>;

/** The query as URL parameters, without defaults or blanks: what links and the API echo. */
export function queryParams(query: Record<string, string | number | undefined>, overrides: Record<string, string | number | undefined> = {}): URLSearchParams {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries({ ...query, ...overrides })) {
		if (value === undefined || value === '' || (key === 'page' && value === 1)) continue;
		params.set(key, String(value));
	}
	return params;
}
