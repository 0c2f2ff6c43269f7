import { z } from 'zod';
import { optionalText, requiredText } from '../validation.ts';

/** Every ISO 639-1 language code: the only values MemberLanguage.code may hold. */
export const LANGUAGE_CODES = (
	'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu ' +
	'fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km ' +
	'kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om ' +
	'or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ' +
	'ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
).split(' ');

/** CEFR levels plus "native", as the seed writes them. */
export const LANGUAGE_LEVELS = ['native', 'C2', 'C1', 'B2', 'B1', 'A2', 'A1'] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];

export const GALLERY_LIMIT = 12;
export const DOCUMENT_LIMIT = 10;
export const SKILL_LABEL_MAX = 80;

const CURRENT_YEAR = () => new Date().getUTCFullYear();

export const uuid = z.uuid({ error: 'error.not_found' });
export const idInput = z.object({ id: uuid });

const year = z.preprocess(
	(v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? Number(v.trim()) : v),
	z
		.number({ error: 'profiles.error.year_invalid' })
		.int({ error: 'profiles.error.year_invalid' })
		.min(1950, { error: 'profiles.error.year_invalid' })
		.refine((y) => y <= CURRENT_YEAR() + 6, { error: 'profiles.error.year_invalid' })
		.optional()
);

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const MONTH = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

/** "2024-03" (a month input) or "2024-03-15" (a date input) → a UTC date, the 1st when no day. */
const monthDate = () =>
	z
		.string({ error: 'error.required' })
		.regex(MONTH, { error: 'profiles.error.date_invalid' })
		.transform((v) => new Date(`${v.length === 7 ? `${v}-01` : v}T00:00:00Z`))
		.refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1950 && d.getUTCFullYear() <= CURRENT_YEAR() + 6, { error: 'profiles.error.date_invalid' });

const requiredMonth = z.preprocess(blank, monthDate());
const optionalMonth = z.preprocess(blank, monthDate().optional());

export const basicsInput = z.object({
	headline: optionalText(160),
	bio: optionalText(4000),
	address: optionalText(200),
	postcode: optionalText(10).refine((v) => v === undefined || /^[0-9A-Za-z -]{3,10}$/.test(v), { error: 'error.postcode_invalid' }),
	city: optionalText(120),
	phone: optionalText(30).refine((v) => v === undefined || /^\+?[0-9 .()-]{6,30}$/.test(v), { error: 'error.phone_invalid' })
});

/** One or several skills at once, separated by commas or new lines. */
export const skillsInput = z.object({
	labels: z
		.string({ error: 'error.required' })
		.max(2000, { error: 'error.too_long' })
		.transform((v) =>
			v
				.split(/[,;\n]/)
				.map((s) => s.replace(/\s+/g, ' ').trim())
				.filter(Boolean)
		)
		.refine((list) => list.length > 0, { error: 'error.required' })
		.refine((list) => list.length <= 30, { error: 'profiles.error.too_many_skills' })
		.refine((list) => list.every((s) => s.length <= SKILL_LABEL_MAX), { error: 'profiles.error.skill_too_long' })
});

export const skillIdInput = z.object({ skillId: uuid });

export const certificationInput = z.object({
	name: requiredText(160),
	issuer: optionalText(160),
	obtainedOn: optionalMonth
});

export const missionInput = z.object({
	title: requiredText(160),
	client: optionalText(160),
	description: optionalText(2000),
	year
});

export const experienceInput = z
	.object({
		title: requiredText(160),
		companyName: requiredText(160),
		location: optionalText(120),
		startedOn: requiredMonth,
		endedOn: optionalMonth,
		description: optionalText(2000)
	})
	.refine((e) => !e.endedOn || !e.startedOn || e.endedOn >= e.startedOn, { error: 'profiles.error.end_before_start', path: ['endedOn'] });

export const educationInput = z.object({
	school: requiredText(160),
	diploma: requiredText(160),
	promoYear: year
});

export const languageInput = z.object({
	code: z.enum(LANGUAGE_CODES as [string, ...string[]], { error: 'profiles.error.language_invalid' }),
	level: z.enum(LANGUAGE_LEVELS, { error: 'profiles.error.level_invalid' })
});

export const languageCodeInput = z.object({ code: z.enum(LANGUAGE_CODES as [string, ...string[]], { error: 'profiles.error.language_invalid' }) });

export const documentTitleInput = z.object({ title: requiredText(120) });
export const galleryTitleInput = z.object({ title: optionalText(120) });

export const moveInput = z.object({ id: uuid, direction: z.enum(['up', 'down'], { error: 'error.invalid_form' }) });

export const slugInput = z.string().trim().min(1).max(80).regex(/^[a-z0-9-]+$/);
