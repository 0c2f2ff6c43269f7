import { z } from 'zod';
import { email, isTimezone, optionalText, requiredText } from '../validation.ts';
import { parseLocalDate, wallClock, zonedToUtc } from '../calendar/tz.ts';
import { invalid } from '../errors.ts';

/** What an organiser's form sends to create an event (strings, as forms send them; arrays for the multiple choices). */
const ROLES = ['member', 'admin', 'student', 'alumni', 'teacher', 'recruiter', 'moderator', 'buyer', 'cooperative'] as const;

const localDateTime = (key: 'error.required') =>
	z.string({ error: key }).trim().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: 'gatherings.error.datetime' });

const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(200));

/** "15", "15,50", "15.5 €" → cents; blank → 0 (free). */
const price = z.preprocess(
	(v) => {
		if (typeof v !== 'string') return v;
		const text = v.replace(/€|\s/g, '').replace(',', '.');
		return text === '' ? undefined : text;
	},
	z.coerce.number({ error: 'gatherings.error.price' }).min(0, { error: 'gatherings.error.price' }).max(100_000, { error: 'gatherings.error.price' }).optional()
);

export const gatheringInput = z
	.object({
		title: requiredText(160),
		description: requiredText(10_000),
		organiserName: requiredText(120),
		organiserEmail: email,
		mode: z.enum(['place', 'online'], { error: 'error.required' }),
		place: optionalText(300),
		start: localDateTime('error.required'),
		end: localDateTime('error.required'),
		timezone: z.string({ error: 'error.required' }).refine(isTimezone, { error: 'gatherings.error.timezone' }),
		price,
		capacity: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ error: 'gatherings.error.capacity' }).int({ error: 'gatherings.error.capacity' }).min(1, { error: 'gatherings.error.capacity' }).max(100_000, { error: 'gatherings.error.capacity' }).optional()),
		deadline: z.preprocess((v) => (v === '' ? undefined : v), localDateTime('error.required').optional()),
		audience: z.enum(['public', 'members', 'roles', 'promotions', 'groups'], { error: 'error.required' }),
		roles: list(z.enum(ROLES, { error: 'error.invalid_form' })),
		promotions: z.preprocess(
			(v) => (typeof v === 'string' ? v.split(/[\s,;]+/).filter(Boolean) : v === undefined ? [] : v),
			z.array(z.coerce.number({ error: 'gatherings.error.promotions' }).int({ error: 'gatherings.error.promotions' }).min(1900, { error: 'gatherings.error.promotions' }).max(2100, { error: 'gatherings.error.promotions' })).max(50)
		),
		groupIds: list(z.uuid({ error: 'error.invalid_form' }))
	})
	.superRefine((v, ctx) => {
		if (v.mode === 'place' && !v.place) ctx.addIssue({ code: 'custom', path: ['place'], message: 'gatherings.error.place_required' });
		if (v.audience === 'roles' && v.roles.length === 0) ctx.addIssue({ code: 'custom', path: ['roles'], message: 'gatherings.error.roles_required' });
		if (v.audience === 'promotions' && v.promotions.length === 0) ctx.addIssue({ code: 'custom', path: ['promotions'], message: 'gatherings.error.promotions' });
		if (v.audience === 'groups' && v.groupIds.length === 0) ctx.addIssue({ code: 'custom', path: ['groupIds'], message: 'gatherings.error.groups_required' });
	});

export type GatheringInput = z.infer<typeof gatheringInput>;

/** "2026-12-10T18:30" read in `timeZone` → the instant. */
export function instantIn(timeZone: string, local: string): Date {
	const [day, time] = local.split('T') as [string, string];
	const date = parseLocalDate(day);
	if (!date) return new Date(NaN);
	const [h, m] = time.split(':').map(Number) as [number, number];
	return new Date(zonedToUtc(timeZone, date, h * 60 + m));
}

/** The instant `at` as a form's "2026-12-10T18:30" in `timeZone` (the edit form shows the organiser's own times). */
export function localInput(timeZone: string, at: Date): string {
	const w = wallClock(timeZone, at.getTime());
	const two = (n: number) => String(n).padStart(2, '0');
	return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour === 24 ? 0 : w.hour)}:${two(w.minute)}`;
}

/** The times of a creation or an edit, checked the same way: start ahead, end after it, deadline not after the start. */
export function timesOf(input: GatheringInput, now: Date): { startAt: Date; endAt: Date; deadline: Date | null } {
	const startAt = instantIn(input.timezone, input.start);
	const endAt = instantIn(input.timezone, input.end);
	const deadline = input.deadline ? instantIn(input.timezone, input.deadline) : null;
	if (Number.isNaN(startAt.getTime())) throw invalid('error.invalid_form', { start: 'gatherings.error.datetime' });
	if (Number.isNaN(endAt.getTime()) || endAt <= startAt) throw invalid('error.invalid_form', { end: 'gatherings.error.end_before_start' });
	if (startAt <= now) throw invalid('error.invalid_form', { start: 'gatherings.error.start_past' });
	if (deadline && (Number.isNaN(deadline.getTime()) || deadline > startAt)) throw invalid('error.invalid_form', { deadline: 'gatherings.error.deadline_after_start' });
	return { startAt, endAt, deadline };
}

/** The form's price ("12,50", blank) in cents. */
/** Who the event is for, as its row stores it: only the list its audience kind uses, each value once. */
export function audienceOf(input: GatheringInput) {
	return {
		audience: input.audience,
		audienceRoles: input.audience === 'roles' ? [...new Set(input.roles)] : [],
		audiencePromotions: input.audience === 'promotions' ? [...new Set(input.promotions)] : [],
		audienceGroupIds: input.audience === 'groups' ? [...new Set(input.groupIds)] : []
	};
}

/** Two stored audiences name the same members (the order of the lists does not matter). */
export function sameAudience(a: { audience: string; audienceRoles: readonly string[]; audiencePromotions: readonly number[]; audienceGroupIds: readonly string[] }, b: typeof a): boolean {
	const key = (x: typeof a) => JSON.stringify([x.audience, [...x.audienceRoles].sort(), [...x.audiencePromotions].sort((m, n) => m - n), [...x.audienceGroupIds].sort()]);
	return key(a) === key(b);
}

export const priceCentsOf = (input: GatheringInput) => Math.round((typeof input.price === 'number' ? input.price : 0) * 100);
