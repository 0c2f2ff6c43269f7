import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { createBooking, holdSlot } from '../../src/lib/server/booking/book.ts';
import { cancelBooking } from '../../src/lib/server/booking/manage.ts';
import { nearestFreeSlots } from '../../src/lib/server/booking/nearest.ts';
import { bookingWeek, dashboardPage } from '../../src/lib/server/booking/page.ts';
import { bookingConfirmation, bookingIcsFile } from '../../src/lib/server/booking/confirmation.ts';
import { saveAppointmentType, saveSchedule, agendaSettings } from '../../src/lib/server/booking/settings.ts';
import { resolveZone, zoneChoices, zoneLabel } from '../../src/lib/server/booking/zones.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Monday 7 January 2030, 07:00 in Paris (06:00 UTC): every instant of these tests is relative to it
const NOW = Date.UTC(2030, 0, 7, 6, 0);
/** `hour`:00 in Paris (UTC+1 in January) on day `day` after NOW's Monday */
const paris = (day: number, hour: number) => new Date(Date.UTC(2030, 0, 7 + day, hour - 1, 0)).toISOString();

describe('the booking page: own holds, taken slots and the nearest free ones, zones, dashboard', () => {
	let ctx: TestContext;
	let providerId: string;
	let typeId: string;
	const provider = { memberId: '' };
	let booker = { memberId: '' };
	const visitor = { name: 'Vera Visiteur', email: 'vera@example.test', address: '1 rue de la Paix', city: 'Montréal', timezone: 'America/Montreal' };

	beforeAll(async () => {
		ctx = await useTestContext();
		const p = await ctx.prisma.member.create({ data: { email: 'pia@example.test', firstName: 'Pia', lastName: 'Prestataire', slug: 'pia-prestataire', status: 'active', category: 'freelance' } });
		const b = await ctx.prisma.member.create({ data: { email: 'bob@example.test', firstName: 'Bob', lastName: 'Booker', slug: 'bob-booker', status: 'active', category: 'visitor', timezone: 'Europe/Paris' } });
		providerId = p.id;
		provider.memberId = p.id;
		booker = { memberId: b.id };
		await agendaSettings(provider);
		// every day 09:00–12:00 and 14:00–17:00 in Paris
		const hours = [[540, 720], [840, 1020]];
		await saveSchedule(provider, { timezone: 'Europe/Paris', enabled: true, workingHours: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => hours.map(([startMinute, endMinute]) => ({ weekday, startMinute, endMinute }))) });
		typeId = (await saveAppointmentType(provider, { name: 'Consultation', durationMinutes: 60, minimumNoticeMinutes: 60, horizonDays: 60 })).id;
	});
	afterAll(async () => {
		await ctx?.close();
	});

	it('someone else’s hold: says “held” and offers the six nearest free slots around the asked time; the holder is not blocked by their own hold', async () => {
		const asked = paris(2, 10); // Wednesday 10:00
		expect(await nearestFreeSlots({ providerId, typeId, start: asked }, NOW)).toMatchObject({ problem: null });
		const { holdToken } = await holdSlot(null, { providerId, typeId, start: asked }, NOW);

		const other = await nearestFreeSlots({ providerId, typeId, start: asked }, NOW);
		expect(other.problem).toBe('held');
		// Wednesday 09:00 and 11:00 are an hour away, then 14:00, 15:00, 16:00, then Tuesday 16:00: six, in time order
		expect(other.slots.map((s) => new Date(s.start).toISOString())).toEqual([paris(1, 16), paris(2, 9), paris(2, 11), paris(2, 14), paris(2, 15), paris(2, 16)]);
		expect(await nearestFreeSlots({ providerId, typeId, start: asked, holdToken }, NOW)).toMatchObject({ problem: null });

		// the booking page: the holder still sees their slot chosen and held; anyone else sees why and the alternatives
		const mine = await bookingWeek(null, 'pia-prestataire', { tz: 'Europe/Paris', week: '2030-01-09', start: asked, holdToken }, NOW);
		expect(mine.chosen?.start).toBe(asked);
		expect(mine.heldByMe).toBe(true);
		expect(mine.unavailable).toBeNull();
		const theirs = await bookingWeek(null, 'pia-prestataire', { tz: 'Europe/Paris', week: '2030-01-09', start: asked }, NOW);
		expect(theirs.chosen).toBeNull();
		expect(theirs.unavailable?.problem).toBe('held');
		expect(theirs.unavailable?.nearest.map((s) => `${s.date} ${s.time}`)).toEqual(['2030-01-08 16:00', '2030-01-09 09:00', '2030-01-09 11:00', '2030-01-09 14:00', '2030-01-09 15:00', '2030-01-09 16:00']);
		expect(theirs.days.find((d) => d.date === '2030-01-09')!.slots.map((s) => s.time)).not.toContain('10:00');

		// and the holder books it with their hold
		await createBooking(null, { providerId, typeId, start: asked, holdToken, ...visitor }, NOW);
		expect((await nearestFreeSlots({ providerId, typeId, start: asked }, NOW)).problem).toBe('booked');
	});

	it('a past slot says “past”, a slot outside the working hours says “unavailable”', async () => {
		expect((await nearestFreeSlots({ providerId, typeId, start: paris(0, 6) }, NOW)).problem).toBe('past');
		const lunch = await nearestFreeSlots({ providerId, typeId, start: paris(3, 13) }, NOW);
		expect(lunch.problem).toBe('unavailable');
		expect(lunch.slots.map((s) => new Date(s.start).toISOString())).toContain(paris(3, 14));
	});

	it('the week is shown in the zone the visitor typed (IANA name, label or city), with a readable list; an unknown zone is said so', async () => {
		const montreal = await bookingWeek(null, 'pia-prestataire', { tz: 'montreal', week: '2030-01-09' }, NOW);
		expect(montreal.timezone).toBe('America/Montreal');
		expect(montreal.week).toBe('2030-01-07');
		// Paris 09:00 is Montréal 03:00 in January
		expect(montreal.days.find((d) => d.date === '2030-01-10')!.slots[0]!.time).toBe('03:00');
		expect(montreal.zones.find((z) => z.id === 'Europe/Paris')?.label).toBe('Paris (UTC+1)');
		expect(zoneLabel('America/Montreal', NOW)).toBe('Montréal (UTC−5)');
		expect(zoneLabel('Asia/Kolkata', NOW)).toBe('Kolkata (UTC+5:30)');
		expect(resolveZone('Paris (UTC+1)', NOW)).toBe('Europe/Paris');
		// a zone the list lacks but a browser may report is kept as it is
		expect(zoneChoices(NOW, 'UTC').some((z) => z.id === 'UTC')).toBe(true);
		const unknown = await bookingWeek(null, 'pia-prestataire', { tz: 'Mars/Olympus' }, NOW);
		expect(unknown.timezoneUnknown).toBe(true);
		expect(unknown.timezone).toBe('Europe/Paris');
	});

	it('the confirmation names the provider, both zones, the room and calendar links — only for the booker; a cancelled booking leaves “À venir”', async () => {
		const start = paris(4, 15);
		const booked = await createBooking(booker, { providerId, typeId, start, timezone: 'America/Montreal' }, NOW);
		const shown = await bookingConfirmation(booker, { id: booked.id });
		expect(shown).toMatchObject({ providerName: 'Pia Prestataire', providerTimezone: 'Europe/Paris', bookerTimezone: 'America/Montreal', start, bookerHasAccount: true });
		expect(shown.roomUrl).toMatch(new RegExp(`/rooms/${booked.roomSlug}$`));
		const google = new URL(shown.googleCalendarUrl);
		expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
		expect(google.searchParams.get('action')).toBe('TEMPLATE');
		expect(google.searchParams.get('dates')).toBe('20300111T140000Z/20300111T150000Z');
		expect((await bookingIcsFile(booker, { id: booked.id })).content).toContain(`UID:${booked.id}@relais`);
		// a visitor proves it with the cancel secret; nobody else sees it
		const guest = await createBooking(null, { providerId, typeId, start: paris(4, 16), ...visitor }, NOW);
		expect((await bookingConfirmation(null, { id: guest.id, cancelToken: guest.cancelToken })).bookerHasAccount).toBe(false);
		await expect(bookingConfirmation(null, { id: guest.id })).rejects.toMatchObject({ kind: 'not_found' });
		await expect(bookingConfirmation(null, { id: guest.id, cancelToken: booked.cancelToken })).rejects.toMatchObject({ kind: 'not_found' });
		await expect(bookingConfirmation(booker, { id: guest.id })).rejects.toMatchObject({ kind: 'not_found' });

		expect((await dashboardPage(booker, NOW)).upcoming.map((b) => b.id)).toEqual([booked.id]);
		await cancelBooking(booker, { bookingId: booked.id }, NOW);
		const after = await dashboardPage(booker, NOW);
		expect(after.upcoming).toEqual([]);
		expect(after.cancelled.map((b) => [b.id, b.status])).toEqual([[booked.id, 'cancelled']]);
	});
});
