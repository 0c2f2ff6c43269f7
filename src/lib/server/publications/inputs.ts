import { z } from 'zod';
import { MAX_RADIUS_KM } from '../directory/index.ts';

/**
 * What the doors (publish form, feed and tabs query strings, the JSON API) hand to the domain.
 * Form fields arrive as strings; blank means absent. Every error text is a message key.
 */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const uuid = z.uuid({ error: 'publications.error.bad_id' });
/** one value or several (checkboxes, repeated query parameters), blanks dropped */
const list = <T extends z.ZodType>(item: T) =>
	z.preprocess((v) => (v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).filter((x) => blank(x) !== undefined)), z.array(item).max(500, { error: 'error.invalid_form' }));

export const PUBLISHABLE_KINDS = ['news', 'offer', 'demand'] as const;
export const AUDIENCES = ['public', 'members', 'contacts', 'selected'] as const;
export const MAX_PHOTOS = 3;

export const publicationInput = z.object({
	kind: z.enum([...PUBLISHABLE_KINDS, 'job'], { error: 'publications.error.kind' }),
	audience: z.preprocess((v) => blank(v) ?? 'public', z.enum(AUDIENCES, { error: 'publications.error.audience' })),
	recipientIds: list(uuid),
	groupIds: list(uuid),
	/** publish in this company's name (its active advertisers and admins only) */
	companyId: z.preprocess(blank, uuid.optional()),
	title: z.string({ error: 'error.required' }).trim().min(3, { error: 'publications.error.title_short' }).max(150, { error: 'error.too_long' }),
	body: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(20_000, { error: 'error.too_long' }),
	/** a city, a postcode ("69003", "Lyon (69)") */
	place: z.preprocess(blank, z.string().trim().max(100, { error: 'error.too_long' }).optional()),
	/** euros, "1 200,50" accepted */
	price: z.preprocess(
		(v) => (typeof blank(v) === 'string' ? Number((v as string).replace(/\s/g, '').replace(',', '.')) : blank(v)),
		z.number({ error: 'publications.error.price' }).min(0, { error: 'publications.error.price' }).max(100_000_000, { error: 'publications.error.price' }).optional()
	),
	/** YYYY-MM-DD: the ad leaves the tabs and feeds at the end of that day (Paris time) */
	expiresOn: z.preprocess(blank, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'publications.error.expires' }).optional())
});
export type PublicationInput = z.infer<typeof publicationInput>;

export const publicationTarget = z.object({ id: uuid });

export const reportInput = z.object({
	reason: z.enum(['spam', 'abuse', 'scam', 'other'], { error: 'publications.error.report_reason' }),
	details: z.preprocess(blank, z.string().trim().max(1000, { error: 'error.too_long' }).optional())
});

const text = (max: number) => z.preprocess(blank, z.string({ error: 'error.invalid_form' }).trim().max(max, { error: 'error.too_long' }).optional());
const date = z.preprocess(blank, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'publications.error.date' }).optional());

export const TAB_KINDS = ['news', 'offer', 'demand', 'job'] as const;

/** /actualites, /offres, /demandes, /emploi and GET /api/v1/publications */
export const tabQuery = z.object({
	type: z.preprocess(blank, z.enum(TAB_KINDS, { error: 'publications.error.kind' }).optional()),
	q: text(200),
	/** a city, a postcode or a département */
	place: text(100),
	radius: z.preprocess(blank, z.coerce.number({ error: 'directory.error.radius' }).int({ error: 'directory.error.radius' }).min(1, { error: 'directory.error.radius' }).max(MAX_RADIUS_KM, { error: 'directory.error.radius' }).optional()),
	/** a company's slug */
	company: text(120),
	from: date,
	to: date,
	page: z.preprocess(blank, z.coerce.number({ error: 'directory.error.page' }).int({ error: 'directory.error.page' }).min(1, { error: 'directory.error.page' }).max(500, { error: 'directory.error.page' }).default(1)),
	/** keyset: the last item of the previous page (opaque) — instead of `page` */
	cursor: text(200)
});
export type TabQuery = z.infer<typeof tabQuery>;

export const feedQuery = z.object({ cursor: text(200) });
