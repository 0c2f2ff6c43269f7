import { listenOnLoopback } from '../listen.ts';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

/**
 * A loopback server speaking the parts of Google's HTTP API the calendar domain uses, the way
 * googleapis / google-auth-library call them:
 *   GET  /o/oauth2/v2/auth                       consent → 302 to redirect_uri with code and state
 *   POST /token                                  authorization_code → access + refresh token;
 *                                                refresh_token → access token, or 400 invalid_grant when revoked
 *   GET  /calendar/v3/users/me/calendarList      calendarList.list (minAccessRole honoured, pageToken paging)
 *   POST /calendar/v3/freeBusy                   busy intervals per calendar, clipped to [timeMin, timeMax)
 *   POST /calendar/v3/calendars/{id}/events      events.insert
 *   DELETE /calendar/v3/calendars/{id}/events/{eventId}
 * Calendar calls need a Bearer access token this server issued (else 401, as at Google).
 * (Modelled on tests/helpers/fakes/google-oauth.ts.)
 */

export interface FakeEvent {
	id: string;
	calendarId: string;
	body: Record<string, unknown>;
}

export interface FreeBusyRequest {
	timeMin: string;
	timeMax: string;
	items: { id: string }[];
}

/** An entry of the account's calendar list (the fields googleapis returns that the domain reads). */
export interface FakeCalendarListEntry {
	id: string;
	summary: string;
	accessRole: 'freeBusyReader' | 'reader' | 'writer' | 'owner';
	primary?: boolean;
}

/** The account every issued token belongs to: its own calendar, a colleague's shared read-only one, holidays. */
export const FAKE_PRIMARY_CALENDAR = 'gael.agenda@example.test';
export const FAKE_SHARED_CALENDAR = 'c_equipe0123456789@group.calendar.google.com';
export const FAKE_HOLIDAYS_CALENDAR = 'fr.french#holiday@group.v.calendar.google.com';
export const defaultCalendarList = (): FakeCalendarListEntry[] => [
	{ id: FAKE_PRIMARY_CALENDAR, summary: 'Gaël Agenda', accessRole: 'owner', primary: true },
	{ id: FAKE_SHARED_CALENDAR, summary: 'Planning équipe', accessRole: 'reader' },
	{ id: FAKE_HOLIDAYS_CALENDAR, summary: 'Jours fériés en France', accessRole: 'reader' }
];

export interface FakeGoogleCalendar {
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	/** env: GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, GOOGLE_OAUTH_BASE_URL (for loadConfig) */
	env: Record<string, string>;
	/** process env: GOOGLE_CALENDAR_API_URL */
	apiRoot: string;
	/** a code the token endpoint exchanges for a refresh token (returned too) */
	issueCode(): { code: string; refreshToken: string };
	/** the refresh token stops working: the token endpoint answers 400 invalid_grant */
	revoke(refreshToken: string): void;
	setBusy(calendarId: string, intervals: { start: string; end: string }[]): void;
	/** the calendar answers with a per-calendar error (notFound) in freeBusy */
	missingCalendars: Set<string>;
	events: FakeEvent[];
	freeBusyRequests: FreeBusyRequest[];
	/** the account's calendars (mutable); listed 2 per page so paging is exercised */
	calendarList: FakeCalendarListEntry[];
	/** query strings of every calendarList.list call */
	calendarListRequests: Record<string, string>[];
	tokenRequests: Record<string, string>[];
	close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function json(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
	res.end(JSON.stringify(body));
}

function googleError(res: ServerResponse, status: number, reason: string, message: string) {
	json(res, status, { error: { code: status, message, errors: [{ domain: 'global', reason, message }], status: reason.toUpperCase() } });
}

export async function startFakeGoogleCalendar(options: { redirectUri: string }): Promise<FakeGoogleCalendar> {
	const clientId = `${randomBytes(6).toString('hex')}.apps.googleusercontent.com`;
	const clientSecret = `secret-${randomBytes(8).toString('hex')}`;
	const codes = new Map<string, string>();
	const refreshTokens = new Set<string>();
	const revoked = new Set<string>();
	const accessTokens = new Set<string>();
	const busy = new Map<string, { start: string; end: string }[]>();
	const events: FakeEvent[] = [];
	const freeBusyRequests: FreeBusyRequest[] = [];
	const tokenRequests: Record<string, string>[] = [];
	const missingCalendars = new Set<string>();
	const calendarList = defaultCalendarList();
	const calendarListRequests: Record<string, string>[] = [];
	const scope = 'https://www.googleapis.com/auth/calendar.freebusy https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/calendar.calendarlist.readonly';
	const ROLE_RANK = { freeBusyReader: 0, reader: 1, writer: 2, owner: 3 } as const;
	const LIST_PAGE = 2;

	const issueCode = () => {
		const code = `4/0A${randomBytes(24).toString('base64url')}`;
		const refreshToken = `1//0${randomBytes(30).toString('base64url')}`;
		codes.set(code, refreshToken);
		return { code, refreshToken };
	};
	const newAccess = () => {
		const token = `ya29.${randomBytes(24).toString('base64url')}`;
		accessTokens.add(token);
		return token;
	};

	async function token(req: IncomingMessage, res: ServerResponse) {
		const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
		tokenRequests.push(form);
		if (form.client_id !== clientId || form.client_secret !== clientSecret) return json(res, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
		if (form.grant_type === 'authorization_code') {
			const refreshToken = form.code ? codes.get(form.code) : undefined;
			if (form.code) codes.delete(form.code);
			if (!refreshToken) return json(res, 400, { error: 'invalid_grant', error_description: 'Bad Request' });
			if (form.redirect_uri !== options.redirectUri) return json(res, 400, { error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
			refreshTokens.add(refreshToken);
			return json(res, 200, { access_token: newAccess(), expires_in: 3599, refresh_token: refreshToken, scope, token_type: 'Bearer' });
		}
		if (form.grant_type === 'refresh_token') {
			if (!form.refresh_token || !refreshTokens.has(form.refresh_token) || revoked.has(form.refresh_token))
				return json(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
			return json(res, 200, { access_token: newAccess(), expires_in: 3599, scope, token_type: 'Bearer' });
		}
		return json(res, 400, { error: 'unsupported_grant_type' });
	}

	function authorised(req: IncomingMessage): boolean {
		const header = req.headers.authorization ?? '';
		return header.startsWith('Bearer ') && accessTokens.has(header.slice(7));
	}

	async function freeBusy(req: IncomingMessage, res: ServerResponse) {
		const body = JSON.parse(await readBody(req)) as FreeBusyRequest;
		freeBusyRequests.push(body);
		const min = Date.parse(body.timeMin);
		const max = Date.parse(body.timeMax);
		if (!(max > min)) return googleError(res, 400, 'timeRangeEmpty', 'The specified time range is empty.');
		if (max - min > 90 * 86_400_000 + 1000) return googleError(res, 400, 'timeRangeTooLong', 'The requested time range is too long.');
		const calendars: Record<string, unknown> = {};
		for (const { id } of body.items) {
			if (missingCalendars.has(id)) {
				calendars[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
				continue;
			}
			calendars[id] = {
				busy: (busy.get(id) ?? [])
					.filter((b) => Date.parse(b.end) > min && Date.parse(b.start) < max)
					.map((b) => ({ start: new Date(Math.max(min, Date.parse(b.start))).toISOString(), end: new Date(Math.min(max, Date.parse(b.end))).toISOString() }))
			};
		}
		json(res, 200, { kind: 'calendar#freeBusy', timeMin: body.timeMin, timeMax: body.timeMax, calendars });
	}

	function listCalendars(url: URL, res: ServerResponse) {
		const query = Object.fromEntries(url.searchParams);
		calendarListRequests.push(query);
		const min = (query.minAccessRole ?? 'freeBusyReader') as keyof typeof ROLE_RANK;
		if (!(min in ROLE_RANK)) return googleError(res, 400, 'invalidParameter', 'Invalid value for: minAccessRole');
		const visible = calendarList.filter((c) => ROLE_RANK[c.accessRole] >= ROLE_RANK[min]);
		const start = query.pageToken ? Number(query.pageToken) : 0;
		const page = visible.slice(start, start + LIST_PAGE);
		json(res, 200, {
			kind: 'calendar#calendarList',
			etag: '"p33c0"',
			items: page.map((c) => ({ kind: 'calendar#calendarListEntry', id: c.id, summary: c.summary, accessRole: c.accessRole, timeZone: 'Europe/Paris', ...(c.primary ? { primary: true } : {}) })),
			...(start + LIST_PAGE < visible.length ? { nextPageToken: String(start + LIST_PAGE) } : { nextSyncToken: 'sync0' })
		});
	}

	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://fake-google');
		const handle = async () => {
			if (req.method === 'POST' && url.pathname === '/token') return token(req, res);
			if (req.method === 'GET' && url.pathname === '/o/oauth2/v2/auth') {
				const { code } = issueCode();
				const target = new URL(url.searchParams.get('redirect_uri') ?? options.redirectUri);
				target.searchParams.set('code', code);
				if (url.searchParams.has('state')) target.searchParams.set('state', url.searchParams.get('state')!);
				res.writeHead(302, { location: target.toString() });
				return res.end();
			}
			if (url.pathname.startsWith('/calendar/v3/')) {
				if (!authorised(req)) return googleError(res, 401, 'authError', 'Invalid Credentials');
				if (req.method === 'POST' && url.pathname === '/calendar/v3/freeBusy') return freeBusy(req, res);
				if (req.method === 'GET' && url.pathname === '/calendar/v3/users/me/calendarList') return listCalendars(url, res);
				const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(url.pathname);
				if (match) {
					const calendarId = decodeURIComponent(match[1]!);
					if (req.method === 'POST' && !match[2]) {
						const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
						const id = randomBytes(13).toString('hex');
						events.push({ id, calendarId, body });
						return json(res, 200, { kind: 'calendar#event', id, status: 'confirmed', ...body });
					}
					if (req.method === 'DELETE' && match[2]) {
						const index = events.findIndex((e) => e.id === decodeURIComponent(match[2]!) && e.calendarId === calendarId);
						if (index < 0) return googleError(res, 410, 'deleted', 'Resource has been deleted');
						events.splice(index, 1);
						res.writeHead(204);
						return res.end();
					}
				}
			}
			json(res, 404, { error: { code: 404, message: 'Not Found' } });
		};
		handle().catch((error: unknown) => json(res, 500, { error: String(error) }));
	});
	const baseUrl = await listenOnLoopback(server);
	return {
		baseUrl,
		clientId,
		clientSecret,
		env: { GOOGLE_CLIENT_ID: clientId, GOOGLE_CLIENT_SECRET: clientSecret, GOOGLE_OAUTH_BASE_URL: baseUrl },
		apiRoot: baseUrl,
		issueCode,
		revoke: (refreshToken) => revoked.add(refreshToken),
		setBusy: (calendarId, intervals) => busy.set(calendarId, intervals),
		missingCalendars,
		events,
		freeBusyRequests,
		calendarList,
		calendarListRequests,
		tokenRequests,
		close() {
			server.closeAllConnections();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}
