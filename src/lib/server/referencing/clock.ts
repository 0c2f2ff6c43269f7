/** Times of the referencing: consultations close at the end of their closing day in Paris. */
export const REFERENCING_TZ = 'Europe/Paris';

/** Offset (ms) of `tz` from UTC at `instant`. */
function offsetAt(instant: number, tz: string): number {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
			.formatToParts(new Date(instant))
			.map((p) => [p.type, p.value])
	);
	const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
	return local - Math.floor(instant / 1000) * 1000;
}

/** "2026-12-15" → the instant the 15th ends in Paris (midnight starting the 16th, Paris time). */
export function endOfParisDay(date: string): Date {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const guess = Date.UTC(y, m - 1, d + 1, 0, 0, 0);
	const first = guess - offsetAt(guess, REFERENCING_TZ);
	return new Date(guess - offsetAt(first, REFERENCING_TZ));
}

/** The Paris calendar date (YYYY-MM-DD) of the day an end-of-day instant closes. */
export function parisClosingDate(closingAt: Date): string {
	const lastSecond = new Date(closingAt.getTime() - 1000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: REFERENCING_TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(lastSecond);
}

export const REMINDER_BEFORE_MS = 2 * 24 * 3600_000;
