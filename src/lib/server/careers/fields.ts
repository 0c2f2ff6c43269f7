import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';
import { email, optionalText, requiredText } from '../validation.ts';
import type { ContractType } from '../generated/prisma/enums.ts';

/**
 * What a job offer is made of (ECE "Déposer une offre ou un stage", Datalumni part 4): the lists
 * the filters and the weekly alert choose from, the posting form's schema, and the description's
 * sanitizer (formatted text, never a script).
 */
export const CONTRACT_TYPES = ['cdi', 'cdd', 'internship', 'apprenticeship', 'freelance', 'vie', 'other'] as const satisfies readonly ContractType[];

/** Sectors of activity ("secteur d'activité"): one fixed list, so that filters and alerts match. */
export const SECTORS = [
	'it',
	'engineering',
	'industry',
	'energy',
	'construction',
	'finance',
	'consulting',
	'commerce',
	'marketing',
	'health',
	'education',
	'research',
	'legal',
	'hr',
	'logistics',
	'public',
	'nonprofit',
	'other'
] as const;
export type Sector = (typeof SECTORS)[number];

export const AUDIENCES = ['public', 'members', 'contacts', 'selected'] as const;

const day = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'careers.error.date' })
	.refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: 'careers.error.date' });
const optionalDay = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), day.optional());
const ids = z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.uuid({ error: 'error.invalid_form' })).max(200));
const bool = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

/** The posting form ("Déposer une offre"); the same schema when editing. */
export const offerInput = z.object({
	title: requiredText(150),
	employer: requiredText(150),
	contractType: z.enum(CONTRACT_TYPES, { error: 'careers.error.contract' }),
	sector: z.enum(SECTORS, { error: 'careers.error.sector' }),
	place: optionalText(120),
	remote: bool,
	startsOn: optionalDay,
	deadline: optionalDay,
	description: requiredText(20_000),
	applyEmail: email,
	audience: z.preprocess((v) => (v === undefined || v === '' ? 'members' : v), z.enum(AUDIENCES, { error: 'error.invalid_form' })),
	recipientIds: ids,
	groupIds: ids,
	companyId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ error: 'error.invalid_form' }).optional())
});
export type OfferInput = z.infer<typeof offerInput>;

export const offerRef = z.object({ offerId: z.uuid({ error: 'careers.error.not_found' }) });

const ALLOWED_TAGS = ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'blockquote'];

function escape(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The description as stored: formatted text through an allow-list (paragraphs, emphasis, lists,
 * links in http(s)/mailto, small headings). Plain text (no tag) keeps its paragraphs and line
 * breaks. Scripts, styles, event handlers and other schemes are dropped.
 */
export function sanitizeDescription(input: string): string {
	const text = input.replace(/\r\n?/g, '\n').trim();
	const html = /<[a-z][^>]*>/i.test(text)
		? text
		: text
				.split(/\n{2,}/)
				.map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
				.join('');
	return sanitizeHtml(html, {
		allowedTags: ALLOWED_TAGS,
		allowedAttributes: { a: ['href', 'rel', 'target'] },
		allowedSchemes: ['http', 'https', 'mailto'],
		transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer', target: '_blank' }) },
		disallowedTagsMode: 'discard'
	});
}

/** The description without markup: what search indexes and plain-text mails show. */
export function plainText(html: string): string {
	return sanitizeHtml(html.replace(/<\/(p|li|h3|h4|blockquote)>|<br\s*\/?>/gi, '$&\n'), { allowedTags: [], allowedAttributes: {} })
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

/** 'YYYY-MM-DD' → the Date Prisma stores in a @db.Date column. */
export function dateOnly(value: string | undefined): Date | null {
	return value ? new Date(`${value}T00:00:00Z`) : null;
}

export function isoDay(value: Date | null | undefined): string | null {
	return value ? value.toISOString().slice(0, 10) : null;
}
