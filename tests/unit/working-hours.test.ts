import { describe, expect, it } from 'vitest';
import { formatRange, hoursError, parseDayHours, parseTime } from '../../src/lib/server/booking/hours.ts';
import { translate } from '../../src/lib/i18n/index.ts';

/** Working hours as providers type them (issue 10, item 19). */
const h = (hours: number, minutes = 0) => hours * 60 + minutes;

describe('working hours parser', () => {
	it('reads 09:00, 9:00, 9h, 9h30, 9H, 9, 24:00', () => {
		expect(parseTime('09:00')).toBe(h(9));
		expect(parseTime('9:00')).toBe(h(9));
		expect(parseTime('9h')).toBe(h(9));
		expect(parseTime('9h30')).toBe(h(9, 30));
		expect(parseTime('9 h 30')).toBe(h(9, 30));
		expect(parseTime('18H')).toBe(h(18));
		expect(parseTime('9')).toBe(h(9));
		expect(parseTime('24:00')).toBe(h(24));
		for (const bad of ['25:00', '9:60', '24:30', 'neuf', '9h3', '']) expect(parseTime(bad), bad).toBeNull();
	});

	it('accepts "9h-12h", "9h30-12h", en and em dashes, spaces, "à"', () => {
		for (const [text, ranges] of [
			['9h-12h', [[h(9), h(12)]]],
			['9h30-12h', [[h(9, 30), h(12)]]],
			['09:00–12:00', [[h(9), h(12)]]],
			['09:00 — 12:00 ; 14h - 18h30', [[h(9), h(12)], [h(14), h(18, 30)]]],
			['9h à 12h, 14:00-18:00', [[h(9), h(12)], [h(14), h(18)]]],
			['', []]
		] as const) {
			const parsed = parseDayHours(text);
			expect(parsed.problems, text).toEqual([]);
			expect(parsed.ranges.map((r) => [r.startMinute, r.endMinute]), text).toEqual(ranges);
		}
	});

	it('names the problem: end before start, overlaps (touching is fine), unreadable parts', () => {
		expect(parseDayHours('18:00-09:00').problems).toEqual([{ kind: 'end_before_start', range: { startMinute: h(18), endMinute: h(9) } }]);
		expect(parseDayHours('09:00-12:00, 11:00-14:00').problems).toEqual([{ kind: 'overlap', range: { startMinute: h(9), endMinute: h(12) }, other: { startMinute: h(11), endMinute: h(14) } }]);
		expect(parseDayHours('14:00-18:00, 08:00-20:00').problems.map((p) => p.kind)).toEqual(['overlap']);
		expect(parseDayHours('09:00-12:00, 12:00-14:00').problems).toEqual([]);
		expect(parseDayHours('9-12-14').problems).toEqual([{ kind: 'unreadable', text: '9-12-14' }]);
		expect(parseDayHours('matin').problems).toEqual([{ kind: 'unreadable', text: 'matin' }]);
		expect(formatRange({ startMinute: h(9, 5), endMinute: h(24) })).toBe('09:05-24:00');
	});

	it('messages name the day and the ranges, in French and English', () => {
		const endBefore = hoursError([{ field: 'day2', dayLabel: 'Mardi', problem: parseDayHours('18:00-09:00').problems[0]! }]);
		expect(translate('fr', endBefore.key, endBefore.params)).toBe('Mardi : 18:00-09:00 — la fin précède le début.');
		expect(endBefore.fields).toEqual({ day2: 'booking.hours.field.end_before_start' });
		const overlap = hoursError([{ field: 'day2', dayLabel: 'Tuesday', problem: parseDayHours('09:00-12:00, 11:00-14:00').problems[0]! }]);
		expect(translate('en', overlap.key, overlap.params)).toBe('Tuesday: 09:00-12:00 and 11:00-14:00 overlap.');
		expect(translate('fr', overlap.key, { ...overlap.params, day: 'Mardi' })).toBe('Mardi : 09:00-12:00 et 11:00-14:00 se chevauchent.');
	});
});
