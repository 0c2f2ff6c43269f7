import { googleOAuthClient, googleSignInEnabled } from '../auth/google.ts';
import { google } from 'googleapis';
import { CalendarError, type BusyTime, type CalendarEventDraft, type TimeRange, type WritableCalendar } from './provider.ts';
import { calendarSettings } from './settings.ts';

/**
 * Google Calendar through googleapis: consent with offline access (a refresh token, stored
 * encrypted by the connection layer), busy time from freebusy.query on the calendars the provider
 * selected, calendarList.list so the provider can choose those calendars, and events.insert/delete
 * for bookings. GOOGLE_OAUTH_BASE_URL and GOOGLE_CALENDAR_API_URL
 * point the real client at mirrors (tests: a loopback fake speaking Google's HTTP API).
 */

export const GOOGLE_CALENDAR_CALLBACK_PATH = '/agenda/google/callback';
export const GOOGLE_CALENDAR_SCOPES = [
	'https://www.googleapis.com/auth/calendar.freebusy',
	'https://www.googleapis.com/auth/calendar.events',
	// calendarList.list: which calendars count as busy and which one receives bookings
	'https://www.googleapis.com/auth/calendar.calendarlist.readonly'
];
/** pages of calendarList.list read at most (250 calendars each) */
const CALENDAR_LIST_MAX_PAGES = 4;
/** freebusy.query refuses longer ranges */
export const FREEBUSY_MAX_DAYS = 90;
const DAY = 86_400_000;

export { googleSignInEnabled as googleCalendarEnabled };

export function calendarOAuthClient() {
	return googleOAuthClient(GOOGLE_CALENDAR_CALLBACK_PATH);
}

/** Consent page URL: offline access and `prompt=consent`, so Google hands out a refresh token every time. */
export function googleCalendarConsentUrl(state: string, locale: string): string {
	return calendarOAuthClient().generateAuthUrl({ access_type: 'offline', prompt: 'consent', include_granted_scopes: true, scope: GOOGLE_CALENDAR_SCOPES, state, hl: locale });
}

/** The redirect's code becomes a refresh token (the caller encrypts and stores it). */
export async function exchangeGoogleCode(code: string): Promise<{ refreshToken: string; scopes: string[] }> {
	if (!code || code.length > 2048) throw new CalendarError('calendar.error.google_failed');
	try {
		const { tokens } = await calendarOAuthClient().getToken(code);
		if (!tokens.refresh_token) throw new CalendarError('calendar.error.google_no_refresh_token');
		return { refreshToken: tokens.refresh_token, scopes: (tokens.scope ?? '').split(' ').filter(Boolean) };
	} catch (error) {
		throw toCalendarError(error);
	}
}

/** invalid_grant (revoked, expired, password changed) and 401 mean: the provider must reconnect. */
export function toCalendarError(error: unknown): CalendarError {
	if (error instanceof CalendarError) return error;
	const e = error as { status?: number; code?: string | number; response?: { status?: number; data?: unknown }; message?: string };
	const status = e.response?.status ?? e.status ?? (typeof e.code === 'number' ? e.code : undefined);
	const data = e.response?.data as { error?: string | { message?: string; errors?: { reason?: string }[] } } | undefined;
	const oauthError = typeof data?.error === 'string' ? data.error : undefined;
	if (oauthError === 'invalid_grant' || oauthError === 'unauthorized_client' || status === 401)
		return new CalendarError('calendar.error.google_reconnect', true, oauthError ?? `HTTP ${status}`);
	if (status === 403) {
		const reason = typeof data?.error === 'object' ? data.error.errors?.[0]?.reason : undefined;
		if (reason === 'insufficientPermissions' || reason === 'forbidden') return new CalendarError('calendar.error.google_reconnect', true, reason);
		return new CalendarError('calendar.error.google_unavailable', false, reason ?? 'HTTP 403');
	}
	return new CalendarError('calendar.error.google_unavailable', false, e.message ?? String(error));
}

/** Split [from, to) into ranges freebusy.query accepts. */
export function splitRange(range: TimeRange, maxDays = FREEBUSY_MAX_DAYS): TimeRange[] {
	const out: TimeRange[] = [];
	for (let from = range.from; from < range.to; from += maxDays * DAY) out.push({ from, to: Math.min(range.to, from + maxDays * DAY) });
	return out;
}

/** One calendar of the connected account, as the provider may choose it. */
export interface GoogleCalendarEntry {
	id: string;
	summary: string;
	primary: boolean;
	/** accessRole writer or owner: events.insert works there */
	canWrite: boolean;
}

export class GoogleCalendarSource implements WritableCalendar {
	readonly kind = 'google' as const;
	private readonly api;

	constructor(
		refreshToken: string,
		private readonly busyCalendarIds: readonly string[] = ['primary']
	) {
		const auth = calendarOAuthClient();
		auth.setCredentials({ refresh_token: refreshToken });
		const root = calendarSettings().googleApiRoot;
		this.api = google.calendar({ version: 'v3', auth, ...(root ? { rootUrl: `${root}/` } : {}) });
	}

	async busyTimes(range: TimeRange): Promise<BusyTime[]> {
		const ids = this.busyCalendarIds.length ? [...this.busyCalendarIds] : ['primary'];
		const busy: BusyTime[] = [];
		for (const part of splitRange(range)) {
			let response;
			try {
				response = await this.api.freebusy.query({
					requestBody: { timeMin: new Date(part.from).toISOString(), timeMax: new Date(part.to).toISOString(), items: ids.map((id) => ({ id })) }
				});
			} catch (error) {
				throw toCalendarError(error);
			}
			for (const [id, calendar] of Object.entries(response.data.calendars ?? {})) {
				const failure = calendar.errors?.[0]?.reason;
				if (failure) throw new CalendarError('calendar.error.google_calendar_unavailable', false, `${id}: ${failure}`);
				for (const b of calendar.busy ?? []) {
					const start = Date.parse(b.start ?? '');
					const end = Date.parse(b.end ?? '');
					if (Number.isFinite(start) && Number.isFinite(end) && end > start) busy.push({ start, end });
				}
			}
		}
		return busy.sort((a, b) => a.start - b.start);
	}

	/**
	 * The account's calendars whose busy times we may read (minAccessRole freeBusyReader), primary
	 * first. A connection made before the calendarlist scope was asked for answers 403
	 * insufficientPermissions: that is told apart from a revoked grant, since busy times and
	 * bookings still work — only choosing needs a new consent.
	 */
	async listCalendars(): Promise<GoogleCalendarEntry[]> {
		const out: GoogleCalendarEntry[] = [];
		let pageToken: string | undefined;
		for (let page = 0; page < CALENDAR_LIST_MAX_PAGES; page++) {
			let response;
			try {
				response = await this.api.calendarList.list({ minAccessRole: 'freeBusyReader', maxResults: 250, ...(pageToken ? { pageToken } : {}) });
			} catch (error) {
				const status = (error as { response?: { status?: number } }).response?.status;
				const data = (error as { response?: { data?: { error?: { errors?: { reason?: string }[] } } } }).response?.data;
				const reason = typeof data?.error === 'object' ? data.error.errors?.[0]?.reason : undefined;
				if (status === 403 && reason === 'insufficientPermissions') throw new CalendarError('calendar.error.google_list_scope', false, reason);
				throw toCalendarError(error);
			}
			for (const item of response.data.items ?? []) {
				if (!item.id || item.deleted) continue;
				out.push({
					id: item.id,
					summary: (item.summaryOverride || item.summary || item.id).slice(0, 200),
					primary: item.primary === true,
					canWrite: item.accessRole === 'writer' || item.accessRole === 'owner'
				});
			}
			pageToken = response.data.nextPageToken ?? undefined;
			if (!pageToken) break;
		}
		return out.sort((a, b) => Number(b.primary) - Number(a.primary));
	}

	async insertEvent(calendarId: string, event: CalendarEventDraft): Promise<string> {
		try {
			const response = await this.api.events.insert({
				calendarId,
				sendUpdates: 'none',
				requestBody: {
					summary: event.summary,
					description: event.description,
					start: { dateTime: new Date(event.start).toISOString() },
					end: { dateTime: new Date(event.end).toISOString() },
					transparency: 'opaque',
					...(event.attendeeEmail ? { attendees: [{ email: event.attendeeEmail }] } : {})
				}
			});
			if (!response.data.id) throw new CalendarError('calendar.error.google_unavailable', false, 'no event id');
			return response.data.id;
		} catch (error) {
			throw toCalendarError(error);
		}
	}

	async deleteEvent(calendarId: string, eventId: string): Promise<void> {
		try {
			await this.api.events.delete({ calendarId, eventId, sendUpdates: 'none' });
		} catch (error) {
			const status = (error as { response?: { status?: number } }).response?.status;
			// already gone: what we wanted
			if (status === 404 || status === 410) return;
			throw toCalendarError(error);
		}
	}
}
