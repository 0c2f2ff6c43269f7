import type { Locale } from './i18n/index.ts';

/**
 * What the booking pages share between server and browser: cookie names and the human forms of
 * dates ("semaine du 30 novembre 2026", "lundi 30 novembre", "lundi 30 novembre 2026 à 09:00").
 */

/** The visitor's slot hold token (set by the page once the hold is granted; 5 minutes). */
export const HOLD_COOKIE = 'relais_hold';
/** "<booking id>.<cancel secret>" for the confirmation page of a visitor without an account. */
export const BOOKED_COOKIE = 'relais_booked';

export function dateLocale(locale: Locale): string {
	return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

/** A calendar date (YYYY-MM-DD) read at noon UTC, so no zone can move it to another day. */
const calendarDate = (date: string) => new Date(`${date}T12:00:00Z`);

/** "30 novembre 2026" / "30 November 2026" */
export function longDate(date: string, locale: Locale): string {
	return new Intl.DateTimeFormat(dateLocale(locale), { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(calendarDate(date));
}

/** "lundi 30 novembre" / "Monday 30 November" */
export function dayLabel(date: string, locale: Locale): string {
	return new Intl.DateTimeFormat(dateLocale(locale), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(calendarDate(date));
}

/** "lundi 30 novembre 2026 à 09:00" in `timeZone`. */
export function fullWhen(instant: string, timeZone: string, locale: Locale): string {
	return new Intl.DateTimeFormat(dateLocale(locale), { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(instant));
}
