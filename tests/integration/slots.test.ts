import { describe, expect, it } from 'vitest';
import { computeSlots, groupByLocalDay, isSlotAvailable, type ScheduleRules, type AppointmentRules } from '../../src/lib/server/booking/slots.ts';
import { offsetMinutes, zonedToUtc } from '../../src/lib/server/calendar/tz.ts';

const H = 60;
const iso = (ms: number) => new Date(ms).toISOString();
const at = (text: string) => Date.parse(text);

/** Monday–Friday 09:00–12:00 and 14:00–17:00, Paris. */
const paris: ScheduleRules = {
	timezone: 'Europe/Paris',
	weekly: [1, 2, 3, 4, 5].flatMap((weekday) => [
		{ weekday, startMinute: 9 * H, endMinute: 12 * H },
		{ weekday, startMinute: 14 * H, endMinute: 17 * H }
	]),
	overrides: []
};
const hour: AppointmentRules = { durationMinutes: 60, minimumNoticeMinutes: 0, horizonDays: 365 };
const longAgo = at('2026-01-01T00:00:00Z');

function day(schedule: ScheduleRules, type: AppointmentRules, date: string, busy: Parameters<typeof computeSlots>[0]['busy'] = [], now = longAgo) {
	return computeSlots({ schedule, type, busy, from: at(`${date}T00:00:00Z`) - 12 * 3600_000, to: at(`${date}T00:00:00Z`) + 36 * 3600_000, now })
		.filter((s) => groupByLocalDay([s], schedule.timezone)[0]!.date === date)
		.map((s) => iso(s.start));
}

describe('tz helper', () => {
	it('converts Paris wall clock to UTC on both sides of the transitions', () => {
		expect(iso(zonedToUtc('Europe/Paris', { year: 2026, month: 3, day: 28 }, 9 * H))).toBe('2026-03-28T08:00:00.000Z');
		expect(iso(zonedToUtc('Europe/Paris', { year: 2026, month: 3, day: 30 }, 9 * H))).toBe('2026-03-30T07:00:00.000Z');
		// 02:30 does not exist on 29 March: it lands after the gap (03:30 CEST)
		expect(iso(zonedToUtc('Europe/Paris', { year: 2026, month: 3, day: 29 }, 2 * H + 30))).toBe('2026-03-29T01:30:00.000Z');
		// 02:30 happens twice on 25 October: the first one (CEST)
		expect(iso(zonedToUtc('Europe/Paris', { year: 2026, month: 10, day: 25 }, 2 * H + 30))).toBe('2026-10-25T00:30:00.000Z');
		expect(iso(zonedToUtc('Europe/Paris', { year: 2026, month: 10, day: 26 }, 9 * H))).toBe('2026-10-26T08:00:00.000Z');
		expect(iso(zonedToUtc('Europe/Paris', { year: 2026, month: 10, day: 24 }, 24 * H))).toBe('2026-10-24T22:00:00.000Z');
		expect(offsetMinutes('America/Montreal', at('2026-03-20T12:00:00Z'))).toBe(-240);
	});
});

describe('slot engine', () => {
	it('lists slots inside several working ranges a day, aligned on the range start', () => {
		expect(day(paris, { ...hour, slotIntervalMinutes: 30 }, '2026-06-15')).toEqual(
			['07:00', '07:30', '08:00', '08:30', '09:00', '12:00', '12:30', '13:00', '13:30', '14:00'].map((t) => `2026-06-15T${t}:00.000Z`)
		);
		expect(day(paris, hour, '2026-06-13')).toEqual([]); // Saturday
	});

	it('keeps working hours at their wall-clock time across the March transition (Europe/Paris)', () => {
		expect(day(paris, hour, '2026-03-27')[0]).toBe('2026-03-27T08:00:00.000Z'); // Friday, CET
		expect(day(paris, hour, '2026-03-30')[0]).toBe('2026-03-30T07:00:00.000Z'); // Monday, CEST
		// on the transition Sunday itself, 01:00–04:00 wall clock is two real hours
		const sunday: ScheduleRules = { ...paris, weekly: [{ weekday: 7, startMinute: 1 * H, endMinute: 4 * H }] };
		expect(day(sunday, hour, '2026-03-29')).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z']);
	});

	it('keeps working hours at their wall-clock time across the October transition (Europe/Paris)', () => {
		expect(day(paris, hour, '2026-10-23')[0]).toBe('2026-10-23T07:00:00.000Z'); // Friday, CEST
		expect(day(paris, hour, '2026-10-26')[0]).toBe('2026-10-26T08:00:00.000Z'); // Monday, CET
		const sunday: ScheduleRules = { ...paris, weekly: [{ weekday: 7, startMinute: 1 * H, endMinute: 4 * H }] };
		// 01:00–04:00 on 25 October lasts four real hours
		expect(day(sunday, hour, '2026-10-25')).toHaveLength(4);
	});

	it('shows a booker in America/Montreal the right local times, including when only one side changed clocks', () => {
		const slots = computeSlots({ schedule: paris, type: hour, busy: [], from: at('2026-03-16T00:00:00Z'), to: at('2026-04-04T00:00:00Z'), now: longAgo });
		const montreal = groupByLocalDay(slots, 'America/Montreal');
		// 20 March: Paris still CET (+1), Montreal already EDT (−4): 09:00 Paris = 04:00 Montreal
		expect(montreal.find((d) => d.date === '2026-03-20')!.slots[0]!.time).toBe('04:00');
		// 30 March: both on summer time: 09:00 Paris = 03:00 Montreal
		expect(montreal.find((d) => d.date === '2026-03-30')!.slots[0]!.time).toBe('03:00');
		expect(groupByLocalDay(slots, 'Europe/Paris').find((d) => d.date === '2026-03-30')!.slots[0]!.time).toBe('09:00');
	});

	it('applies the new meeting’s buffers and the existing meetings’ buffers', () => {
		const booking = { start: at('2026-06-15T08:00:00Z'), end: at('2026-06-15T09:00:00Z'), bufferAfterMinutes: 30 };
		const type = { ...hour, slotIntervalMinutes: 30 };
		// 10:00–11:00 Paris is booked with 30 min after: 11:00 Paris is not free any more, and nothing else moves
		expect(day(paris, type, '2026-06-15', [booking])).toEqual([
			'2026-06-15T07:00:00.000Z',
			'2026-06-15T12:00:00.000Z',
			'2026-06-15T12:30:00.000Z',
			'2026-06-15T13:00:00.000Z',
			'2026-06-15T13:30:00.000Z',
			'2026-06-15T14:00:00.000Z'
		]);
		// a new meeting needing 15 min before and after also loses 09:00 (its buffer meets the booking)
		const buffered = { ...type, bufferBeforeMinutes: 15, bufferAfterMinutes: 15 };
		expect(day(paris, buffered, '2026-06-15', [{ start: booking.start, end: booking.end }])).toEqual([
			'2026-06-15T12:00:00.000Z',
			'2026-06-15T12:30:00.000Z',
			'2026-06-15T13:00:00.000Z',
			'2026-06-15T13:30:00.000Z',
			'2026-06-15T14:00:00.000Z'
		]);
	});

	it('respects the minimum notice and the horizon', () => {
		const now = at('2026-06-15T07:10:00Z');
		expect(day(paris, { ...hour, minimumNoticeMinutes: 120 }, '2026-06-15', [], now)).toEqual(['2026-06-15T12:00:00.000Z', '2026-06-15T13:00:00.000Z', '2026-06-15T14:00:00.000Z']);
		expect(day(paris, { ...hour, horizonDays: 3 }, '2026-06-19', [], now)).toEqual([]);
		expect(day(paris, { ...hour, horizonDays: 5 }, '2026-06-19', [], now)).toHaveLength(6);
	});

	it('stops offering a day once it holds maxPerDay bookings of the type', () => {
		const booked = [{ start: at('2026-06-15T07:00:00Z'), end: at('2026-06-15T08:00:00Z'), countsTowardLimit: true }];
		expect(day(paris, { ...hour, maxPerDay: 2 }, '2026-06-15', booked)).toHaveLength(5);
		const two = [...booked, { start: at('2026-06-15T12:00:00Z'), end: at('2026-06-15T13:00:00Z'), countsTowardLimit: true }];
		expect(day(paris, { ...hour, maxPerDay: 2 }, '2026-06-15', two)).toEqual([]);
		expect(day(paris, { ...hour, maxPerDay: 2 }, '2026-06-16', two)).toHaveLength(6);
	});

	it('uses date overrides for extra hours and days off', () => {
		const schedule: ScheduleRules = {
			...paris,
			overrides: [
				{ date: '2026-06-13', ranges: [{ startMinute: 10 * H, endMinute: 12 * H }] }, // a Saturday opened
				{ date: '2026-06-15', ranges: [] } // a Monday off
			]
		};
		expect(day(schedule, hour, '2026-06-13')).toEqual(['2026-06-13T08:00:00.000Z', '2026-06-13T09:00:00.000Z']);
		expect(day(schedule, hour, '2026-06-15')).toEqual([]);
		expect(day(schedule, hour, '2026-06-16')).toHaveLength(6);
	});

	it('an all-day busy event empties the day', () => {
		const allDay = { start: zonedToUtc('Europe/Paris', { year: 2026, month: 6, day: 16 }, 0), end: zonedToUtc('Europe/Paris', { year: 2026, month: 6, day: 17 }, 0) };
		expect(day(paris, hour, '2026-06-16', [allDay])).toEqual([]);
		expect(day(paris, hour, '2026-06-17', [allDay])).toHaveLength(6);
	});

	it('re-checks one precise slot', () => {
		const query = { schedule: paris, type: hour, busy: [{ start: at('2026-06-15T07:00:00Z'), end: at('2026-06-15T08:00:00Z') }], now: longAgo };
		expect(isSlotAvailable(query, at('2026-06-15T07:00:00Z'))).toBe(false);
		expect(isSlotAvailable(query, at('2026-06-15T08:00:00Z'))).toBe(true);
		expect(isSlotAvailable(query, at('2026-06-15T08:15:00Z'))).toBe(false); // not on the grid
	});
});
