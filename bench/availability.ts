// `npm run bench:availability` — availability and booking under load.
//
// 1. a SEPARATE embedded PostgreSQL in a temporary folder, migrated like production;
// 2. one provider with a realistic week (Mon–Fri 09:00–12:30 and 14:00–18:00, Sat 09:00–12:00,
//    Europe/Paris), a 30-min type on a 15-min grid with 5-min buffers, 500 existing bookings, and an
//    iCal feed served on loopback with 2 000 busy events (1 800 single, 200 recurring series with
//    EXDATEs and moved occurrences) — fetched, parsed and expanded by the real code;
// 3. p50/p95 of 30 days of slots through availableSlots() over 200 runs, caches warm (plus the
//    cold first call and the pure engine alone);
// 4. booking throughput: 200 concurrent createBooking() over 100 free slots (two per slot) —
//    must end in exactly 100 bookings.
// Figures only: nothing here asserts a time (the booking count is checked).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBenchDatabase } from './stack.ts';
import { availableSlots, loadAppointmentType, loadProviderRules, bookedIntervals, typeRules } from '../src/lib/server/booking/availability.ts';
import { createBooking, SlotTakenError } from '../src/lib/server/booking/book.ts';
import { saveAppointmentType, saveSchedule, agendaSettings } from '../src/lib/server/booking/settings.ts';
import { addIcalFeed, providerBusyTimes } from '../src/lib/server/calendar/connections.ts';
import { computeSlots, blockedSet } from '../src/lib/server/booking/slots.ts';
import { addDays, localDateOf, zonedToUtc } from '../src/lib/server/calendar/tz.ts';
import { mulberry32 } from '../prisma/seed/random.ts';

const DAY = 86_400_000;
const RUNS = 200;
const TZ = 'Europe/Paris';

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');

/** 1 800 single events and 200 recurring series (weekly, some with an EXDATE and a moved occurrence). */
function feed(now: number): string {
	const rand = mulberry32(42);
	const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Relais bench//EN', 'X-WR-TIMEZONE:Europe/Paris'];
	const start = Math.floor(now / 3600_000) * 3600_000;
	for (let i = 0; i < 1800; i++) {
		// a real feed carries years of history: most events are past, ~1 in 6 lies in the next 120 days
		const s = start + Math.floor((rand() * 720 - 600) * 24) * 3600_000 + Math.floor(rand() * 4) * 15 * 60_000;
		lines.push('BEGIN:VEVENT', `UID:single-${i}@bench`, `DTSTAMP:${stamp(now)}`, `DTSTART:${stamp(s)}`, `DTEND:${stamp(s + (1 + Math.floor(rand() * 4)) * 30 * 60_000)}`, 'SUMMARY:Busy', ...(i % 10 === 0 ? ['TRANSP:TRANSPARENT'] : []), 'END:VEVENT');
	}
	for (let i = 0; i < 200; i++) {
		// series started up to three years ago, weekly at a wall-clock time in Paris
		const daysAgo = 14 + Math.floor(rand() * 3 * 365);
		const first = localDateOf(TZ, start - daysAgo * DAY);
		const weeks = Math.floor(daysAgo / 7);
		// one series in five still runs (weekly or every other week); the others ended before today
		const ongoing = i % 5 === 0;
		const count = ongoing ? weeks + 20 + Math.floor(rand() * 60) : Math.max(1, weeks - 1 - Math.floor(rand() * Math.min(weeks - 1, 20)));
		const hour = 7 + Math.floor(rand() * 13);
		const local = `${first.year}${String(first.month).padStart(2, '0')}${String(first.day).padStart(2, '0')}T${String(hour).padStart(2, '0')}0000`;
		const localEnd = `${first.year}${String(first.month).padStart(2, '0')}${String(first.day).padStart(2, '0')}T${String(hour).padStart(2, '0')}4500`;
		lines.push('BEGIN:VEVENT', `UID:series-${i}@bench`, `DTSTAMP:${stamp(now)}`, `DTSTART;TZID=Europe/Paris:${local}`, `DTEND;TZID=Europe/Paris:${localEnd}`, `RRULE:FREQ=WEEKLY;${ongoing && i % 10 === 0 ? 'INTERVAL=2;' : ''}COUNT=${ongoing && i % 10 === 0 ? Math.ceil(count / 2) : count}`);
		if (i % 4 === 0) {
			const ex = addDays(first, 7 * 3);
			lines.push(`EXDATE;TZID=Europe/Paris:${ex.year}${String(ex.month).padStart(2, '0')}${String(ex.day).padStart(2, '0')}T${String(hour).padStart(2, '0')}0000`);
		}
		lines.push('END:VEVENT');
		if (i % 5 === 0) {
			const moved = addDays(first, 7 * 4);
			const original = `${moved.year}${String(moved.month).padStart(2, '0')}${String(moved.day).padStart(2, '0')}T${String(hour).padStart(2, '0')}0000`;
			const at = zonedToUtc(TZ, addDays(moved, 1), hour * 60);
			lines.push('BEGIN:VEVENT', `UID:series-${i}@bench`, `DTSTAMP:${stamp(now)}`, `RECURRENCE-ID;TZID=Europe/Paris:${original}`, `DTSTART:${stamp(at)}`, `DTEND:${stamp(at + 45 * 60_000)}`, 'END:VEVENT');
		}
	}
	lines.push('END:VCALENDAR');
	return lines.join('\r\n') + '\r\n';
}

function percentile(sorted: number[], p: number) {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function main() {
	const stack = await startBenchDatabase('availability');
	const { db } = stack;
	const http = createServer();
	try {
		const now = Date.now();
		const ics = feed(now);
		http.on('request', (req, res) => {
			if (req.headers['if-none-match'] === '"bench-1"') {
				res.writeHead(304, { etag: '"bench-1"' });
				return res.end();
			}
			res.writeHead(200, { 'content-type': 'text/calendar', etag: '"bench-1"' });
			res.end(ics);
		});
		await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
		const port = (http.address() as AddressInfo).port;
		process.env.CALENDAR_FETCH_ALLOW = `127.0.0.1:${port}`;

		const provider = await db.member.create({ data: { email: 'bench-provider@example.test', firstName: 'Bench', lastName: 'Provider', slug: 'bench-provider', status: 'active', category: 'freelance' } });
		const actor = { memberId: provider.id };
		await agendaSettings(actor);
		await saveSchedule(actor, {
			timezone: TZ,
			enabled: true,
			workingHours: [
				...[1, 2, 3, 4, 5].flatMap((weekday) => [
					{ weekday, startMinute: 9 * 60, endMinute: 12 * 60 + 30 },
					{ weekday, startMinute: 14 * 60, endMinute: 18 * 60 }
				]),
				{ weekday: 6, startMinute: 9 * 60, endMinute: 12 * 60 }
			]
		});
		const { id: typeId } = await saveAppointmentType(actor, { name: 'Consultation', durationMinutes: 30, slotIntervalMinutes: 15, bufferBeforeMinutes: 5, bufferAfterMinutes: 5, minimumNoticeMinutes: 60, horizonDays: 200 });
		const parseStart = performance.now();
		await addIcalFeed(actor, { url: `http://127.0.0.1:${port}/feed.ics`, label: 'Bench' }, TZ);
		const connectMs = performance.now() - parseStart;

		// 500 existing bookings over the next 100 days, 5 a day at wall-clock times
		const today = localDateOf(TZ, now);
		const rows = [];
		for (let d = 1; rows.length < 500; d++)
			for (const minute of [9 * 60, 10 * 60 + 30, 14 * 60, 15 * 60 + 30, 17 * 60]) {
				const start = zonedToUtc(TZ, addDays(today, d), minute);
				rows.push({ providerId: provider.id, appointmentTypeId: typeId, title: 'Consultation', bookerName: `Client ${rows.length}`, bookerEmail: `c${rows.length}@example.test`, bookerTimezone: TZ, startAt: new Date(start), endAt: new Date(start + 30 * 60_000), bufferBeforeMinutes: 5, bufferAfterMinutes: 5, status: 'confirmed' as const, roomSlug: `bench-${rows.length}` });
			}
		await db.booking.createMany({ data: rows });

		const query = { from: new Date(now).toISOString(), to: new Date(now + 30 * DAY).toISOString(), type: typeId, tz: 'America/Montreal' };
		const coldStart = performance.now();
		const first = await availableSlots(null, provider.id, query, now);
		const coldMs = performance.now() - coldStart;
		const times: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const t0 = performance.now();
			await availableSlots(null, provider.id, query, now);
			times.push(performance.now() - t0);
		}
		times.sort((a, b) => a - b);

		// the pure engine alone, over the same inputs
		const rules = await loadProviderRules(provider.id);
		const type = await loadAppointmentType(provider.id, typeId);
		const calendars = await providerBusyTimes(provider.id, { from: now - DAY, to: now + 31 * DAY }, { timezone: TZ, now });
		const booked = await bookedIntervals(db, provider.id, typeId, now, now + 30 * DAY, now);
		const busy = [...calendars.busy, ...booked];
		const engine: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const t0 = performance.now();
			computeSlots({ schedule: rules.schedule, type: typeRules(type), busy, from: now, to: now + 30 * DAY, now }, blockedSet(busy));
			engine.push(performance.now() - t0);
		}
		engine.sort((a, b) => a - b);

		// throughput: 100 free slots 101–161 days out (past the existing bookings), two attempts each, all at once
		const later = await availableSlots(null, provider.id, { from: new Date(now + 101 * DAY).toISOString(), to: new Date(now + 161 * DAY).toISOString(), type: typeId, tz: TZ }, now);
		// every other grid point, so two chosen slots never collide through their buffers
		const targets = later.slots.filter((_, i) => i % 4 === 0).slice(0, 100);
		if (targets.length < 100) throw new Error(`only ${targets.length} free slots (${later.slots.length} before spacing; ${first.slots.length} in the first 30 days) found for the throughput run`);
		const visitor = { name: 'Bench Visitor', address: '1 rue du Test', city: 'Paris', timezone: TZ };
		const attempts = targets.flatMap((slot, i) => [0, 1].map((k) => ({ slot, email: `racer-${i}-${k}@example.test` })));
		const before = await db.booking.count({ where: { providerId: provider.id } });
		const t0 = performance.now();
		const results = await Promise.allSettled(attempts.map((a) => createBooking(null, { providerId: provider.id, typeId, start: a.slot.start, email: a.email, ...visitor })));
		const elapsed = performance.now() - t0;
		const won = results.filter((r) => r.status === 'fulfilled').length;
		const taken = results.filter((r) => r.status === 'rejected' && r.reason instanceof SlotTakenError).length;
		const other = results.filter((r) => r.status === 'rejected' && !(r.reason instanceof SlotTakenError));
		const after = await db.booking.count({ where: { providerId: provider.id } });

		console.log('Relais — availability bench');
		console.log(`  feed: ${ics.split('BEGIN:VEVENT').length - 1} VEVENTs (${(ics.length / 1024).toFixed(0)} KiB), connected (fetch + parse + expand) in ${ms(connectMs)}`);
		console.log(`  busy intervals in 30 days: ${calendars.busy.length} from the feed, ${booked.length} bookings · ${first.slots.length} free slots`);
		console.log(`  30 days of slots, cold first call: ${ms(coldMs)}`);
		console.log(`  30 days of slots, warm, ${RUNS} runs: p50 ${ms(percentile(times, 50))} · p95 ${ms(percentile(times, 95))}`);
		console.log(`  pure engine only, ${RUNS} runs:       p50 ${ms(percentile(engine, 50))} · p95 ${ms(percentile(engine, 95))}`);
		console.log(`  booking: ${attempts.length} concurrent attempts over ${targets.length} slots in ${ms(elapsed)} → ${won} booked, ${taken} "slot taken", ${other.length} other errors · ${(attempts.length / (elapsed / 1000)).toFixed(1)} attempts/s, ${(won / (elapsed / 1000)).toFixed(1)} bookings/s`);
		console.log(`  bookings in the database: ${after - before} new (expected exactly ${targets.length}) → ${after - before === targets.length && won === targets.length ? 'OK' : 'MISMATCH'}`);
		if (other.length) console.log('  first other error:', other[0]);
		if (after - before !== targets.length) process.exitCode = 1;
	} finally {
		http.closeAllConnections();
		http.close();
		await stack.stop();
	}
}

await main();
