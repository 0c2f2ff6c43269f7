import { isValidTimezone, offsetMinutes } from '../calendar/tz.ts';
import { fold } from '../directory/text.ts';

/**
 * Time zones as people name them: "Paris (UTC+1)", "Montréal (UTC−5)" — the city of the IANA
 * name and its offset at a given instant — for the booking page's searchable picker.
 */

/** Cities whose IANA spelling drops the accents a reader expects (French and English alike). */
const CITY_NAMES: Record<string, string> = {
	Montreal: 'Montréal',
	Sao_Paulo: 'São Paulo',
	Reunion: 'Réunion',
	Bogota: 'Bogotá',
	Asuncion: 'Asunción',
	Noumea: 'Nouméa',
	Curacao: 'Curaçao',
	Merida: 'Mérida'
};

export function zoneCity(zone: string): string {
	if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
	const last = zone.split('/').at(-1) ?? zone;
	return CITY_NAMES[last] ?? last.replace(/_/g, ' ');
}

/** "UTC+1", "UTC−5", "UTC+5:30", "UTC" (a real minus sign, as typeset). */
export function offsetLabel(zone: string, at: number): string {
	const minutes = offsetMinutes(zone, at);
	if (minutes === 0) return 'UTC';
	const sign = minutes > 0 ? '+' : '−';
	const abs = Math.abs(minutes);
	const hours = Math.floor(abs / 60);
	const rest = abs % 60;
	return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** "Paris (UTC+1)" */
export function zoneLabel(zone: string, at: number): string {
	const city = zoneCity(zone);
	return city === 'UTC' ? 'UTC' : `${city} (${offsetLabel(zone, at)})`;
}

export interface ZoneChoice {
	/** the IANA name, what the form sends */
	id: string;
	/** what a person reads and searches: "Paris (UTC+1)" */
	label: string;
}

/** Zones people look for by name that the runtime's list folds into another (Montréal → Toronto). */
const LINKED_ZONES = ['America/Montreal'];

let allZones: string[] | null = null;

/** Every zone of the runtime plus `current` (a browser may name a zone the list lacks, e.g. "UTC"), sorted by offset then city. */
export function zoneChoices(at: number, current?: string): ZoneChoice[] {
	allZones ??= [...new Set([...Intl.supportedValuesOf('timeZone'), ...LINKED_ZONES])].filter(isValidTimezone);
	const ids = current && isValidTimezone(current) && !allZones.includes(current) ? [current, ...allZones] : allZones;
	return ids
		.map((id) => ({ id, label: zoneLabel(id, at), offset: offsetMinutes(id, at) }))
		.sort((a, b) => a.offset - b.offset || a.label.localeCompare(b.label))
		.map(({ id, label }) => ({ id, label }));
}

/**
 * What a person typed in the picker, as an IANA zone: the IANA name itself, a label of the list
 * ("Paris (UTC+1)") or a city alone ("montreal"); null when nothing matches.
 */
export function resolveZone(text: string, at: number): string | null {
	const typed = text.trim();
	if (!typed) return null;
	if (isValidTimezone(typed)) return typed;
	const wanted = fold(typed);
	const choices = zoneChoices(at);
	const match = choices.find((c) => fold(c.label) === wanted) ?? choices.find((c) => fold(zoneCity(c.id)) === wanted) ?? choices.find((c) => fold(c.id) === wanted);
	return match?.id ?? null;
}
