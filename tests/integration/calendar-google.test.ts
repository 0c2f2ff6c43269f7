import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGoogleCalendar, type FakeGoogleCalendar } from '../helpers/fakes/google-calendar.ts';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { GOOGLE_CALENDAR_CALLBACK_PATH, GoogleCalendarSource, googleCalendarConsentUrl, splitRange } from '../../src/lib/server/calendar/google.ts';
import { connectGoogleCalendar, forgetCalendarCache, listCalendarConnections, providerBusyTimes } from '../../src/lib/server/calendar/connections.ts';
import { decryptSecret } from '../../src/lib/server/calendar/secrets.ts';
import { runBookingJob } from '../../src/lib/server/booking/jobs.ts';
import { BOOKING_JOBS } from '../../src/lib/server/booking/job-kinds.ts';

const PUBLIC_URL = 'http://127.0.0.1:3999';
const DAY = 86_400_000;

describe('Google Calendar through the real googleapis client (loopback fake)', () => {
	let google: FakeGoogleCalendar;
	let ctx: TestContext;
	let providerId: string;

	beforeAll(async () => {
		google = await startFakeGoogleCalendar({ redirectUri: `${PUBLIC_URL}${GOOGLE_CALENDAR_CALLBACK_PATH}` });
		process.env.GOOGLE_CALENDAR_API_URL = google.apiRoot;
		process.env.CALENDAR_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
		ctx = await useTestContext({ env: { ...google.env, PUBLIC_URL } });
		const provider = await ctx.prisma.member.create({ data: { email: 'gcal@example.test', firstName: 'Gaël', lastName: 'Agenda', slug: 'gael-agenda', status: 'active' } });
		providerId = provider.id;
	});
	afterAll(async () => {
		delete process.env.GOOGLE_CALENDAR_API_URL;
		delete process.env.CALENDAR_ENCRYPTION_KEY;
		await ctx?.close();
		await google?.close();
	});

	it('asks for offline access to freebusy, events and the calendar list only', () => {
		const url = new URL(googleCalendarConsentUrl('state123', 'fr'));
		expect(url.origin).toBe(google.baseUrl);
		expect(url.searchParams.get('access_type')).toBe('offline');
		expect(url.searchParams.get('prompt')).toBe('consent');
		expect(url.searchParams.get('scope')!.split(' ').sort()).toEqual([
			'https://www.googleapis.com/auth/calendar.calendarlist.readonly',
			'https://www.googleapis.com/auth/calendar.events',
			'https://www.googleapis.com/auth/calendar.freebusy'
		]);
	});

	it('stores the refresh token encrypted and reads busy times with freeBusy, splitting ranges over 90 days', async () => {
		const { code, refreshToken } = google.issueCode();
		const { id } = await connectGoogleCalendar({ memberId: providerId }, code);
		const row = await ctx.prisma.calendarConnection.findUniqueOrThrow({ where: { id } });
		expect(row.secretEnc).not.toContain(refreshToken);
		expect(decryptSecret(row.secretEnc)).toBe(refreshToken);
		await ctx.prisma.calendarConnection.update({ where: { id }, data: { busyCalendarIds: ['primary', 'work@group.calendar.google.com'] } });

		google.setBusy('primary', [{ start: '2026-06-15T08:00:00Z', end: '2026-06-15T09:00:00Z' }]);
		google.setBusy('work@group.calendar.google.com', [{ start: '2026-09-01T12:00:00Z', end: '2026-09-01T13:00:00Z' }]);
		google.freeBusyRequests.length = 0;
		const from = Date.parse('2026-06-01T00:00:00Z');
		const result = await providerBusyTimes(providerId, { from, to: from + 120 * DAY }, { timezone: 'Europe/Paris' });
		expect(result.failures).toEqual([]);
		expect(result.busy.map((b) => new Date(b.start).toISOString())).toEqual(['2026-06-15T08:00:00.000Z', '2026-09-01T12:00:00.000Z']);
		expect(google.freeBusyRequests).toHaveLength(2); // 90 + 30 days
		expect(google.freeBusyRequests[0]!.items.map((i) => i.id)).toEqual(['primary', 'work@group.calendar.google.com']);
		expect(splitRange({ from, to: from + 200 * DAY })).toHaveLength(3);

		// cached briefly: a second identical read does not call Google
		await providerBusyTimes(providerId, { from, to: from + 120 * DAY }, { timezone: 'Europe/Paris' });
		expect(google.freeBusyRequests).toHaveLength(2);
	});

	it('writes and deletes the booking event with events.insert / events.delete', async () => {
		const booking = await ctx.prisma.booking.create({
			data: {
				providerId,
				title: 'Consultation',
				bookerName: 'Vera Visiteur',
				bookerEmail: 'vera@example.test',
				bookerTimezone: 'America/Montreal',
				startAt: new Date('2026-12-01T10:00:00Z'),
				endAt: new Date('2026-12-01T10:30:00Z'),
				status: 'confirmed',
				roomSlug: 'room-google-1'
			}
		});
		await runBookingJob(BOOKING_JOBS.googleInsert, { bookingId: booking.id });
		const stored = await ctx.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
		expect(stored.googleEventId).toBeTruthy();
		expect(google.events).toHaveLength(1);
		expect(google.events[0]).toMatchObject({
			calendarId: 'primary',
			body: { start: { dateTime: '2026-12-01T10:00:00.000Z' }, end: { dateTime: '2026-12-01T10:30:00.000Z' }, attendees: [{ email: 'vera@example.test' }] }
		});
		await runBookingJob(BOOKING_JOBS.googleDelete, { connectionId: stored.googleConnectionId, calendarId: 'primary', eventId: stored.googleEventId });
		expect(google.events).toHaveLength(0);
	});

	it('a revoked grant (400 invalid_grant) turns the connection to reconnect_required, visible to the provider', async () => {
		const row = await ctx.prisma.calendarConnection.findFirstOrThrow({ where: { providerId, kind: 'google' } });
		google.revoke(decryptSecret(row.secretEnc));
		forgetCalendarCache();
		const result = await providerBusyTimes(providerId, { from: Date.parse('2026-06-01T00:00:00Z'), to: Date.parse('2026-06-08T00:00:00Z') }, { timezone: 'Europe/Paris' });
		expect(result.failures).toEqual([{ connectionId: row.id, kind: 'google', key: 'calendar.error.google_reconnect', reconnectRequired: true }]);
		const listed = await listCalendarConnections({ memberId: providerId });
		expect(listed[0]).toMatchObject({ status: 'reconnect_required', lastError: 'calendar.error.google_reconnect' });
		// a direct call through the source says the same
		await expect(new GoogleCalendarSource(decryptSecret(row.secretEnc)).busyTimes({ from: Date.now(), to: Date.now() + DAY })).rejects.toMatchObject({ reconnectRequired: true });

		// reconnecting replaces the token and clears the state
		const { code } = google.issueCode();
		await connectGoogleCalendar({ memberId: providerId }, code);
		const again = await providerBusyTimes(providerId, { from: Date.parse('2026-06-01T00:00:00Z'), to: Date.parse('2026-06-08T00:00:00Z') }, { timezone: 'Europe/Paris', fresh: true });
		expect(again.failures).toEqual([]);
		expect((await listCalendarConnections({ memberId: providerId }))[0]).toMatchObject({ status: 'ok', lastError: null });
	});
});
