/**
 * Environment read by the calendar domain (see the README's table). Read on each call so tests can
 * set them; config.ts does not know them yet (the lead may move them there).
 *   CALENDAR_ENCRYPTION_KEY   32 bytes, base64 or hex: AES-256-GCM key for refresh tokens and feed URLs
 *   GOOGLE_CALENDAR_API_URL   root of Google's Calendar API (tests: a loopback fake)
 *   CALENDAR_FETCH_ALLOW      test only, ignored in production: comma-separated host:port pairs an
 *                             iCal feed may be fetched from although they are private/loopback
 *   ICAL_MAX_BYTES            size cap of a feed (default 5 MiB)
 *   ICAL_TIMEOUT_MS           time-out of a feed fetch (default 10 s)
 */
export interface CalendarSettings {
	encryptionKey: string | undefined;
	googleApiRoot: string | undefined;
	fetchAllow: Set<string>;
	maxFeedBytes: number;
	feedTimeoutMs: number;
	production: boolean;
}

export function calendarSettings(env: Record<string, string | undefined> = process.env): CalendarSettings {
	const production = env.NODE_ENV === 'production';
	const number = (value: string | undefined, fallback: number) => {
		const n = Number(value);
		return Number.isFinite(n) && n > 0 ? n : fallback;
	};
	return {
		encryptionKey: env.CALENDAR_ENCRYPTION_KEY || undefined,
		googleApiRoot: env.GOOGLE_CALENDAR_API_URL?.replace(/\/$/, '') || undefined,
		fetchAllow: new Set(
			production
				? []
				: (env.CALENDAR_FETCH_ALLOW ?? '')
						.split(',')
						.map((s) => s.trim().toLowerCase())
						.filter(Boolean)
		),
		maxFeedBytes: number(env.ICAL_MAX_BYTES, 5 * 1024 * 1024),
		feedTimeoutMs: number(env.ICAL_TIMEOUT_MS, 10_000),
		production
	};
}
