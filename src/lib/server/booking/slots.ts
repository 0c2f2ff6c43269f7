import { addDays, compareDates, formatLocalDate, isoWeekday, localDateOf, wallClock, zonedToUtc, type LocalDate } from '../calendar/tz.ts';

/**
 * The slot engine — pure: no database, no clock, no network. Given a provider's weekly hours and
 * date overrides (wall-clock minutes in the schedule's IANA zone), an appointment type's rules and
 * the busy time known elsewhere, it lists the start times a booker may choose. All instants are
 * epoch milliseconds (UTC); local days are computed in the schedule's zone, so DST days have 23 or
 * 25 real hours and working hours stay at their wall-clock times.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface MinuteRange {
	/** minutes since local midnight; end exclusive, up to 1440 */
	startMinute: number;
	endMinute: number;
}

export interface WeeklyRange extends MinuteRange {
	/** ISO weekday: 1 = Monday … 7 = Sunday */
	weekday: number;
}

export interface DateOverrideRule {
	/** YYYY-MM-DD in the schedule's zone */
	date: string;
	/** the hours of that date instead of the weekly ones; empty = day off */
	ranges: MinuteRange[];
}

export interface ScheduleRules {
	timezone: string;
	weekly: WeeklyRange[];
	overrides: DateOverrideRule[];
}

export interface AppointmentRules {
	durationMinutes: number;
	/** minutes between proposed start times; default: the duration */
	slotIntervalMinutes?: number | null;
	bufferBeforeMinutes?: number;
	bufferAfterMinutes?: number;
	minimumNoticeMinutes?: number;
	/** how far ahead one may book, in days from now */
	horizonDays?: number;
	/** at most this many bookings of this type per local day of the provider */
	maxPerDay?: number | null;
}

/** Time the provider is not available. Existing bookings carry their own buffers. */
export interface BusyInterval {
	start: number;
	end: number;
	bufferBeforeMinutes?: number;
	bufferAfterMinutes?: number;
	/** counts toward the type's `maxPerDay` (a live booking of the same type) */
	countsTowardLimit?: boolean;
}

export interface Slot {
	start: number;
	end: number;
}

export interface SlotQuery {
	schedule: ScheduleRules;
	type: AppointmentRules;
	busy: readonly BusyInterval[];
	/** window asked for (UTC instants); slots must start inside [from, to) */
	from: number;
	to: number;
	now: number;
}

/** Sorted, merged intervals with a binary search for overlaps. */
export class IntervalSet {
	private starts: number[] = [];
	private ends: number[] = [];

	constructor(intervals: Iterable<{ start: number; end: number }>) {
		const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
		for (const { start, end } of sorted) {
			const last = this.ends.length - 1;
			if (last >= 0 && start <= this.ends[last]!) this.ends[last] = Math.max(this.ends[last]!, end);
			else {
				this.starts.push(start);
				this.ends.push(end);
			}
		}
	}

	/** true when [start, end) meets any interval */
	overlaps(start: number, end: number): boolean {
		// first interval whose end is after `start`
		let lo = 0;
		let hi = this.ends.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.ends[mid]! <= start) lo = mid + 1;
			else hi = mid;
		}
		return lo < this.starts.length && this.starts[lo]! < end;
	}

	get size() {
		return this.starts.length;
	}
}

/** Merge overlapping or touching minute ranges of one day. */
function mergeRanges(ranges: readonly MinuteRange[]): MinuteRange[] {
	const sorted = ranges
		.map((r) => ({ startMinute: Math.max(0, r.startMinute), endMinute: Math.min(1440, r.endMinute) }))
		.filter((r) => r.endMinute > r.startMinute)
		.sort((a, b) => a.startMinute - b.startMinute);
	const out: MinuteRange[] = [];
	for (const r of sorted) {
		const last = out.at(-1);
		if (last && r.startMinute <= last.endMinute) last.endMinute = Math.max(last.endMinute, r.endMinute);
		else out.push({ ...r });
	}
	return out;
}

/** The working ranges of one local date: its override if any, else the weekly hours of its weekday. */
export function rangesOf(schedule: ScheduleRules, date: LocalDate, overrides = overrideIndex(schedule)): MinuteRange[] {
	const override = overrides.get(formatLocalDate(date));
	if (override) return mergeRanges(override);
	const weekday = isoWeekday(date);
	return mergeRanges(schedule.weekly.filter((r) => r.weekday === weekday));
}

function overrideIndex(schedule: ScheduleRules): Map<string, MinuteRange[]> {
	const index = new Map<string, MinuteRange[]>();
	for (const o of schedule.overrides) index.set(o.date, [...(index.get(o.date) ?? []), ...o.ranges]);
	return index;
}

/** Working intervals (UTC) covering the local dates that meet [from, to). */
export function workingIntervals(schedule: ScheduleRules, from: number, to: number): { date: LocalDate; start: number; end: number }[] {
	const overrides = overrideIndex(schedule);
	const out: { date: LocalDate; start: number; end: number }[] = [];
	const last = localDateOf(schedule.timezone, to);
	for (let date = addDays(localDateOf(schedule.timezone, from), -1); compareDates(date, last) <= 0; date = addDays(date, 1)) {
		for (const range of rangesOf(schedule, date, overrides)) {
			const start = zonedToUtc(schedule.timezone, date, range.startMinute);
			const end = zonedToUtc(schedule.timezone, date, range.endMinute);
			if (end > from && start < to && end > start) out.push({ date, start, end });
		}
	}
	return out;
}

/** Busy intervals widened by their own buffers (a booking's buffers protect it too). */
export function blockedSet(busy: readonly BusyInterval[]): IntervalSet {
	return new IntervalSet(
		busy.map((b) => ({ start: b.start - (b.bufferBeforeMinutes ?? 0) * MINUTE, end: b.end + (b.bufferAfterMinutes ?? 0) * MINUTE }))
	);
}

/** Live bookings of the type counted per local date (YYYY-MM-DD) of the schedule's zone. */
function perDayCounts(timezone: string, busy: readonly BusyInterval[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const b of busy) {
		if (!b.countsTowardLimit) continue;
		const key = formatLocalDate(localDateOf(timezone, b.start));
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return counts;
}

/** Every bookable slot starting in [from, to), in time order. */
export function computeSlots(query: SlotQuery, blocked: IntervalSet = blockedSet(query.busy)): Slot[] {
	const { schedule, type, now } = query;
	const duration = type.durationMinutes * MINUTE;
	const step = Math.max(5, type.slotIntervalMinutes ?? type.durationMinutes) * MINUTE;
	const before = (type.bufferBeforeMinutes ?? 0) * MINUTE;
	const after = (type.bufferAfterMinutes ?? 0) * MINUTE;
	const earliest = now + (type.minimumNoticeMinutes ?? 0) * MINUTE;
	const latest = type.horizonDays != null ? now + type.horizonDays * DAY : Number.POSITIVE_INFINITY;
	const from = Math.max(query.from, earliest);
	const to = Math.min(query.to, latest);
	if (duration <= 0 || from >= to) return [];
	const counts = type.maxPerDay != null ? perDayCounts(schedule.timezone, query.busy) : null;
	const slots: Slot[] = [];
	const seen = new Set<number>();
	for (const range of workingIntervals(schedule, from, to)) {
		if (counts && (counts.get(formatLocalDate(range.date)) ?? 0) >= type.maxPerDay!) continue;
		// start times are aligned on the start of the working range
		for (let start = range.start; start + duration <= range.end; start += step) {
			if (start < from) continue;
			if (start >= to) break;
			const end = start + duration;
			if (seen.has(start)) continue;
			if (blocked.overlaps(start - before, end + after)) continue;
			seen.add(start);
			slots.push({ start, end });
		}
	}
	return slots.sort((a, b) => a.start - b.start);
}

/** Whether one precise slot is bookable under the rules (the commit-time re-check). */
export function isSlotAvailable(query: Omit<SlotQuery, 'from' | 'to'>, start: number): boolean {
	const slots = computeSlots({ ...query, from: start, to: start + 1 });
	return slots.some((s) => s.start === start);
}

export interface LocalSlot extends Slot {
	/** HH:MM in the viewer's zone */
	time: string;
}

/** Slots grouped by the viewer's local date (YYYY-MM-DD), labelled with the viewer's wall clock. */
export function groupByLocalDay(slots: readonly Slot[], timeZone: string): { date: string; slots: LocalSlot[] }[] {
	const days = new Map<string, LocalSlot[]>();
	for (const slot of slots) {
		const w = wallClock(timeZone, slot.start);
		const key = formatLocalDate(w);
		const list = days.get(key) ?? [];
		list.push({ ...slot, time: `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}` });
		days.set(key, list);
	}
	return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([date, list]) => ({ date, slots: list }));
}
