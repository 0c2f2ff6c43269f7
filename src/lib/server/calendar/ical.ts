import ICAL from 'ical.js';
import { isValidTimezone, zonedToUtc } from './tz.ts';
import { CalendarError, type BusyTime, type CalendarSource, type TimeRange } from './provider.ts';
import { safeGet, type SafeFetchOptions } from './safe-fetch.ts';

/**
 * Public iCal feeds (Google "secret address", Outlook, Nextcloud…): fetched server-side through
 * safeGet, parsed with ical.js, recurring events expanded (RRULE, RDATE, EXDATE, RECURRENCE-ID
 * overrides) with a cap. Only start/end survive parsing: busy events' content never leaves here.
 */

/** occurrences walked per recurring series (including those before the window) */
export const MAX_ITERATIONS_PER_SERIES = 5000;
export const MAX_EVENTS_PER_FEED = 50_000;
const DAY = 86_400_000;

export interface ParseOptions extends TimeRange {
	/** zone of floating times and all-day events (the provider's) */
	timezone: string;
	/** TRANSP:TRANSPARENT events block slots too */
	transparentIsBusy?: boolean;
}

export interface ParsedFeed {
	busy: BusyTime[];
	/** series not expanded (sub-hourly rules) or cut at the cap */
	skippedSeries: number;
}

type Time = InstanceType<typeof ICAL.Time>;
type Event = InstanceType<typeof ICAL.Event>;

function toEpoch(time: Time, floatingZone: string): number {
	const zone = time.zone;
	if (!time.isDate && zone && zone.tzid !== 'floating') return time.toUnixTime() * 1000;
	return zonedToUtc(floatingZone, { year: time.year, month: time.month, day: time.day }, time.isDate ? 0 : time.hour * 60 + time.minute) + (time.isDate ? 0 : time.second * 1000);
}

/** The zone a floating time of this event should be read in: its TZID when it names an IANA zone without a VTIMEZONE. */
function floatingZoneOf(event: Event, fallback: string): string {
	const tzid = event.component.getFirstProperty('dtstart')?.getParameter('tzid');
	return typeof tzid === 'string' && isValidTimezone(tzid) ? tzid : fallback;
}

function blocks(event: Event, transparentIsBusy: boolean): boolean {
	const status = String(event.component.getFirstPropertyValue('status') ?? '').toUpperCase();
	if (status === 'CANCELLED') return false;
	const transp = String(event.component.getFirstPropertyValue('transp') ?? 'OPAQUE').toUpperCase();
	return transp !== 'TRANSPARENT' || transparentIsBusy;
}

function endOf(event: Event, start: Time, end: Time | null): Time {
	if (end) return end;
	// no DTEND/DURATION: a day for an all-day event, an instant otherwise (RFC 5545 §3.6.1)
	const copy = start.clone();
	if (start.isDate) copy.day += 1;
	return copy;
}

/** Busy intervals of a feed's text overlapping [from, to). Throws CalendarError on a malformed feed. */
export function parseFeed(text: string, options: ParseOptions): ParsedFeed {
	let root: InstanceType<typeof ICAL.Component>;
	try {
		const jcal = ICAL.parse(text);
		root = new ICAL.Component(jcal as unknown as unknown[]);
	} catch (error) {
		throw new CalendarError('calendar.error.feed_malformed', false, error instanceof Error ? error.message : String(error));
	}
	if (root.name !== 'vcalendar') throw new CalendarError('calendar.error.feed_malformed', false, `root is ${root.name}`);
	const calendarZone = String(root.getFirstPropertyValue('x-wr-timezone') ?? '');
	const defaultZone = isValidTimezone(calendarZone) ? calendarZone : options.timezone;
	const vevents = root.getAllSubcomponents('vevent');
	if (vevents.length > MAX_EVENTS_PER_FEED) throw new CalendarError('calendar.error.feed_too_large');

	const masters = new Map<string, Event>();
	const exceptions: Event[] = [];
	const singles: Event[] = [];
	try {
		for (const component of vevents) {
			const event = new ICAL.Event(component);
			if (!event.startDate) continue;
			if (event.isRecurrenceException()) exceptions.push(event);
			else if (event.isRecurring()) masters.set(event.uid, event);
			else singles.push(event);
		}
		for (const exception of exceptions) {
			const master = masters.get(exception.uid);
			if (master) master.relateException(exception);
			else singles.push(exception);
		}
	} catch (error) {
		throw new CalendarError('calendar.error.feed_malformed', false, error instanceof Error ? error.message : String(error));
	}

	const transparentIsBusy = options.transparentIsBusy ?? false;
	const busy: BusyTime[] = [];
	const push = (event: Event, start: Time, end: Time | null) => {
		if (!blocks(event, transparentIsBusy)) return;
		const zone = floatingZoneOf(event, defaultZone);
		const s = toEpoch(start, zone);
		const e = toEpoch(endOf(event, start, end), zone);
		if (e > options.from && s < options.to && e > s) busy.push({ start: s, end: e });
	};

	for (const event of singles) push(event, event.startDate, event.endDate);

	let skippedSeries = 0;
	for (const master of masters.values()) {
		const rules = master.component.getAllProperties('rrule').map((p) => p.getFirstValue() as InstanceType<typeof ICAL.Recur>);
		if (rules.some((r) => r.freq === 'SECONDLY' || r.freq === 'MINUTELY')) {
			skippedSeries++;
			continue;
		}
		const zone = floatingZoneOf(master, defaultZone);
		// cheap pre-filter on the wall clock read as UTC (±2 days covers every offset): occurrences far
		// outside the window skip the exact zone conversion unless the series has moved occurrences
		const span = master.duration ? master.duration.toSeconds() * 1000 : DAY;
		const plain = Object.keys(master.exceptions).length === 0;
		try {
			const iterator = master.iterator();
			let next: Time | null;
			let count = 0;
			while ((next = iterator.next())) {
				if (++count > MAX_ITERATIONS_PER_SERIES) {
					skippedSeries++;
					break;
				}
				const rough = Date.UTC(next.year, next.month - 1, next.day, next.hour, next.minute, next.second);
				if (rough >= options.to + 2 * DAY) break;
				if (plain && rough + span < options.from - 2 * DAY) continue;
				if (toEpoch(next, zone) >= options.to) break;
				const details = master.getOccurrenceDetails(next);
				push(details.item, details.startDate, details.endDate);
			}
		} catch (error) {
			throw new CalendarError('calendar.error.feed_malformed', false, error instanceof Error ? error.message : String(error));
		}
	}
	// an exception moved into the window whose original occurrence lies beyond `to` is still seen
	for (const master of masters.values())
		for (const exception of Object.values(master.exceptions)) {
			const original = toEpoch(exception.recurrenceId, floatingZoneOf(master, defaultZone));
			if (original >= options.to) push(exception, exception.startDate, exception.endDate);
		}
	busy.sort((a, b) => a.start - b.start);
	return { busy, skippedSeries };
}

export interface FeedCache {
	etag?: string | null;
	lastModified?: string | null;
}

export type FeedFetch = { status: 'not_modified' } | { status: 'ok'; text: string; etag: string | null; lastModified: string | null };

/**
 * An inline feed, `data:text/calendar;base64,…`: its content travels in the stored URL, so reading it
 * makes no request at all. Only the demo seed writes one (prisma/seed/booking.ts): a feed the app
 * served to itself on loopback would need the SSRF guard opened for loopback, and a member could
 * then point a feed at any loopback page. Members still cannot add one: addIcalFeed and safeGet
 * accept http(s) only.
 */
export function inlineFeedText(url: string): string | null {
	const match = /^data:text\/calendar(?:;[a-z-]+=[^;,]*)*;base64,([A-Za-z0-9+/=]*)$/i.exec(url);
	return match ? Buffer.from(match[1]!, 'base64').toString('utf8') : null;
}

/** Conditional GET of a feed (If-None-Match / If-Modified-Since); an inline feed is read as is. */
export async function fetchFeed(url: string, cache: FeedCache = {}, options: SafeFetchOptions = {}): Promise<FeedFetch> {
	const inline = inlineFeedText(url);
	if (inline !== null) return { status: 'ok', text: inline, etag: null, lastModified: null };
	const headers: Record<string, string> = {};
	if (cache.etag) headers['if-none-match'] = cache.etag;
	if (cache.lastModified) headers['if-modified-since'] = cache.lastModified;
	const response = await safeGet(url, { ...options, headers });
	if (response.status === 304) return { status: 'not_modified' };
	if (response.status === 401 || response.status === 403 || response.status === 404 || response.status === 410)
		throw new CalendarError('calendar.error.feed_gone', false, `HTTP ${response.status}`);
	if (response.status < 200 || response.status >= 300) throw new CalendarError('calendar.error.feed_unreachable', false, `HTTP ${response.status}`);
	const header = (name: string) => {
		const value = response.headers[name];
		return typeof value === 'string' ? value : null;
	};
	return { status: 'ok', text: response.body, etag: header('etag'), lastModified: header('last-modified') };
}

/** An iCal feed as a CalendarSource: fetched on each call (the connection layer caches). */
export class IcalFeedSource implements CalendarSource {
	readonly kind = 'ical' as const;
	constructor(
		private readonly url: string,
		private readonly options: { timezone: string; transparentIsBusy?: boolean; fetch?: SafeFetchOptions }
	) {}

	async busyTimes(range: TimeRange): Promise<BusyTime[]> {
		const result = await fetchFeed(this.url, {}, this.options.fetch);
		if (result.status !== 'ok') return [];
		return parseFeed(result.text, { ...range, timezone: this.options.timezone, transparentIsBusy: this.options.transparentIsBusy }).busy;
	}
}
