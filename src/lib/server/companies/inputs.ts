import { z } from 'zod';
import { checkbox, optionalText, requiredText } from '../validation.ts';
import { isValidSiret, normalizeNaf, normalizeSiret } from './siret.ts';

/** Form fields arrive as strings; these schemas carry message keys as their errors (see parseInput). */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

export const siretField = z.preprocess(
	blankToUndefined,
	z
		.string({ error: 'companies.error.siret_invalid' })
		.max(30, { error: 'companies.error.siret_invalid' })
		.transform(normalizeSiret)
		.refine((v) => /^\d{14}$/.test(v), { error: 'companies.error.siret_format' })
		.refine(isValidSiret, { error: 'companies.error.siret_checksum' })
		.optional()
);

const nafField = z.preprocess(
	blankToUndefined,
	z
		.string()
		.max(12, { error: 'companies.error.naf_invalid' })
		.transform((v, ctx) => {
			const naf = normalizeNaf(v);
			if (!naf) {
				ctx.addIssue({ code: 'custom', message: 'companies.error.naf_invalid' });
				return z.NEVER;
			}
			return naf;
		})
		.optional()
);

const phoneField = optionalText(30).refine((v) => v === undefined || /^\+?[0-9 .()-]{6,30}$/.test(v), { error: 'error.phone_invalid' });

const websiteField = z.preprocess(
	(v) => {
		const text = blankToUndefined(v);
		// "www.exemple.fr" is what people type: it means https
		return typeof text === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(text) ? `https://${text}` : text;
	},
	z
		.string()
		.max(300, { error: 'error.too_long' })
		.refine(
			(v) => {
				try {
					const url = new URL(v);
					return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.') && !url.username && !url.password;
				} catch {
					return false;
				}
			},
			{ error: 'companies.error.website_invalid' }
		)
		.optional()
);

const contactEmailField = z.preprocess(
	blankToUndefined,
	z.string().max(254, { error: 'error.too_long' }).toLowerCase().pipe(z.email({ error: 'error.email_invalid' })).optional()
);

export const MAX_KEYWORDS = 10;

/** "plomberie; chauffage, pompes à chaleur" → three keywords (coop seed: at most 10, separated by ";"). */
const keywordsField = z.preprocess(
	(v) => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(';') : ''),
	z
		.string()
		.max(600, { error: 'error.too_long' })
		.transform((v) => {
			// first spelling wins; "Web" and "web" are one keyword
			const seen = new Map<string, string>();
			for (const k of v.split(/[;,\n]/).map((k) => k.trim().replace(/\s+/g, ' ')).filter(Boolean)) if (!seen.has(k.toLowerCase())) seen.set(k.toLowerCase(), k);
			return [...seen.values()];
		})
		.refine((list) => list.length <= MAX_KEYWORDS, { error: 'companies.error.keywords_count' })
		.refine((list) => list.every((k) => k.length <= 40), { error: 'companies.error.keyword_too_long' })
);

export const companyInput = z.object({
	legalName: requiredText(200),
	title: requiredText(120),
	description: optionalText(5000),
	siret: siretField,
	nafCode: nafField,
	sector: optionalText(120),
	address: optionalText(200),
	postcode: optionalText(10).refine((v) => v === undefined || /^[0-9A-Za-z -]{3,10}$/.test(v), { error: 'error.postcode_invalid' }),
	city: optionalText(120),
	phone: phoneField,
	fax: phoneField,
	contactEmail: contactEmailField,
	website: websiteField,
	keywords: keywordsField
});
export type CompanyInput = z.infer<typeof companyInput>;

export const companyUpdateInput = companyInput.extend({ removeLogo: checkbox });

/** Slugs in URLs: anything else cannot name a company. */
export const slugInput = z.string().max(80).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

const id = z.uuid({ error: 'companies.error.not_found' });

export const joinInput = z.object({ jobTitle: optionalText(120) });

export const memberTargetInput = z.object({ memberId: id });

export const roleInput = z.object({
	memberId: id,
	role: z.enum(['employee', 'advertiser', 'admin'], { error: 'companies.error.role_invalid' })
});

export const jobTitleInput = z.object({ memberId: id, jobTitle: optionalText(120) });

export const MAX_PRICE_CENTS = 1_000_000_000; // 10 million euros: within a 32-bit integer

/** "1 234,50", "1234.5", "12 €" → cents; blank → null ("sur devis"). */
const priceField = z.preprocess(
	blankToUndefined,
	z
		.string()
		.max(20, { error: 'companies.error.price_invalid' })
		.transform((v, ctx) => {
			const compact = v.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
			if (!/^\d+(\.\d{1,2})?$/.test(compact)) {
				ctx.addIssue({ code: 'custom', message: 'companies.error.price_invalid' });
				return z.NEVER;
			}
			const [euros, cents = ''] = compact.split('.');
			const value = Number(euros) * 100 + Number(cents.padEnd(2, '0'));
			if (!Number.isSafeInteger(value) || value > MAX_PRICE_CENTS) {
				ctx.addIssue({ code: 'custom', message: 'companies.error.price_invalid' });
				return z.NEVER;
			}
			return value;
		})
		.optional()
);

export const catalogItemInput = z.object({
	reference: optionalText(60),
	name: requiredText(160),
	description: optionalText(3000),
	price: priceField,
	unit: optionalText(40)
});

export const catalogItemUpdateInput = catalogItemInput.extend({ itemId: id });

export const catalogItemTargetInput = z.object({ itemId: id });

export const catalogPhotoInput = z.object({ itemId: id, photo: z.string().max(60).regex(/^[0-9a-f-]{36}\.webp$/, { error: 'companies.error.photo_not_found' }) });

export const catalogMoveInput = z.object({ itemId: id, direction: z.enum(['up', 'down'], { error: 'error.invalid_form' }) });

/** The text fields of the company form, e.g. to echo them back after a failure. */
export const COMPANY_FIELDS = Object.keys(companyInput.shape) as (keyof typeof companyInput.shape)[];
