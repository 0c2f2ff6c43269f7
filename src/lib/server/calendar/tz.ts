/**
 * A tiny IANA time-zone helper over Intl (no dependency): wall-clock ↔ UTC conversions that are
 * correct across daylight-saving transitions. Instants are epoch milliseconds.
 */

const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
			weekday: 'short'
		});
		formatters.set(timeZone, f);
	}
	return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall clock of `instant` in `timeZone`. `weekday` is ISO (1 = Monday … 7 = Sunday). */
export interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	weekday: number;
}

export function wallClock(timeZone: string, instant: number): WallClock {
	const out: Record<string, string> = {};
	for (const part of formatter(timeZone).formatToParts(new Date(instant))) out[part.type] = part.value;
	return {
		year: Number(out.year),
		month: Number(out.month),
		day: Number(out.day),
		hour: Number(out.hour),
		minute: Number(out.minute),
		second: Number(out.second),
		weekday: WEEKDAYS[out.weekday!] ?? 0
	};
}

const QUARTER = 15 * MINUTE;
const offsetCache = new Map<string, Map<number, number>>();

/**
 * Minutes to add to UTC to get the wall clock of `timeZone` at `instant` (Paris in summer: +120).
 * Memoised per quarter hour: every zone in use changes offset on a quarter-hour boundary.
 */
export function offsetMinutes(timeZone: string, instant: number): number {
	let zone = offsetCache.get(timeZone);
	if (!zone) offsetCache.set(timeZone, (zone = new Map()));
	const bucket = Math.floor(instant / QUARTER);
	const cached = zone.get(bucket);
	if (cached !== undefined) return cached;
	const w = wallClock(timeZone, bucket * QUARTER);
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	const offset = Math.round((asUtc - bucket * QUARTER) / MINUTE);
	if (zone.size > 200_000) zone.clear();
	zone.set(bucket, offset);
	return offset;
}

/**
 * The instant a wall-clock time happens in `timeZone`. `minuteOfDay` may reach 1440 (midnight at the
 * end of the day). A time skipped by a spring-forward gap maps to the same distance after the gap
 * (02:30 on the last Sunday of March in Paris → 03:30 CEST); an ambiguous fall-back time maps to its
 * first occurrence.
 */
export function zonedToUtc(timeZone: string, date: LocalDate, minuteOfDay: number): number {
	const naive = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
	// at most one transition within a day either side: the offsets there are the only candidates
	const before = offsetMinutes(timeZone, naive - 86_400_000);
	const after = offsetMinutes(timeZone, naive + 86_400_000);
	const valid: number[] = [];
	for (const offset of before === after ? [before] : [before, after]) {
		const candidate = naive - offset * MINUTE;
		if (offsetMinutes(timeZone, candidate) === offset) valid.push(candidate);
	}
	if (valid.length === 0) return naive - before * MINUTE;
	return Math.min(...valid);
}

/** A calendar date without a zone. */
export interface LocalDate {
	year: number;
	month: number;
	day: number;
}

export function localDateOf(timeZone: string, instant: number): LocalDate {
	const w = wallClock(timeZone, instant);
	return { year: w.year, month: w.month, day: w.day };
}

export function addDays(date: LocalDate, days: number): LocalDate {
	const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
	return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
	const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
	return d === 0 ? 7 : d;
}

export function formatLocalDate(date: LocalDate): string {
	return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function parseLocalDate(text: string): LocalDate | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!m) return null;
	const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
	const check = addDays(date, 0);
	return check.year === date.year && check.month === date.month && check.day === date.day ? date : null;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
	return a.year - b.year || a.month - b.month || a.day - b.day;
}

const validZones = new Map<string, boolean>();

export function isValidTimezone(timeZone: string): boolean {
	const known = validZones.get(timeZone);
	if (known !== undefined) return known;
	let valid: boolean;
	try {
		new Intl.DateTimeFormat('en', { timeZone });
		valid = timeZone.includes('/') || timeZone === 'UTC';
	} catch {
		valid = false;
	}
	if (validZones.size < 1000) validZones.set(timeZone, valid);
	return valid;
}
