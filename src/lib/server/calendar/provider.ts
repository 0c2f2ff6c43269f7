import type { MessageKey } from '../../i18n/index.ts';

/**
 * The one interface every calendar system sits behind (Google, iCal feeds). The booking domain
 * asks for busy time and, where the source allows it, writes the booked meeting; it never knows
 * which system answered. Instants are epoch milliseconds (UTC).
 */
export interface BusyTime {
	start: number;
	end: number;
}

export interface TimeRange {
	from: number;
	to: number;
}

export interface CalendarEventDraft {
	summary: string;
	description: string;
	start: number;
	end: number;
	/** the booker, invited as an attendee where the source supports it */
	attendeeEmail?: string;
}

export interface CalendarSource {
	readonly kind: 'google' | 'ical';
	/** busy intervals overlapping `range`; throws CalendarError */
	busyTimes(range: TimeRange): Promise<BusyTime[]>;
}

export interface WritableCalendar extends CalendarSource {
	/** returns the event id in the external calendar */
	insertEvent(calendarId: string, event: CalendarEventDraft): Promise<string>;
	deleteEvent(calendarId: string, eventId: string): Promise<void>;
}

/**
 * Why a calendar could not be read. `reconnectRequired` means the provider must act (Google
 * revoked or expired the grant): the connection is flagged and shown, never silently skipped.
 */
export class CalendarError extends Error {
	constructor(
		readonly key: MessageKey,
		readonly reconnectRequired = false,
		detail?: string
	) {
		super(detail ? `${key}: ${detail}` : key);
		this.name = 'CalendarError';
	}
}
