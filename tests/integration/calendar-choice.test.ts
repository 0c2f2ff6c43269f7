import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	FAKE_HOLIDAYS_CALENDAR,
	FAKE_PRIMARY_CALENDAR,
	FAKE_SHARED_CALENDAR,
	startFakeGoogleCalendar,
	type FakeGoogleCalendar
} from '../helpers/fakes/google-calendar.ts';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { GOOGLE_CALENDAR_CALLBACK_PATH, GoogleCalendarSource } from '../../src/lib/server/calendar/google.ts';
import { connectGoogleCalendar, googleCalendarChoices, providerBusyTimes, updateCalendarConnection } from '../../src/lib/server/calendar/connections.ts';
import { decryptSecret } from '../../src/lib/server/calendar/secrets.ts';
import { translate } from '../../src/lib/i18n/index.ts';

const PUBLIC_URL = 'http://127.0.0.1:3999';

describe('choosing which Google calendars count as busy and which receives bookings', () => {
	let google: FakeGoogleCalendar;
	let ctx: TestContext;
	let providerId: string;
	let otherId: string;
	let connectionId: string;

	const row = () => ctx.prisma.calendarConnection.findUniqueOrThrow({ where: { id: connectionId } });
	const choice = (row: { busyCalendarIds: string[]; bookingCalendarId: string | null; status: string }) => ({ busy: row.busyCalendarIds, booking: row.bookingCalendarId, status: row.status });

	beforeAll(async () => {
		google = await startFakeGoogleCalendar({ redirectUri: `${PUBLIC_URL}${GOOGLE_CALENDAR_CALLBACK_PATH}` });
		process.env.GOOGLE_CALENDAR_API_URL = google.apiRoot;
		process.env.CALENDAR_ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64');
		ctx = await useTestContext({ env: { ...google.env, PUBLIC_URL } });
		providerId = (await ctx.prisma.member.create({ data: { email: 'choix@example.test', firstName: 'Gaël', lastName: 'Agenda', slug: 'gael-choix', status: 'active' } })).id;
		otherId = (await ctx.prisma.member.create({ data: { email: 'autre@example.test', firstName: 'Olga', lastName: 'Autre', slug: 'olga-autre', status: 'active' } })).id;
		({ id: connectionId } = await connectGoogleCalendar({ memberId: providerId }, google.issueCode().code));
	});
	afterAll(async () => {
		delete process.env.GOOGLE_CALENDAR_API_URL;
		delete process.env.CALENDAR_ENCRYPTION_KEY;
		await ctx?.close();
		await google?.close();
	});

	it('lists the calendars through the real googleapis client, with the default choice (primary for both)', async () => {
		google.calendarListRequests.length = 0;
		const choices = await googleCalendarChoices({ memberId: providerId }, connectionId);
		expect(choices.calendars).toEqual([
			{ id: FAKE_PRIMARY_CALENDAR, summary: 'Gaël Agenda', primary: true, canWrite: true },
			{ id: FAKE_SHARED_CALENDAR, summary: 'Planning équipe', primary: false, canWrite: false },
			{ id: FAKE_HOLIDAYS_CALENDAR, summary: 'Jours fériés en France', primary: false, canWrite: false }
		]);
		// a new connection stores 'primary': shown as the primary calendar's id
		expect(choices.busyCalendarIds).toEqual([FAKE_PRIMARY_CALENDAR]);
		expect(choices.bookingCalendarId).toBe(FAKE_PRIMARY_CALENDAR);
		// two pages of the fake's list, both asking for calendars we may at least read busy times of
		expect(google.calendarListRequests).toHaveLength(2);
		expect(google.calendarListRequests.every((q) => q.minAccessRole === 'freeBusyReader')).toBe(true);
		expect(google.calendarListRequests[1]!.pageToken).toBe('2');
		// the source on its own says the same
		const stored = await row();
		expect(await new GoogleCalendarSource(decryptSecret(stored.secretEnc)).listCalendars()).toEqual(choices.calendars);
	});

	it('refuses a read-only calendar for bookings, an unknown calendar and an empty busy choice, changing nothing', async () => {
		const before = choice(await row());
		await expect(updateCalendarConnection({ memberId: providerId }, connectionId, { busyCalendarIds: [FAKE_PRIMARY_CALENDAR], bookingCalendarId: FAKE_SHARED_CALENDAR })).rejects.toMatchObject({
			kind: 'invalid',
			key: 'calendar.error.booking_calendar_read_only',
			fields: { bookingCalendarId: 'calendar.error.booking_calendar_read_only' }
		});
		await expect(updateCalendarConnection({ memberId: providerId }, connectionId, { busyCalendarIds: [FAKE_PRIMARY_CALENDAR, 'someone-else@example.test'] })).rejects.toMatchObject({
			kind: 'invalid',
			key: 'calendar.error.calendar_not_listed'
		});
		await expect(updateCalendarConnection({ memberId: providerId }, connectionId, { bookingCalendarId: 'nope@group.calendar.google.com' })).rejects.toMatchObject({ key: 'calendar.error.calendar_not_listed' });
		await expect(updateCalendarConnection({ memberId: providerId }, connectionId, { busyCalendarIds: [] })).rejects.toMatchObject({ key: 'calendar.error.busy_calendars_required' });
		expect(choice(await row())).toEqual(before);
		// a clear message in both languages
		expect(translate('fr', 'calendar.error.booking_calendar_read_only')).toMatch(/consulter cet agenda/);
		expect(translate('en', 'calendar.error.booking_calendar_read_only')).toMatch(/only read this calendar/);
	});

	it('the chosen busy calendars are exactly those freeBusy is asked about; bookings can go nowhere', async () => {
		await updateCalendarConnection({ memberId: providerId }, connectionId, { busyCalendarIds: [FAKE_PRIMARY_CALENDAR, FAKE_HOLIDAYS_CALENDAR], bookingCalendarId: null });
		expect(choice(await row())).toEqual({ busy: [FAKE_PRIMARY_CALENDAR, FAKE_HOLIDAYS_CALENDAR], booking: null, status: 'ok' });
		const choices = await googleCalendarChoices({ memberId: providerId }, connectionId);
		expect(choices).toMatchObject({ busyCalendarIds: [FAKE_PRIMARY_CALENDAR, FAKE_HOLIDAYS_CALENDAR], bookingCalendarId: null });

		google.setBusy(FAKE_HOLIDAYS_CALENDAR, [{ start: '2026-12-25T00:00:00Z', end: '2026-12-26T00:00:00Z' }]);
		google.setBusy(FAKE_SHARED_CALENDAR, [{ start: '2026-12-22T09:00:00Z', end: '2026-12-22T10:00:00Z' }]);
		google.freeBusyRequests.length = 0;
		const range = { from: Date.parse('2026-12-21T00:00:00Z'), to: Date.parse('2026-12-28T00:00:00Z') };
		const result = await providerBusyTimes(providerId, range, { timezone: 'Europe/Paris', fresh: true });
		expect(result.failures).toEqual([]);
		expect(google.freeBusyRequests).toHaveLength(1);
		expect(google.freeBusyRequests[0]!.items.map((i) => i.id)).toEqual([FAKE_PRIMARY_CALENDAR, FAKE_HOLIDAYS_CALENDAR]);
		// the shared calendar was not chosen: its meeting does not block
		expect(result.busy).toEqual([{ start: Date.parse('2026-12-25T00:00:00Z'), end: Date.parse('2026-12-26T00:00:00Z') }]);

		// back to the primary calendar for bookings ('primary' is accepted as its alias)
		await updateCalendarConnection({ memberId: providerId }, connectionId, { bookingCalendarId: 'primary' });
		expect((await row()).bookingCalendarId).toBe('primary');
		expect((await googleCalendarChoices({ memberId: providerId }, connectionId)).bookingCalendarId).toBe(FAKE_PRIMARY_CALENDAR);
	});

	it('another provider can neither read nor change the connection', async () => {
		const before = choice(await row());
		const listed = google.calendarListRequests.length;
		await expect(googleCalendarChoices({ memberId: otherId }, connectionId)).rejects.toMatchObject({ kind: 'not_found' });
		await expect(updateCalendarConnection({ memberId: otherId }, connectionId, { busyCalendarIds: [FAKE_SHARED_CALENDAR], bookingCalendarId: null })).rejects.toMatchObject({ kind: 'not_found' });
		await expect(googleCalendarChoices(null, connectionId)).rejects.toMatchObject({ kind: 'unauthenticated' });
		await expect(googleCalendarChoices({ memberId: providerId }, 'not-a-uuid')).rejects.toMatchObject({ kind: 'not_found' });
		// Google was never asked on their behalf
		expect(google.calendarListRequests).toHaveLength(listed);
		expect(choice(await row())).toEqual(before);
	});

	it('a revoked grant while listing turns the connection to reconnect_required and refuses the change', async () => {
		const stored = await row();
		google.revoke(decryptSecret(stored.secretEnc));
		await expect(googleCalendarChoices({ memberId: providerId }, connectionId)).rejects.toMatchObject({ kind: 'invalid', key: 'calendar.error.google_reconnect' });
		expect(await row()).toMatchObject({ status: 'reconnect_required', lastError: 'calendar.error.google_reconnect' });
		await expect(new GoogleCalendarSource(decryptSecret(stored.secretEnc)).listCalendars()).rejects.toMatchObject({ key: 'calendar.error.google_reconnect', reconnectRequired: true });
		await expect(updateCalendarConnection({ memberId: providerId }, connectionId, { busyCalendarIds: [FAKE_PRIMARY_CALENDAR] })).rejects.toMatchObject({ key: 'calendar.error.google_reconnect' });
		expect((await row()).busyCalendarIds).toEqual(stored.busyCalendarIds);
	});
});
