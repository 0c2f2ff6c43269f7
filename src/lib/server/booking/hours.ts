import { DomainError } from '../errors.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { MinuteRange } from './slots.ts';

/**
 * Working hours as a provider types them: "09:00-12:00, 14:00-18:00", "9h-12h", "9h30-12h",
 * "09:00–12:00" (en dash). Parsing is pure; a problem names the day and the range
 * ("Mardi : 18:00-09:00 — la fin précède le début", "Mardi : 09:00-12:00 et 11:00-14:00 se
 * chevauchent") so the provider knows what to fix.
 */

export type HoursProblem =
	| { kind: 'unreadable'; text: string }
	| { kind: 'end_before_start'; range: MinuteRange }
	| { kind: 'overlap'; range: MinuteRange; other: MinuteRange };

/** "9", "9h", "9h30", "09:00", "9.30", "24:00" → minutes since midnight; null when unreadable. */
export function parseTime(text: string): number | null {
	const m = /^(\d{1,2})(?:\s*(?:[:.]|h|H)\s*(\d{2})?)?$/.exec(text.trim());
	if (!m) return null;
	const hours = Number(m[1]);
	const minutes = m[2] ? Number(m[2]) : 0;
	if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
	return hours * 60 + minutes;
}

export function formatMinute(minute: number): string {
	return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export const formatRange = (r: MinuteRange) => `${formatMinute(r.startMinute)}-${formatMinute(r.endMinute)}`;

/** One day's text → its ranges and what is wrong with it (unreadable parts, end before start, overlaps). */
export function parseDayHours(text: string): { ranges: MinuteRange[]; problems: HoursProblem[] } {
	const ranges: MinuteRange[] = [];
	const problems: HoursProblem[] = [];
	for (const part of text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean)) {
		// hyphen, en dash, em dash, minus sign, "à", "to"
		const ends = part.split(/\s*(?:[-–—−]|\s(?:à|a|to)\s)\s*/i);
		const start = ends.length === 2 ? parseTime(ends[0]!) : null;
		const end = ends.length === 2 ? parseTime(ends[1]!) : null;
		if (start === null || end === null) problems.push({ kind: 'unreadable', text: part });
		else ranges.push({ startMinute: start, endMinute: end });
	}
	return { ranges, problems: [...problems, ...checkDayRanges(ranges)] };
}

/** Ranges whose end is not after their start, then ranges that overlap (touching is fine: 09:00-12:00, 12:00-14:00). */
export function checkDayRanges(ranges: readonly MinuteRange[]): HoursProblem[] {
	const problems: HoursProblem[] = [];
	const valid: MinuteRange[] = [];
	for (const r of ranges) {
		if (r.endMinute <= r.startMinute) problems.push({ kind: 'end_before_start', range: r });
		else valid.push(r);
	}
	valid.sort((a, b) => a.startMinute - b.startMinute);
	// the range reaching furthest so far: any later start before its end overlaps it
	let furthest: MinuteRange | undefined;
	for (const r of valid) {
		if (furthest && r.startMinute < furthest.endMinute) problems.push({ kind: 'overlap', range: furthest, other: r });
		if (!furthest || r.endMinute > furthest.endMinute) furthest = r;
	}
	return problems;
}

const messageKeys: Record<HoursProblem['kind'], { message: MessageKey; field: MessageKey }> = {
	unreadable: { message: 'booking.hours.unreadable', field: 'booking.hours.field.unreadable' },
	end_before_start: { message: 'booking.hours.end_before_start', field: 'booking.hours.field.end_before_start' },
	overlap: { message: 'booking.hours.overlap', field: 'booking.hours.field.overlap' }
};

/**
 * The error for the problems of several days (`dayLabel` is already in the caller's language, e.g.
 * "Mardi" or "2026-12-24"). The message names the first problem in full; each day's field gets
 * its own short message.
 */
export function hoursError(problems: { field: string; dayLabel: string; problem: HoursProblem }[]): DomainError {
	const describe = ({ dayLabel, problem }: (typeof problems)[number]) => {
		const params: Record<string, string> =
			problem.kind === 'unreadable'
				? { day: dayLabel, range: problem.text }
				: problem.kind === 'end_before_start'
					? { day: dayLabel, range: formatRange(problem.range) }
					: { day: dayLabel, range: formatRange(problem.range), other: formatRange(problem.other) };
		return { key: messageKeys[problem.kind].message, params };
	};
	const first = describe(problems[0]!);
	const fields: Record<string, MessageKey> = {};
	for (const p of problems) fields[p.field] ??= messageKeys[p.problem.kind].field;
	return new DomainError('invalid', first.key, fields, first.params);
}
