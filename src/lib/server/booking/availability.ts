import { z } from 'zod';
import { context } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import type { Actor } from '../auth/accounts.ts';
import { parseInput } from '../validation.ts';
import { providerBusyTimes, type ConnectionFailure } from '../calendar/connections.ts';
import type { Database } from '../db.ts';
import { blockedSet, computeSlots, groupByLocalDay, type AppointmentRules, type BusyInterval, type ScheduleRules, type Slot } from './slots.ts';
import { formatLocalDate, isValidTimezone } from '../calendar/tz.ts';

/**
 * Availability as the world sees it: the provider's rules from the database, busy time from the
 * connected calendars, live bookings (with their buffers) and other people's holds, fed to the pure
 * slot engine. Busy events' content never leaves the calendar layer: only intervals arrive here.
 */

const DAY = 86_400_000;
export const MAX_RANGE_DAYS = 62;
export const LIVE_STATUSES = ['pending', 'confirmed'] as const;

type Tx = Pick<Database, 'booking' | 'slotHold'>;

export interface ProviderRules {
	providerId: string;
	providerName: string;
	providerEmail: string;
	providerLocale: 'fr' | 'en';
	slug: string;
	schedule: ScheduleRules;
}

/** The provider's schedule, or NotFound when they do not take online appointments. */
export async function loadProviderRules(providerId: string): Promise<ProviderRules> {
	const { db } = context();
	const row = await db.availabilitySchedule.findUnique({
		where: { providerId },
		include: {
			workingHours: true,
			overrides: true,
			provider: { select: { firstName: true, lastName: true, email: true, locale: true, slug: true, status: true } }
		}
	});
	if (!row || !row.enabled || row.provider.status !== 'active') throw notFound('booking.error.provider_not_found');
	const overrides = new Map<string, { startMinute: number; endMinute: number }[]>();
	for (const o of row.overrides) {
		const date = o.date.toISOString().slice(0, 10);
		const list = overrides.get(date) ?? [];
		if (o.startMinute != null && o.endMinute != null) list.push({ startMinute: o.startMinute, endMinute: o.endMinute });
		overrides.set(date, list);
	}
	return {
		providerId,
		providerName: `${row.provider.firstName} ${row.provider.lastName}`.trim(),
		providerEmail: row.provider.email,
		providerLocale: row.provider.locale,
		slug: row.provider.slug,
		schedule: {
			timezone: row.timezone,
			weekly: row.workingHours.map((w) => ({ weekday: w.weekday, startMinute: w.startMinute, endMinute: w.endMinute })),
			overrides: [...overrides].map(([date, ranges]) => ({ date, ranges }))
		}
	};
}

export async function loadAppointmentType(providerId: string, typeId: string | undefined) {
	const { db } = context();
	const type = typeId
		? await db.appointmentType.findFirst({ where: { id: typeId, providerId, active: true } })
		: await db.appointmentType.findFirst({ where: { providerId, active: true }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] });
	if (!type) throw notFound('booking.error.type_not_found');
	return type;
}

export function typeRules(type: { durationMinutes: number; slotIntervalMinutes: number | null; bufferBeforeMinutes: number; bufferAfterMinutes: number; minimumNoticeMinutes: number; horizonDays: number; maxPerDay: number | null }): AppointmentRules {
	return {
		durationMinutes: type.durationMinutes,
		slotIntervalMinutes: type.slotIntervalMinutes,
		bufferBeforeMinutes: type.bufferBeforeMinutes,
		bufferAfterMinutes: type.bufferAfterMinutes,
		minimumNoticeMinutes: type.minimumNoticeMinutes,
		horizonDays: type.horizonDays,
		maxPerDay: type.maxPerDay
	};
}

/** Live bookings and unexpired holds of the provider around [from, to), as busy intervals. */
export async function bookedIntervals(tx: Tx, providerId: string, typeId: string, from: number, to: number, now: number, options: { exceptHoldHash?: string; exceptBookingId?: string } = {}): Promise<BusyInterval[]> {
	// a day either side: buffers and the per-day limit look past the window
	const around = { gte: new Date(from - DAY), lt: new Date(to + DAY) };
	const [bookings, holds] = await Promise.all([
		tx.booking.findMany({
			where: { providerId, status: { in: [...LIVE_STATUSES] }, startAt: around, ...(options.exceptBookingId ? { id: { not: options.exceptBookingId } } : {}) },
			select: { startAt: true, endAt: true, bufferBeforeMinutes: true, bufferAfterMinutes: true, appointmentTypeId: true }
		}),
		tx.slotHold.findMany({
			where: { providerId, expiresAt: { gt: new Date(now) }, startAt: around, ...(options.exceptHoldHash ? { tokenHash: { not: options.exceptHoldHash } } : {}) },
			select: { startAt: true, endAt: true }
		})
	]);
	return [
		...bookings.map((b) => ({
			start: b.startAt.getTime(),
			end: b.endAt.getTime(),
			bufferBeforeMinutes: b.bufferBeforeMinutes,
			bufferAfterMinutes: b.bufferAfterMinutes,
			countsTowardLimit: b.appointmentTypeId === typeId
		})),
		...holds.map((h) => ({ start: h.startAt.getTime(), end: h.endAt.getTime() }))
	];
}

const slotsInput = z.object({
	from: z.iso.datetime({ offset: true, error: 'booking.error.range_invalid' }).optional(),
	to: z.iso.datetime({ offset: true, error: 'booking.error.range_invalid' }).optional(),
	type: z.uuid({ error: 'booking.error.type_not_found' }).optional(),
	tz: z.string().max(64).optional()
});

export interface SlotsView {
	providerId: string;
	/** the provider's zone (working hours are written in it) */
	providerTimezone: string;
	/** the zone `days` are grouped and labelled in */
	timezone: string;
	type: { id: string; name: string; durationMinutes: number; priceCents: number | null; requiresConfirmation: boolean };
	from: string;
	to: string;
	slots: { start: string; end: string }[];
	days: { date: string; slots: { start: string; end: string; time: string }[] }[];
	/** only for the provider looking at their own page: calendars that could not be read */
	calendarFailures?: ConnectionFailure[];
}

/** Free slots of a provider for one appointment type, grouped by day in the viewer's zone. */
export async function availableSlots(actor: Actor, providerId: string, raw: unknown, now = Date.now()): Promise<SlotsView> {
	const input = parseInput(slotsInput, raw);
	const timezone = input.tz ?? 'Europe/Paris';
	if (!isValidTimezone(timezone)) throw invalid('booking.error.timezone_invalid', { tz: 'booking.error.timezone_invalid' });
	const from = input.from ? Date.parse(input.from) : now;
	const to = input.to ? Date.parse(input.to) : from + 7 * DAY;
	if (!(to > from) || to - from > MAX_RANGE_DAYS * DAY) throw invalid('booking.error.range_invalid', { to: 'booking.error.range_invalid' });
	const rules = await loadProviderRules(providerId);
	const type = await loadAppointmentType(providerId, input.type);
	const { slots, failures } = await computeProviderSlots(rules, type, from, to, now);
	return {
		providerId,
		providerTimezone: rules.schedule.timezone,
		timezone,
		type: { id: type.id, name: type.name, durationMinutes: type.durationMinutes, priceCents: type.priceCents, requiresConfirmation: type.requiresConfirmation },
		from: new Date(from).toISOString(),
		to: new Date(to).toISOString(),
		slots: slots.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
		days: groupByLocalDay(slots, timezone).map((d) => ({
			date: d.date,
			slots: d.slots.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString(), time: s.time }))
		})),
		...(actor?.memberId === providerId ? { calendarFailures: failures } : {})
	};
}

/** The engine over everything known now (calendars may come from the short cache unless `fresh`). */
export async function computeProviderSlots(rules: ProviderRules, type: Parameters<typeof typeRules>[0] & { id: string }, from: number, to: number, now: number, options: { fresh?: boolean; exceptHoldHash?: string } = {}): Promise<{ slots: Slot[]; failures: ConnectionFailure[] }> {
	const { db } = context();
	const [calendars, booked] = await Promise.all([
		providerBusyTimes(rules.providerId, { from: from - DAY, to: to + DAY }, { timezone: rules.schedule.timezone, fresh: options.fresh, now }),
		bookedIntervals(db, rules.providerId, type.id, from, to, now, { exceptHoldHash: options.exceptHoldHash })
	]);
	const busy = [...calendars.busy, ...booked];
	const slots = computeSlots({ schedule: rules.schedule, type: typeRules(type), busy, from, to, now }, blockedSet(busy));
	return { slots, failures: calendars.failures };
}

export function dateKey(date: Date): string {
	return formatLocalDate({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}
