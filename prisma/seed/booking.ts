// Online booking for the demo providers: working hours, one or two appointment types with French
// settings (buffers, minimum notice, horizon) and, for some, a personal calendar whose busy blocks
// remove slots — so that a newcomer can try the core journey (find a provider, book a slot) at once.
//
// The busy calendar is demo-agenda.ics, shipped beside this file and stored as an INLINE iCal feed
// (`data:text/calendar;base64,…`, read by src/lib/server/calendar/ical.ts without any request).
// Serving it from the app on loopback would need the SSRF guard opened for loopback addresses —
// and then any member could point a feed at any loopback page (/dev/outbox…). A stored snapshot
// of busy times would freeze the weekly events at seed time; the inline feed keeps recurring.
import { readFileSync } from 'node:fs';
import type { Prisma } from '../../src/lib/server/generated/prisma/client.ts';
import type { TradeKey } from './demo-data.ts';

export const DEMO_AGENDA_ICS = readFileSync(new URL('./demo-agenda.ics', import.meta.url), 'utf8');
export const DEMO_AGENDA_URL = `data:text/calendar;charset=utf-8;base64,${Buffer.from(DEMO_AGENDA_ICS, 'utf8').toString('base64')}`;

/** Who takes bookings online: every listed freelance and these company members. */
export const BOOKABLE_COMPANY_MEMBERS = ['sophie-durand', 'valerie-fontaine', 'christophe-garnier', 'thomas-blanc', 'stephane-rousseau'];
/** Providers whose personal calendar (demo-agenda.ics) blocks slots. */
export const BUSY_CALENDAR_HANDLES = ['claire-martin', 'benoit-lambert', 'amelie-dubois', 'ines-benali', 'sophie-durand', 'mathieu-girard'];

const h = (hour: number, minute = 0) => hour * 60 + minute;
type Day = [start: number, end: number][];
/** Three weekly patterns (ISO weekday → ranges), written in the provider's zone. */
const WEEKS: Record<number, Day>[] = [
	// office hours, Monday to Friday
	Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [[h(9), h(12, 30)], [h(14), h(18)]]])),
	// early starts, short Friday
	{ 1: [[h(8, 30), h(12)], [h(13, 30), h(17, 30)]], 2: [[h(8, 30), h(12)], [h(13, 30), h(17, 30)]], 3: [[h(8, 30), h(12)]], 4: [[h(8, 30), h(12)], [h(13, 30), h(17, 30)]], 5: [[h(8, 30), h(12)]] },
	// Tuesday to Saturday, late afternoons
	Object.fromEntries([2, 3, 4, 5, 6].map((d) => [d, [[h(10), h(13)], [h(14), h(19)]]]))
];

interface TypeSpec {
	name: string;
	description: string;
	durationMinutes: number;
	priceCents: number | null;
	bufferBeforeMinutes: number;
	bufferAfterMinutes: number;
	minimumNoticeMinutes: number;
	horizonDays: number;
	requiresConfirmation?: boolean;
}

const FIRST_CALL: TypeSpec = {
	name: 'Premier échange (30 min, visio)',
	description: 'Un premier échange en visioconférence pour faire connaissance et cerner votre besoin. Gratuit et sans engagement.',
	durationMinutes: 30,
	priceCents: null,
	bufferBeforeMinutes: 0,
	bufferAfterMinutes: 10,
	minimumNoticeMinutes: 4 * 60,
	horizonDays: 45
};

const session = (name: string, description: string, priceCents: number, extra: Partial<TypeSpec> = {}): TypeSpec => ({
	name,
	description,
	durationMinutes: 60,
	priceCents,
	bufferBeforeMinutes: 10,
	bufferAfterMinutes: 15,
	minimumNoticeMinutes: 24 * 60,
	horizonDays: 60,
	...extra
});

/** The second, paid appointment of each trade (none: only the first call). */
const SECOND: Partial<Record<TradeKey, TypeSpec>> = {
	dev_web: session('Atelier de cadrage (60 min)', 'Nous définissons ensemble le périmètre, les priorités et le budget de votre projet web.', 9000),
	dev_mobile: session('Atelier de cadrage (60 min)', 'Périmètre, plateformes et budget de votre application mobile.', 9000),
	plombier: session('Diagnostic à domicile (60 min)', 'Visite sur place, diagnostic et devis détaillé.', 4900, { bufferBeforeMinutes: 30, bufferAfterMinutes: 30, requiresConfirmation: true }),
	electricien: session('Diagnostic à domicile (60 min)', 'Visite sur place, diagnostic et devis détaillé.', 4900, { bufferBeforeMinutes: 30, bufferAfterMinutes: 30, requiresConfirmation: true }),
	comptable: session('Rendez-vous bilan (60 min)', 'Revue de vos comptes, de votre fiscalité et de vos prochaines échéances.', 12000),
	avocat_travail: session('Consultation juridique (60 min)', 'Analyse de votre situation et de vos options, en cabinet ou en visioconférence.', 15000, { minimumNoticeMinutes: 48 * 60 }),
	coach: session('Séance de coaching (60 min)', 'Une séance individuelle en cabinet ou en visioconférence.', 8000),
	graphiste: session('Séance de conseil (60 min)', 'Votre identité visuelle passée en revue, avec des pistes concrètes.', 7000),
	archi_interieur: session('Séance de conseil (60 min)', 'Conseils d’aménagement sur plans ou photos.', 9000),
	formateur_excel: session('Cours particulier (60 min)', 'Excel ou Power BI, à votre rythme, sur vos propres fichiers.', 6000),
	traduction: session('Séance de conseil (60 min)', 'Étude de vos documents à traduire et devis.', 5000),
	dieteticien: session('Consultation diététique (60 min)', 'Bilan alimentaire et conseils personnalisés.', 5500),
	psy_travail: session('Séance de conseil (60 min)', 'Échange sur votre situation professionnelle.', 7000),
	data_analyst: session('Séance de conseil (60 min)', 'Vos données et vos tableaux de bord passés en revue.', 9000),
	consultant_rh: session('Séance de conseil (60 min)', 'Recrutement, entretiens annuels, organisation : un regard extérieur.', 9000)
};

export interface BookableProvider {
	id: string;
	handle: string;
	tradeKey: string | null;
	timezone: string;
}

export interface BookingRows {
	schedules: Prisma.AvailabilityScheduleCreateManyInput[];
	workingHours: Prisma.WorkingHoursCreateManyInput[];
	appointmentTypes: Prisma.AppointmentTypeCreateManyInput[];
	/** provider ids whose calendar is demo-agenda.ics (the seed encrypts the feed URL) */
	busyCalendars: string[];
}

/** Rows of the booking setup of these providers; pure and deterministic. */
export function buildBookingRows(providers: readonly BookableProvider[], createdAt: Date): BookingRows {
	const rows: BookingRows = { schedules: [], workingHours: [], appointmentTypes: [], busyCalendars: [] };
	providers.forEach((p, index) => {
		rows.schedules.push({ providerId: p.id, timezone: p.timezone, enabled: true, updatedAt: createdAt });
		for (const [weekday, ranges] of Object.entries(WEEKS[index % WEEKS.length]!))
			for (const [startMinute, endMinute] of ranges) rows.workingHours.push({ providerId: p.id, weekday: Number(weekday), startMinute, endMinute });
		const types = [FIRST_CALL, ...(p.tradeKey && SECOND[p.tradeKey as TradeKey] ? [SECOND[p.tradeKey as TradeKey]!] : [])];
		types.forEach((type, position) => rows.appointmentTypes.push({ providerId: p.id, position, createdAt, updatedAt: createdAt, ...type }));
		if (BUSY_CALENDAR_HANDLES.includes(p.handle)) rows.busyCalendars.push(p.id);
	});
	return rows;
}
