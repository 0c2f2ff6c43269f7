import { context } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import { requireMember, type ActorRef as Actor } from '../access/index.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { CalendarError, type BusyTime, type TimeRange } from './provider.ts';
import { fetchFeed, parseFeed } from './ical.ts';
import { checkUrl } from './safe-fetch.ts';
import { exchangeGoogleCode, GoogleCalendarSource, type GoogleCalendarEntry } from './google.ts';
import { decryptSecret, encryptSecret } from './secrets.ts';

/**
 * A provider's calendar connections: secrets encrypted at rest, busy time gathered from every
 * connection with a short in-memory cache, and failures recorded on the connection (status +
 * message key) so the provider sees them — a revoked Google grant is never a silent stop.
 */

const DAY = 86_400_000;
const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

const ICAL_TTL_MS = 5 * 60_000;
const GOOGLE_TTL_MS = 60_000;
/** feeds are expanded over this window once, then served from the cache */
const ICAL_PAST_DAYS = 7;
const ICAL_FUTURE_DAYS = 400;

type ConnectionRow = Prisma.CalendarConnectionGetPayload<object>;

interface CacheEntry {
	at: number;
	window: TimeRange;
	busy: BusyTime[];
}
const memory = new Map<string, CacheEntry>();

export function forgetCalendarCache(connectionId?: string) {
	if (connectionId) memory.delete(connectionId);
	else memory.clear();
}

export interface ConnectionFailure {
	connectionId: string;
	kind: 'google' | 'ical';
	key: string;
	reconnectRequired: boolean;
}

export interface ProviderBusy {
	busy: BusyTime[];
	failures: ConnectionFailure[];
}

function overlapping(busy: readonly BusyTime[], range: TimeRange): BusyTime[] {
	return busy.filter((b) => b.end > range.from && b.start < range.to);
}

async function recordOutcome(row: ConnectionRow, failure: CalendarError | null, extra: Prisma.CalendarConnectionUpdateInput = {}) {
	const { db } = context();
	const now = new Date();
	if (failure) {
		const status = failure.reconnectRequired ? 'reconnect_required' : 'error';
		if (failure.reconnectRequired || status !== row.status || row.lastError !== failure.key) console.warn(`[calendar] connection ${row.id} (${row.kind}): ${failure.message}`);
		await db.calendarConnection.update({ where: { id: row.id }, data: { status, lastError: failure.key, ...extra } });
		return;
	}
	const stale = !row.lastSyncedAt || now.getTime() - row.lastSyncedAt.getTime() > 5 * 60_000;
	if (row.status !== 'ok' || row.lastError || stale || Object.keys(extra).length)
		await db.calendarConnection.update({ where: { id: row.id }, data: { status: 'ok', lastError: null, lastSyncedAt: now, ...extra } });
}

/** The expansion kept with the feed's ETag: the window it covers and its intervals as [start, end] pairs. */
function storedBusy(window: TimeRange, busy: readonly BusyTime[]) {
	return { from: window.from, to: window.to, busy: busy.map((b) => [b.start, b.end]) };
}

function readStoredBusy(value: unknown): { from: number; to: number; busy: BusyTime[] } | null {
	const v = value as { from?: unknown; to?: unknown; busy?: unknown } | null;
	if (!v || typeof v.from !== 'number' || typeof v.to !== 'number' || !Array.isArray(v.busy)) return null;
	return { from: v.from, to: v.to, busy: (v.busy as [number, number][]).map(([start, end]) => ({ start, end })) };
}

async function icalBusy(row: ConnectionRow, range: TimeRange, timezone: string, now: number): Promise<BusyTime[]> {
	const window = { from: Math.min(range.from, now - ICAL_PAST_DAYS * DAY), to: Math.max(range.to, now + ICAL_FUTURE_DAYS * DAY) };
	const cache = readStoredBusy(row.cachedBusy);
	const stored = cache?.busy ?? null;
	const storedWindow = cache ? { from: cache.from, to: cache.to } : null;
	const storedCovers = storedWindow !== null && storedWindow.from <= range.from && storedWindow.to >= range.to;
	try {
		// a conditional GET is still fresh: 304 means the stored expansion is current
		const result = await fetchFeed(decryptSecret(row.secretEnc), storedCovers ? { etag: row.etag, lastModified: row.lastModified } : {});
		if (result.status === 'not_modified' && stored) {
			await recordOutcome(row, null);
			memory.set(row.id, { at: now, window: storedWindow!, busy: stored });
			return stored;
		}
		if (result.status === 'not_modified') throw new CalendarError('calendar.error.feed_unreachable', false, '304 without a cached copy');
		const parsed = parseFeed(result.text, { ...window, timezone, transparentIsBusy: row.transparentIsBusy });
		await recordOutcome(row, null, {
			etag: result.etag,
			lastModified: result.lastModified,
			cachedBusy: storedBusy(window, parsed.busy),
			cachedAt: new Date(now)
		});
		memory.set(row.id, { at: now, window, busy: parsed.busy });
		return parsed.busy;
	} catch (error) {
		const failure = error instanceof CalendarError ? error : new CalendarError('calendar.error.feed_unreachable', false, String(error));
		await recordOutcome(row, failure);
		// the last good copy still blocks slots while the feed is broken
		if (stored) return stored;
		throw failure;
	}
}

async function googleBusy(row: ConnectionRow, range: TimeRange, now: number): Promise<BusyTime[]> {
	try {
		const source = new GoogleCalendarSource(decryptSecret(row.secretEnc), row.busyCalendarIds);
		const busy = await source.busyTimes(range);
		await recordOutcome(row, null);
		memory.set(row.id, { at: now, window: range, busy });
		return busy;
	} catch (error) {
		const failure = error instanceof CalendarError ? error : new CalendarError('calendar.error.google_unavailable', false, String(error));
		await recordOutcome(row, failure);
		throw failure;
	}
}

/**
 * Busy time of every calendar the provider connected, over `range`. `fresh` bypasses the in-memory
 * cache (the commit-time re-check). A failing connection is reported in `failures` and flagged on
 * its row; the others still count.
 */
export async function providerBusyTimes(providerId: string, range: TimeRange, options: { timezone: string; fresh?: boolean; now?: number }): Promise<ProviderBusy> {
	const { db } = context();
	const now = options.now ?? Date.now();
	const rows = await db.calendarConnection.findMany({ where: { providerId } });
	const busy: BusyTime[] = [];
	const failures: ConnectionFailure[] = [];
	await Promise.all(
		rows.map(async (row) => {
			const cached = memory.get(row.id);
			const ttl = row.kind === 'ical' ? ICAL_TTL_MS : GOOGLE_TTL_MS;
			if (!options.fresh && cached && now - cached.at < ttl && cached.window.from <= range.from && cached.window.to >= range.to) {
				busy.push(...overlapping(cached.busy, range));
				return;
			}
			try {
				const found = row.kind === 'ical' ? await icalBusy(row, range, options.timezone, now) : await googleBusy(row, range, now);
				busy.push(...overlapping(found, range));
			} catch (error) {
				const failure = error as CalendarError;
				failures.push({ connectionId: row.id, kind: row.kind, key: failure.key, reconnectRequired: failure.reconnectRequired });
			}
		})
	);
	return { busy: busy.sort((a, b) => a.start - b.start), failures };
}

/** The provider's connections, without secrets. */
export async function listCalendarConnections(actor: Actor) {
	const providerId = requireMember(actor);
	return context().db.calendarConnection.findMany({
		where: { providerId },
		orderBy: { createdAt: 'asc' },
		select: { id: true, kind: true, label: true, accountEmail: true, status: true, lastError: true, lastSyncedAt: true, busyCalendarIds: true, bookingCalendarId: true, transparentIsBusy: true }
	});
}

/** Adds an iCal feed after one real fetch and parse, so a wrong URL is told at once. */
export async function addIcalFeed(actor: Actor, input: { url: string; label?: string | null; transparentIsBusy?: boolean }, timezone: string) {
	const providerId = requireMember(actor);
	const raw = (input.url ?? '').trim();
	if (!raw || raw.length > 2000) throw invalid('calendar.error.url_invalid', { url: 'calendar.error.url_invalid' });
	try {
		checkUrl(raw);
		const result = await fetchFeed(raw);
		if (result.status !== 'ok') throw new CalendarError('calendar.error.feed_unreachable');
		const now = Date.now();
		const window = { from: now - ICAL_PAST_DAYS * DAY, to: now + ICAL_FUTURE_DAYS * DAY };
		const parsed = parseFeed(result.text, { ...window, timezone, transparentIsBusy: input.transparentIsBusy });
		return await context().db.calendarConnection.create({
			data: {
				providerId,
				kind: 'ical',
				label: input.label?.slice(0, 120) || null,
				secretEnc: encryptSecret(raw),
				transparentIsBusy: Boolean(input.transparentIsBusy),
				etag: result.etag,
				lastModified: result.lastModified,
				cachedBusy: storedBusy(window, parsed.busy),
				cachedAt: new Date(now),
				lastSyncedAt: new Date(now)
			},
			select: { id: true }
		});
	} catch (error) {
		if (error instanceof CalendarError) throw invalid(error.key, { url: error.key });
		throw error;
	}
}

/** Stores the refresh token Google handed out for the consent (re-connecting replaces the old one). */
export async function connectGoogleCalendar(actor: Actor, code: string) {
	const providerId = requireMember(actor);
	let refreshToken: string;
	try {
		({ refreshToken } = await exchangeGoogleCode(code));
	} catch (error) {
		if (error instanceof CalendarError) throw invalid(error.key);
		throw error;
	}
	const { db } = context();
	const existing = await db.calendarConnection.findFirst({ where: { providerId, kind: 'google' }, select: { id: true } });
	const data = { secretEnc: encryptSecret(refreshToken), status: 'ok' as const, lastError: null };
	const row = existing
		? await db.calendarConnection.update({ where: { id: existing.id }, data, select: { id: true } })
		: await db.calendarConnection.create({ data: { providerId, kind: 'google', busyCalendarIds: ['primary'], bookingCalendarId: 'primary', ...data }, select: { id: true } });
	forgetCalendarCache(row.id);
	return row;
}

/** The Google calendars of a connection and which of them are chosen ('primary' shown as the primary calendar's id). */
export interface GoogleCalendarChoices {
	connectionId: string;
	calendars: GoogleCalendarEntry[];
	busyCalendarIds: string[];
	bookingCalendarId: string | null;
}

/** calendarList.list for one connection; a failure is recorded on it like a freeBusy failure. */
async function listGoogleCalendars(row: ConnectionRow): Promise<GoogleCalendarEntry[]> {
	try {
		return await new GoogleCalendarSource(decryptSecret(row.secretEnc), row.busyCalendarIds).listCalendars();
	} catch (error) {
		const failure = error instanceof CalendarError ? error : new CalendarError('calendar.error.google_unavailable', false, String(error));
		// a missing list scope only prevents choosing: busy times and bookings still work
		if (failure.key !== 'calendar.error.google_list_scope') await recordOutcome(row, failure);
		throw invalid(failure.key);
	}
}

async function ownGoogleConnection(actor: Actor, id: string): Promise<ConnectionRow> {
	const providerId = requireMember(actor);
	const row = isUuid(id) ? await context().db.calendarConnection.findFirst({ where: { id, providerId, kind: 'google' } }) : null;
	if (!row) throw notFound();
	return row;
}

/** 'primary' (what a new connection starts with) stands for the calendar Google marks primary. */
function resolveId(id: string, calendars: readonly GoogleCalendarEntry[]): GoogleCalendarEntry | undefined {
	return id === 'primary' ? calendars.find((c) => c.primary) : calendars.find((c) => c.id === id);
}

/**
 * The provider's Google calendars with the current choice: which count as busy (nothing chosen
 * yet: the primary one) and which receives bookings (null: none).
 */
export async function googleCalendarChoices(actor: Actor, connectionId: string): Promise<GoogleCalendarChoices> {
	const row = await ownGoogleConnection(actor, connectionId);
	const calendars = await listGoogleCalendars(row);
	const busy = (row.busyCalendarIds.length ? row.busyCalendarIds : ['primary']).map((id) => resolveId(id, calendars)?.id).filter((id): id is string => Boolean(id));
	return {
		connectionId: row.id,
		calendars,
		busyCalendarIds: [...new Set(busy)],
		bookingCalendarId: row.bookingCalendarId ? (resolveId(row.bookingCalendarId, calendars)?.id ?? row.bookingCalendarId) : null
	};
}

const MAX_BUSY_CALENDARS = 50;

export async function updateCalendarConnection(actor: Actor, id: string, input: { label?: string | null; busyCalendarIds?: string[]; bookingCalendarId?: string | null; transparentIsBusy?: boolean }) {
	const providerId = requireMember(actor);
	const { db } = context();
	const row = isUuid(id) ? await db.calendarConnection.findFirst({ where: { id, providerId } }) : null;
	if (!row) throw notFound();
	const choosing = input.busyCalendarIds !== undefined || (input.bookingCalendarId !== undefined && input.bookingCalendarId !== null);
	let busyCalendarIds: string[] | undefined;
	if (choosing) {
		if (row.kind !== 'google') throw invalid('error.invalid_form');
		// every chosen id must be one of the account's calendars, checked against Google before anything is written
		const calendars = await listGoogleCalendars(row);
		if (input.busyCalendarIds !== undefined) {
			const ids = [...new Set(input.busyCalendarIds.map((s) => s.trim()).filter(Boolean))];
			if (!ids.length) throw invalid('calendar.error.busy_calendars_required', { busyCalendarIds: 'calendar.error.busy_calendars_required' });
			if (ids.length > MAX_BUSY_CALENDARS || ids.some((s) => !resolveId(s, calendars)))
				throw invalid('calendar.error.calendar_not_listed', { busyCalendarIds: 'calendar.error.calendar_not_listed' });
			busyCalendarIds = ids;
		}
		if (input.bookingCalendarId) {
			const target = resolveId(input.bookingCalendarId, calendars);
			if (!target) throw invalid('calendar.error.calendar_not_listed', { bookingCalendarId: 'calendar.error.calendar_not_listed' });
			if (!target.canWrite) throw invalid('calendar.error.booking_calendar_read_only', { bookingCalendarId: 'calendar.error.booking_calendar_read_only' });
		}
	}
	forgetCalendarCache(id);
	await db.calendarConnection.update({
		where: { id },
		data: {
			...(input.label !== undefined ? { label: input.label?.slice(0, 120) || null } : {}),
			...(busyCalendarIds ? { busyCalendarIds } : {}),
			...(input.bookingCalendarId !== undefined ? { bookingCalendarId: input.bookingCalendarId?.trim() || null } : {}),
			// a changed rule means the cached expansion is wrong
			...(input.transparentIsBusy !== undefined ? { transparentIsBusy: input.transparentIsBusy, etag: null, lastModified: null, cachedBusy: Prisma.DbNull, cachedAt: null } : {})
		}
	});
}

export async function removeCalendarConnection(actor: Actor, id: string) {
	const providerId = requireMember(actor);
	if (!isUuid(id)) throw notFound();
	const { count } = await context().db.calendarConnection.deleteMany({ where: { id, providerId } });
	if (!count) throw notFound();
	forgetCalendarCache(id);
}

/** The Google connection bookings are written to, if the provider chose one. */
export async function bookingCalendarOf(providerId: string): Promise<{ connectionId: string; calendarId: string; source: GoogleCalendarSource } | null> {
	const row = await context().db.calendarConnection.findFirst({ where: { providerId, kind: 'google', bookingCalendarId: { not: null } } });
	if (!row || !row.bookingCalendarId || row.status === 'reconnect_required') return null;
	return { connectionId: row.id, calendarId: row.bookingCalendarId, source: new GoogleCalendarSource(decryptSecret(row.secretEnc), row.busyCalendarIds) };
}

/** Records a failure of a write (events.insert/delete) on its connection. */
export async function recordCalendarFailure(connectionId: string, error: unknown) {
	const row = await context().db.calendarConnection.findUnique({ where: { id: connectionId } });
	if (!row) return;
	const failure = error instanceof CalendarError ? error : new CalendarError('calendar.error.google_unavailable', false, String(error));
	await recordOutcome(row, failure);
}
