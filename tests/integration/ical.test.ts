import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed, parseFeed } from '../../src/lib/server/calendar/ical.ts';
import { checkUrl, isPrivateAddress, safeGet } from '../../src/lib/server/calendar/safe-fetch.ts';
import { CalendarError } from '../../src/lib/server/calendar/provider.ts';
import { addIcalFeed, forgetCalendarCache, providerBusyTimes } from '../../src/lib/server/calendar/connections.ts';
import { useTestContext, type TestContext } from '../helpers/context.ts';

const PARIS_VTIMEZONE = `BEGIN:VTIMEZONE
TZID:Europe/Paris
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE`;

const cal = (body: string, timezone = PARIS_VTIMEZONE) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${timezone ? timezone + '\r\n' : ''}${body}\r\nEND:VCALENDAR\r\n`.replace(/\r?\n/g, '\r\n');

const weekly = cal(`BEGIN:VEVENT
UID:weekly-1@test
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/Paris:20260302T100000
DTEND;TZID=Europe/Paris:20260302T110000
RRULE:FREQ=WEEKLY;COUNT=10
EXDATE;TZID=Europe/Paris:20260316T100000
SUMMARY:Private: dentist
END:VEVENT
BEGIN:VEVENT
UID:weekly-1@test
DTSTAMP:20260101T000000Z
RECURRENCE-ID;TZID=Europe/Paris:20260323T100000
DTSTART;TZID=Europe/Paris:20260324T140000
DTEND;TZID=Europe/Paris:20260324T150000
SUMMARY:moved
END:VEVENT`);

/** a busy hour tomorrow, so the connection cache (a window around the real now) covers it */
const soon = Math.ceil(Date.now() / 3600_000) * 3600_000 + 24 * 3600_000;
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
const live = weekly.replace('END:VCALENDAR', `BEGIN:VEVENT\r\nUID:live@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:${stamp(soon)}\r\nDTEND:${stamp(soon + 3600_000)}\r\nEND:VEVENT\r\nEND:VCALENDAR`);

const window = { from: Date.parse('2026-01-01T00:00:00Z'), to: Date.parse('2027-01-01T00:00:00Z'), timezone: 'Europe/Paris' };
const iso = (b: { start: number; end: number }) => `${new Date(b.start).toISOString()}/${new Date(b.end).toISOString()}`;

describe('iCal parsing', () => {
	it('expands a weekly series across the March DST change, with one EXDATE and one moved occurrence', () => {
		const { busy } = parseFeed(weekly, window);
		expect(busy.map(iso)).toEqual([
			'2026-03-02T09:00:00.000Z/2026-03-02T10:00:00.000Z',
			'2026-03-09T09:00:00.000Z/2026-03-09T10:00:00.000Z',
			// 16 March excluded; 23 March moved to Tuesday 24 at 14:00 CET
			'2026-03-24T13:00:00.000Z/2026-03-24T14:00:00.000Z',
			// summer time from 29 March: 10:00 Paris is 08:00 UTC
			'2026-03-30T08:00:00.000Z/2026-03-30T09:00:00.000Z',
			'2026-04-06T08:00:00.000Z/2026-04-06T09:00:00.000Z',
			'2026-04-13T08:00:00.000Z/2026-04-13T09:00:00.000Z',
			'2026-04-20T08:00:00.000Z/2026-04-20T09:00:00.000Z',
			'2026-04-27T08:00:00.000Z/2026-04-27T09:00:00.000Z',
			'2026-05-04T08:00:00.000Z/2026-05-04T09:00:00.000Z'
		]);
	});

	it('follows the October DST change for a recurring event, even without a VTIMEZONE in the feed', () => {
		const feed = cal(
			`BEGIN:VEVENT
UID:oct@test
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/Paris:20261019T100000
DTEND;TZID=Europe/Paris:20261019T103000
RRULE:FREQ=WEEKLY;COUNT=2
END:VEVENT`,
			''
		);
		expect(parseFeed(feed, window).busy.map(iso)).toEqual(['2026-10-19T08:00:00.000Z/2026-10-19T08:30:00.000Z', '2026-10-26T09:00:00.000Z/2026-10-26T09:30:00.000Z']);
		const withZone = cal(feed.split('BEGIN:VEVENT')[1]!.replace(/^/, 'BEGIN:VEVENT').replace(/END:VCALENDAR\r\n$/, '').trim());
		expect(parseFeed(withZone, window).busy.map(iso)).toEqual(['2026-10-19T08:00:00.000Z/2026-10-19T08:30:00.000Z', '2026-10-26T09:00:00.000Z/2026-10-26T09:30:00.000Z']);
	});

	it('reads an all-day event as the whole local day of the provider', () => {
		const feed = cal(`BEGIN:VEVENT
UID:allday@test
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20260616
DTEND;VALUE=DATE:20260617
SUMMARY:Congés
END:VEVENT`);
		expect(parseFeed(feed, window).busy.map(iso)).toEqual(['2026-06-15T22:00:00.000Z/2026-06-16T22:00:00.000Z']);
	});

	it('ignores free (TRANSP:TRANSPARENT) and cancelled events unless the provider says free events block', () => {
		const feed = cal(`BEGIN:VEVENT
UID:free@test
DTSTAMP:20260101T000000Z
DTSTART:20260616T080000Z
DTEND:20260616T090000Z
TRANSP:TRANSPARENT
END:VEVENT
BEGIN:VEVENT
UID:cancelled@test
DTSTAMP:20260101T000000Z
DTSTART:20260617T080000Z
DTEND:20260617T090000Z
STATUS:CANCELLED
END:VEVENT`);
		expect(parseFeed(feed, window).busy).toEqual([]);
		expect(parseFeed(feed, { ...window, transparentIsBusy: true }).busy.map(iso)).toEqual(['2026-06-16T08:00:00.000Z/2026-06-16T09:00:00.000Z']);
	});

	it('refuses sub-hourly recurrences and caps long series', () => {
		const feed = cal(`BEGIN:VEVENT
UID:spam@test
DTSTAMP:20260101T000000Z
DTSTART:20260616T080000Z
DTEND:20260616T080100Z
RRULE:FREQ=MINUTELY
END:VEVENT
BEGIN:VEVENT
UID:daily@test
DTSTAMP:20260101T000000Z
DTSTART:19000101T080000Z
DTEND:19000101T090000Z
RRULE:FREQ=DAILY
END:VEVENT`);
		const parsed = parseFeed(feed, window);
		expect(parsed.skippedSeries).toBe(2);
		expect(parsed.busy).toEqual([]);
	});

	it('a malformed feed is a clear error, not a crash', () => {
		expect(() => parseFeed('this is not a calendar', window)).toThrow(CalendarError);
		try {
			parseFeed('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\n', window);
			expect.unreachable();
		} catch (error) {
			expect((error as CalendarError).key).toBe('calendar.error.feed_malformed');
		}
	});
});

describe('iCal fetching (SSRF guard, size cap, conditional GET)', () => {
	let server: ReturnType<typeof createServer>;
	let base: string;
	let allow: Set<string>;
	const hits: { path: string; ifNoneMatch?: string }[] = [];
	let ctx: TestContext;

	beforeAll(async () => {
		server = createServer((req: IncomingMessage, res: ServerResponse) => {
			hits.push({ path: req.url ?? '', ifNoneMatch: req.headers['if-none-match'] });
			if (req.url === '/weekly.ics') {
				if (req.headers['if-none-match'] === '"v1"') {
					res.writeHead(304, { etag: '"v1"' });
					return res.end();
				}
				res.writeHead(200, { 'content-type': 'text/calendar', etag: '"v1"', 'last-modified': 'Mon, 01 Jun 2026 00:00:00 GMT' });
				return res.end(live);
			}
			if (req.url === '/huge.ics') {
				res.writeHead(200, { 'content-type': 'text/calendar' });
				// streamed without content-length: the cap must cut it while reading
				const chunk = 'X'.repeat(64 * 1024);
				let sent = 0;
				const pump = () => {
					while (sent < 200 && res.write(chunk)) sent++;
					if (sent < 200) res.once('drain', pump);
					else res.end();
				};
				return pump();
			}
			if (req.url === '/broken.ics') {
				res.writeHead(200, { 'content-type': 'text/calendar' });
				return res.end('BEGIN:VCALENDAR\r\nthis is : not ; ical\r\n');
			}
			if (req.url === '/redirect-internal') {
				res.writeHead(302, { location: 'http://10.0.0.1/feed.ics' });
				return res.end();
			}
			res.writeHead(404);
			res.end();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as AddressInfo).port;
		base = `http://127.0.0.1:${port}`;
		allow = new Set([`127.0.0.1:${port}`]);
		process.env.CALENDAR_FETCH_ALLOW = `127.0.0.1:${port}`;
		process.env.ICAL_MAX_BYTES = String(1024 * 1024);
		ctx = await useTestContext();
	});
	afterAll(async () => {
		delete process.env.CALENDAR_FETCH_ALLOW;
		delete process.env.ICAL_MAX_BYTES;
		await ctx?.close();
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	it('refuses loopback, private, link-local and unique-local addresses, and non-http schemes', async () => {
		for (const url of ['http://127.0.0.1/cal.ics', 'http://10.0.0.1/cal.ics', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://[fd00::1]/x', 'http://[::ffff:127.0.0.1]/x', 'http://localhost:8080/x']) {
			expect(() => checkUrl(url, new Set()), url).toThrow(expect.objectContaining({ key: 'calendar.error.url_forbidden' }));
		}
		expect(() => checkUrl('file:///etc/passwd', new Set())).toThrow(expect.objectContaining({ key: 'calendar.error.url_invalid' }));
		expect(() => checkUrl('ftp://example.org/x.ics', new Set())).toThrow(expect.objectContaining({ key: 'calendar.error.url_invalid' }));
		expect(isPrivateAddress('8.8.8.8')).toBe(false);
		expect(isPrivateAddress('172.20.1.1')).toBe(true);
		// the allowance is per host:port, so another loopback port stays refused
		await expect(safeGet('http://127.0.0.1:9/x.ics', { allow })).rejects.toMatchObject({ key: 'calendar.error.url_forbidden' });
		// a host name is checked after DNS resolution (this machine's name resolves to a private address)
		await expect(safeGet(`http://${os.hostname()}:9/x.ics`, { allow: new Set() })).rejects.toMatchObject({ key: expect.stringMatching(/url_forbidden|feed_unreachable/) });
	});

	it('re-checks redirects', async () => {
		await expect(safeGet(`${base}/redirect-internal`, { allow })).rejects.toMatchObject({ key: 'calendar.error.url_forbidden' });
	});

	it('cuts a huge feed at the size cap', async () => {
		await expect(fetchFeed(`${base}/huge.ics`, {}, { allow, maxBytes: 512 * 1024 })).rejects.toMatchObject({ key: 'calendar.error.feed_too_large' });
	});

	it('uses ETag for conditional requests', async () => {
		const first = await fetchFeed(`${base}/weekly.ics`, {}, { allow });
		expect(first).toMatchObject({ status: 'ok', etag: '"v1"' });
		expect(await fetchFeed(`${base}/weekly.ics`, { etag: '"v1"' }, { allow })).toEqual({ status: 'not_modified' });
	});

	it('a provider connecting a broken or huge feed is told why; a stored feed that breaks is flagged, no crash', async () => {
		const provider = await ctx.prisma.member.create({ data: { email: 'ical@example.test', firstName: 'Iris', lastName: 'Cal', slug: 'iris-cal', status: 'active' } });
		const actor = { memberId: provider.id };
		await expect(addIcalFeed(actor, { url: `${base}/broken.ics` }, 'Europe/Paris')).rejects.toMatchObject({ kind: 'invalid', key: 'calendar.error.feed_malformed' });
		await expect(addIcalFeed(actor, { url: `${base}/huge.ics` }, 'Europe/Paris')).rejects.toMatchObject({ kind: 'invalid', key: 'calendar.error.feed_too_large' });
		await expect(addIcalFeed(actor, { url: 'http://10.0.0.1/cal.ics' }, 'Europe/Paris')).rejects.toMatchObject({ kind: 'invalid', key: 'calendar.error.url_forbidden' });

		const { id } = await addIcalFeed(actor, { url: `${base}/weekly.ics`, label: 'Perso' }, 'Europe/Paris');
		const stored = await ctx.prisma.calendarConnection.findUniqueOrThrow({ where: { id } });
		expect(stored.secretEnc).not.toContain('127.0.0.1'); // the feed URL is encrypted at rest
		expect(stored.etag).toBe('"v1"');

		const range = { from: Date.now(), to: Date.now() + 3 * 86_400_000 };
		hits.length = 0;
		const busy = await providerBusyTimes(provider.id, range, { timezone: 'Europe/Paris' });
		expect(busy.failures).toEqual([]);
		expect(busy.busy.map(iso)).toEqual([iso({ start: soon, end: soon + 3600_000 })]);
		expect(hits.at(-1)?.ifNoneMatch).toBe('"v1"'); // answered 304 from the stored expansion

		// the feed breaks: the connection shows the reason, the last good copy still blocks
		forgetCalendarCache();
		await ctx.prisma.calendarConnection.update({ where: { id }, data: { etag: null } });
		const { encryptSecret } = await import('../../src/lib/server/calendar/secrets.ts');
		await ctx.prisma.calendarConnection.update({ where: { id }, data: { secretEnc: encryptSecret(`${base}/broken.ics`) } });
		const after = await providerBusyTimes(provider.id, range, { timezone: 'Europe/Paris' });
		expect(after.busy).toHaveLength(1);
		const flagged = await ctx.prisma.calendarConnection.findUniqueOrThrow({ where: { id } });
		expect(flagged).toMatchObject({ status: 'error', lastError: 'calendar.error.feed_malformed' });
	});
});
