import { z } from 'zod';
import { checkbox, email, optionalText, requiredText } from '../validation.ts';
import { newPassword } from '../auth/inputs.ts';
import { GOODS, LEGAL_FORMS, MAX_GOODS, MAX_SKILLS, SECTORS, splitSkills } from './catalog.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const optionalEmail = z.preprocess(blank, email.optional());
const phone = optionalText(30).refine((v) => v === undefined || /^\+?[0-9 .()-]{6,30}$/.test(v), { error: 'error.phone_invalid' });
const postcode = z
	.string({ error: 'error.required' })
	.trim()
	.min(1, { error: 'error.required' })
	.regex(/^(\d{5}|\d[0-9AB]\d{3})$/, { error: 'referencing.error.postcode' });
const optionalPostcode = z.preprocess(blank, postcode.optional());
const website = z.preprocess(
	blank,
	z
		.string()
		.max(300, { error: 'error.too_long' })
		.refine((v) => /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v), { error: 'companies.error.website_invalid' })
		.optional()
);
/** a whole number of euros / kg, spaces allowed ("1 250 000") */
const wholeNumber = (max: number) =>
	z.preprocess(
		(v) => (typeof v === 'string' ? (v.replace(/[\s\u00a0\u202f€]/g, '') === '' ? undefined : Number(v.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.'))) : v),
		z.number({ error: 'referencing.error.number' }).int({ error: 'referencing.error.number' }).min(0, { error: 'referencing.error.number' }).max(max, { error: 'referencing.error.number' }).optional()
	);
const year = z.preprocess(
	(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
	z.number({ error: 'referencing.error.year' }).int({ error: 'referencing.error.year' }).min(1900, { error: 'referencing.error.year' }).max(2100, { error: 'referencing.error.year' }).optional()
);

/** Step 1 for a visitor: the identifiers (the platform's password rules, not the manual's 6 to 8 signs). */
export const identifiersInput = z
	.object({ firstName: requiredText(80), lastName: requiredText(80), email, password: newPassword, passwordConfirm: z.string({ error: 'error.required' }) })
	.refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], error: 'referencing.error.password_mismatch' });

export const step2Input = z.object({
	name: requiredText(120),
	legalName: optionalText(200),
	legalForm: z.preprocess(blank, z.enum(LEGAL_FORMS, { error: 'referencing.error.legal_form' }).optional()),
	phone,
	website,
	consultationEmail: optionalEmail,
	sector: z.enum(SECTORS, { error: 'referencing.error.sector' }),
	activity: requiredText(3000),
	goods: z
		.array(z.enum(GOODS, { error: 'referencing.error.goods_unknown' }), { error: 'referencing.error.goods_required' })
		.min(1, { error: 'referencing.error.goods_required' })
		.max(MAX_GOODS, { error: 'referencing.error.goods_max' }),
	skills: z
		.string({ error: 'referencing.error.skills_required' })
		.transform(splitSkills)
		.pipe(
			z
				.array(z.string().max(60, { error: 'referencing.error.skill_too_long' }))
				.min(1, { error: 'referencing.error.skills_required' })
				.max(MAX_SKILLS, { error: 'referencing.error.skills_max' })
		)
});

export const step3Input = z.object({
	certifications: optionalText(2000),
	carbonFootprint: wholeNumber(1_000_000_000),
	guarantees: optionalText(2000)
});

export const step4Input = z.object({ turnover: wholeNumber(100_000_000_000), turnoverYear: year, workforce: wholeNumber(1_000_000) });

const contact = z.object({ name: requiredText(120), role: optionalText(120), email: optionalEmail, phone });
export const step5Input = z.object({
	address: requiredText(200),
	postcode,
	city: requiredText(120),
	managerName: requiredText(120),
	managerTitle: optionalText(120),
	contacts: z.array(contact).max(10, { error: 'referencing.error.too_many' })
});

const establishment = z.object({ name: requiredText(120), address: optionalText(200), postcode: optionalPostcode, city: requiredText(120), phone });
export const step6Input = z.object({ hasEstablishments: checkbox, establishments: z.array(establishment).max(30, { error: 'referencing.error.too_many' }) });

const reference = z.object({ client: requiredText(160), description: optionalText(1000), year });
export const step7Input = z.object({ hasReferences: checkbox, references: z.array(reference).max(30, { error: 'referencing.error.too_many' }) });

export type Step2 = z.infer<typeof step2Input>;
export type Contact = z.infer<typeof contact>;
export type Establishment = z.infer<typeof establishment>;
export type Reference = z.infer<typeof reference>;

export const buyerInput = z.object({
	lastName: requiredText(80),
	firstName: requiredText(80),
	institution: requiredText(160),
	email,
	password: newPassword
});

export const moderationInput = z.object({
	decision: z.enum(['approve', 'changes', 'refuse'], { error: 'referencing.error.decision' }),
	reason: optionalText(2000)
});

export const preregisterInput = z.object({ name: requiredText(120), email, postcode: optionalPostcode, city: optionalText(120), sector: z.preprocess(blank, z.enum(SECTORS, { error: 'referencing.error.sector' }).optional()) });

/**
 * Rows of a repeated group sent as `contacts.0.name`, `contacts.0.role`, `contacts.1.name`…:
 * a row whose fields are all blank is dropped (the spare row of the form).
 */
export function rowsOf(raw: Record<string, unknown>, group: string, fields: readonly string[]): Record<string, string>[] {
	const rows = new Map<number, Record<string, string>>();
	const pattern = new RegExp(`^${group}\\.(\\d{1,2})\\.(${fields.join('|')})$`);
	for (const [key, value] of Object.entries(raw)) {
		const m = key.match(pattern);
		if (!m || typeof value !== 'string') continue;
		const i = Number(m[1]);
		rows.set(i, { ...(rows.get(i) ?? {}), [m[2]!]: value });
	}
	return [...rows.entries()]
		.sort(([a], [b]) => a - b)
		.map(([, row]) => row)
		.filter((row) => Object.values(row).some((v) => v.trim() !== ''));
}
