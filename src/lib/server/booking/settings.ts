import { z } from 'zod';
import { context } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import type { Actor } from '../auth/accounts.ts';
import { requireMember } from '../access/index.ts';
import { parseInput, optionalText, requiredText } from '../validation.ts';
import { listCalendarConnections } from '../calendar/connections.ts';
import { isValidTimezone, parseLocalDate } from '../calendar/tz.ts';
import { isLocale, translate, type MessageKey } from '../../i18n/index.ts';
import { checkDayRanges, hoursError, parseDayHours } from './hours.ts';

/** The provider's own agenda settings: schedule, working hours, date overrides, appointment types. */

const DEFAULT_HOURS = [1, 2, 3, 4, 5].flatMap((weekday) => [
	{ weekday, startMinute: 9 * 60, endMinute: 12 * 60 },
	{ weekday, startMinute: 14 * 60, endMinute: 18 * 60 }
]);

/** Everything /agenda shows; creates the schedule (Mon–Fri 9–12, 14–18 in the member's zone) on first visit. */
export async function agendaSettings(actor: Actor) {
	const providerId = requireMember(actor);
	const { db } = context();
	let schedule = await db.availabilitySchedule.findUnique({ where: { providerId }, include: { workingHours: { orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }] }, overrides: { orderBy: [{ date: 'asc' }, { startMinute: 'asc' }] } } });
	if (!schedule) {
		const member = await db.member.findUniqueOrThrow({ where: { id: providerId }, select: { timezone: true } });
		schedule = await db.availabilitySchedule.create({
			data: { providerId, timezone: member.timezone, enabled: false, workingHours: { create: DEFAULT_HOURS } },
			include: { workingHours: { orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }] }, overrides: { orderBy: [{ date: 'asc' }, { startMinute: 'asc' }] } }
		});
	}
	const types = await db.appointmentType.findMany({ where: { providerId, active: true }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] });
	return {
		timezone: schedule.timezone,
		enabled: schedule.enabled,
		workingHours: schedule.workingHours.map((w) => ({ weekday: w.weekday, startMinute: w.startMinute, endMinute: w.endMinute })),
		overrides: schedule.overrides.map((o) => ({ date: o.date.toISOString().slice(0, 10), startMinute: o.startMinute, endMinute: o.endMinute })),
		types,
		connections: await listCalendarConnections(actor)
	};
}

const minuteRange = z.object({ startMinute: z.number().int().min(0).max(1440), endMinute: z.number().int().min(0).max(1440) });
const localeInput = z.preprocess((v) => (isLocale(v) ? v : 'fr'), z.enum(['fr', 'en']));

const scheduleInput = z.object({
	timezone: z.string().refine(isValidTimezone, { message: 'booking.error.timezone_invalid' }),
	enabled: z.boolean(),
	/** the language of the error messages (day names) */
	locale: localeInput,
	/** ranges as data (API, seed)… */
	workingHours: z.array(minuteRange.extend({ weekday: z.number().int().min(1).max(7) })).max(70).optional(),
	/** …or each day's text as the provider typed it ("9h-12h, 14h-18h"), by ISO weekday "1"…"7" */
	days: z.record(z.string().regex(/^[1-7]$/), z.string().max(500)).optional()
});

/**
 * Replaces the weekly hours (several ranges a day allowed). A range ending before it starts, or
 * overlapping another of the same day, is refused with the day and the ranges named; nothing is saved.
 */
export async function saveSchedule(actor: Actor, raw: unknown) {
	const providerId = requireMember(actor);
	const input = parseInput(scheduleInput, raw);
	const workingHours: { weekday: number; startMinute: number; endMinute: number }[] = [];
	const problems: Parameters<typeof hoursError>[0] = [];
	for (let weekday = 1; weekday <= 7; weekday++) {
		const text = input.days?.[String(weekday)];
		const given = (input.workingHours ?? []).filter((w) => w.weekday === weekday).map(({ startMinute, endMinute }) => ({ startMinute, endMinute }));
		const parsed = text === undefined ? { ranges: given, problems: checkDayRanges(given) } : parseDayHours(text);
		const dayLabel = translate(input.locale, `booking.weekday.${weekday}` as MessageKey);
		for (const problem of parsed.problems) problems.push({ field: `day${weekday}`, dayLabel, problem });
		for (const r of parsed.ranges) workingHours.push({ weekday, ...r });
	}
	if (problems.length) throw hoursError(problems);
	if (workingHours.length > 70) throw invalid('booking.error.hours_invalid');
	const { db } = context();
	await db.$transaction(async (tx) => {
		await tx.availabilitySchedule.upsert({ where: { providerId }, create: { providerId, timezone: input.timezone, enabled: input.enabled }, update: { timezone: input.timezone, enabled: input.enabled } });
		await tx.workingHours.deleteMany({ where: { providerId } });
		if (workingHours.length) await tx.workingHours.createMany({ data: workingHours.map((w) => ({ providerId, ...w })) });
	});
}

const overrideInput = z.object({
	date: z.string().refine((d) => parseLocalDate(d) !== null, { message: 'error.invalid_form' }),
	/** ranges as data, or the text typed ("10h-12h"); empty = day off */
	ranges: z.union([z.array(minuteRange).max(10), z.string().max(500)])
});

/** Sets the hours of one date (empty ranges = day off), replacing what that date had. */
export async function saveDateOverride(actor: Actor, raw: unknown) {
	const providerId = requireMember(actor);
	const input = parseInput(overrideInput, raw);
	const parsed = typeof input.ranges === 'string' ? parseDayHours(input.ranges) : { ranges: input.ranges, problems: checkDayRanges(input.ranges) };
	if (parsed.problems.length) throw hoursError(parsed.problems.map((problem) => ({ field: 'ranges', dayLabel: input.date, problem })));
	const { db } = context();
	const date = new Date(`${input.date}T00:00:00Z`);
	await db.$transaction(async (tx) => {
		const schedule = await tx.availabilitySchedule.findUnique({ where: { providerId }, select: { providerId: true } });
		if (!schedule) throw notFound();
		await tx.dateOverride.deleteMany({ where: { providerId, date } });
		if (parsed.ranges.length) await tx.dateOverride.createMany({ data: parsed.ranges.map((r) => ({ providerId, date, ...r })) });
		else await tx.dateOverride.create({ data: { providerId, date } });
	});
}

export async function removeDateOverride(actor: Actor, dateText: string) {
	const providerId = requireMember(actor);
	if (!parseLocalDate(dateText)) throw invalid('error.invalid_form');
	await context().db.dateOverride.deleteMany({ where: { providerId, date: new Date(`${dateText}T00:00:00Z`) } });
}

const minutes = (max: number) => z.coerce.number().int().min(0).max(max);
const typeInput = z.object({
	id: z.uuid().optional(),
	name: requiredText(120),
	description: optionalText(2000),
	durationMinutes: z.coerce.number().int().min(5).max(720),
	priceCents: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number().int().min(0).max(10_000_000).optional()),
	slotIntervalMinutes: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number().int().min(5).max(720).optional()),
	bufferBeforeMinutes: minutes(240).default(0),
	bufferAfterMinutes: minutes(240).default(0),
	minimumNoticeMinutes: minutes(60 * 24 * 30).default(120),
	horizonDays: z.coerce.number().int().min(1).max(365).default(60),
	maxPerDay: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number().int().min(1).max(100).optional()),
	requiresConfirmation: z.boolean().default(false)
});

/** Creates or updates an appointment type ("Consultation 30 min, gratuite"). */
export async function saveAppointmentType(actor: Actor, raw: unknown): Promise<{ id: string }> {
	const providerId = requireMember(actor);
	const input = parseInput(typeInput, raw);
	const { db } = context();
	const data = {
		name: input.name,
		description: input.description ?? null,
		durationMinutes: input.durationMinutes,
		priceCents: input.priceCents ?? null,
		slotIntervalMinutes: input.slotIntervalMinutes ?? null,
		bufferBeforeMinutes: input.bufferBeforeMinutes,
		bufferAfterMinutes: input.bufferAfterMinutes,
		minimumNoticeMinutes: input.minimumNoticeMinutes,
		horizonDays: input.horizonDays,
		maxPerDay: input.maxPerDay ?? null,
		requiresConfirmation: input.requiresConfirmation
	};
	if (input.id) {
		const { count } = await db.appointmentType.updateMany({ where: { id: input.id, providerId, active: true }, data });
		if (!count) throw notFound('booking.error.type_not_found');
		return { id: input.id };
	}
	const position = await db.appointmentType.count({ where: { providerId } });
	return db.appointmentType.create({ data: { providerId, position, ...data }, select: { id: true } });
}

/** Retires a type: past bookings keep their history, no new ones can be made. */
export async function removeAppointmentType(actor: Actor, id: string) {
	const providerId = requireMember(actor);
	if (!z.uuid().safeParse(id).success) throw notFound('booking.error.type_not_found');
	const { count } = await context().db.appointmentType.updateMany({ where: { id, providerId }, data: { active: false } });
	if (!count) throw notFound('booking.error.type_not_found');
}
