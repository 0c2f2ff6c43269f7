import { context } from '../context.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../auth/accounts.ts';
import { hashSecret } from '../auth/secrets.ts';
import { addDays, formatLocalDate, isoWeekday, localDateOf, parseLocalDate, wallClock, zonedToUtc } from '../calendar/tz.ts';
import { computeProviderSlots, loadAppointmentType, loadProviderRules } from './availability.ts';
import { listMyBookings, type BookingListItem } from './manage.ts';
import { holdsSlot, nearestFreeSlots, type SlotProblem } from './nearest.ts';
import type { Slot } from './slots.ts';
import { resolveZone, zoneChoices } from './zones.ts';

/** What the public "Agenda et disponibilité" page needs about a provider (no busy details ever). */
export async function bookingPage(actor: Actor, slug: string) {
	const { db } = context();
	const member = await db.member.findUnique({
		where: { slug },
		select: {
			id: true,
			firstName: true,
			lastName: true,
			status: true,
			availabilitySchedule: { select: { enabled: true, timezone: true } },
			appointmentTypes: { where: { active: true }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, name: true, description: true, durationMinutes: true, priceCents: true, requiresConfirmation: true } }
		}
	});
	if (!member || member.status !== 'active' || !member.availabilitySchedule?.enabled || member.appointmentTypes.length === 0) throw notFound('booking.error.provider_not_found');
	const me = actor ? await db.member.findUnique({ where: { id: actor.memberId }, select: { firstName: true, lastName: true, email: true, phone: true, address: true, city: true, timezone: true } }) : null;
	return {
		providerId: member.id,
		providerName: `${member.firstName} ${member.lastName}`.trim(),
		providerTimezone: member.availabilitySchedule.timezone,
		isSelf: actor?.memberId === member.id,
		types: member.appointmentTypes,
		/** the signed-in booker's details, to prefill the form */
		me
	};
}

/** Whether a provider's profile should offer "Prendre rendez-vous": they have at least one appointment type. */
export async function takesBookings(providerId: string): Promise<boolean> {
	return (await context().db.appointmentType.count({ where: { providerId, active: true } })) > 0;
}

export interface WeekQuery {
	/** appointment type id */
	type?: string | null;
	/** what the zone picker sent: an IANA name, a label ("Paris (UTC+1)") or a city */
	tz?: string | null;
	/** any date of the week to show, YYYY-MM-DD in the viewer's zone */
	week?: string | null;
	/** the slot the visitor chose (ISO instant) */
	start?: string | null;
	/** the visitor's own hold: never blocks them */
	holdToken?: string | null;
}

export interface LabelledSlot {
	start: string;
	end: string;
	/** HH:MM in the viewer's zone */
	time: string;
	/** YYYY-MM-DD in the viewer's zone */
	date: string;
	/** the Monday of `date` (YYYY-MM-DD): the week to show it in */
	week: string;
}

/**
 * The booking page of a provider for one week in the viewer's zone: the page's provider data, the
 * free slots of the week (the visitor's own hold counts as free for them), the chosen slot, and,
 * when the chosen slot cannot be had, why and the nearest free slots instead.
 */
export async function bookingWeek(actor: Actor, slug: string, query: WeekQuery, now = Date.now()) {
	const page = await bookingPage(actor, slug);
	const typed = query.tz?.trim() ?? '';
	const resolved = typed ? resolveZone(typed, now) : null;
	const timezone = resolved ?? page.me?.timezone ?? page.providerTimezone;
	const typeId = page.types.some((t) => t.id === query.type) ? query.type! : page.types[0]!.id;
	const today = localDateOf(timezone, now);
	const asked = parseLocalDate(query.week ?? '') ?? today;
	const monday = addDays(asked, 1 - isoWeekday(asked));
	const from = Math.max(now, zonedToUtc(timezone, monday, 0));
	const to = zonedToUtc(timezone, addDays(monday, 7), 0);
	const rules = await loadProviderRules(page.providerId);
	const type = await loadAppointmentType(page.providerId, typeId);
	const holdToken = query.holdToken || undefined;
	const { slots } = from < to ? await computeProviderSlots(rules, type, from, to, now, { exceptHoldHash: holdToken ? hashSecret(holdToken) : undefined }) : { slots: [] };
	const label = (slot: Slot) => labelled(slot, timezone);
	const byDay = new Map<string, LabelledSlot[]>();
	for (const slot of slots.map(label)) byDay.set(slot.date, [...(byDay.get(slot.date) ?? []), slot]);
	const days = Array.from({ length: 7 }, (_, i) => {
		const date = formatLocalDate(addDays(monday, i));
		return { date, slots: byDay.get(date) ?? [] };
	});

	let chosen: LabelledSlot | null = null;
	let unavailable: { problem: SlotProblem; nearest: LabelledSlot[] } | null = null;
	const start = Date.parse(query.start ?? '');
	if (Number.isFinite(start)) {
		const inWeek = slots.find((s) => s.start === start);
		if (inWeek) chosen = label(inWeek);
		else {
			const near = await nearestFreeSlots({ providerId: page.providerId, typeId, start: new Date(start).toISOString(), holdToken }, now);
			if (near.problem === null) chosen = label({ start, end: start + type.durationMinutes * 60_000 });
			else unavailable = { problem: near.problem, nearest: near.slots.map(label) };
		}
	}
	return {
		page,
		timezone,
		/** what the visitor typed in the zone picker matched no zone */
		timezoneUnknown: Boolean(typed) && !resolved,
		zones: zoneChoices(from, timezone),
		typeId,
		days,
		week: formatLocalDate(monday),
		previousWeek: formatLocalDate(addDays(monday, 6)) >= formatLocalDate(today) ? formatLocalDate(addDays(monday, -7)) : null,
		nextWeek: formatLocalDate(addDays(monday, 7)),
		chosen,
		/** the visitor already holds the chosen slot (no second hold needed) */
		heldByMe: chosen ? await holdsSlot(page.providerId, holdToken, Date.parse(chosen.start), now) : false,
		unavailable
	};
}

function labelled(slot: Slot, timezone: string): LabelledSlot {
	const w = wallClock(timezone, slot.start);
	const date = { year: w.year, month: w.month, day: w.day };
	return {
		start: new Date(slot.start).toISOString(),
		end: new Date(slot.end).toISOString(),
		time: `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`,
		date: formatLocalDate(date),
		week: formatLocalDate(addDays(date, 1 - isoWeekday(date)))
	};
}

/**
 * "Mes rendez-vous": live appointments to come, then cancelled or declined ones (they no longer
 * belong under "À venir"), then past ones.
 */
export async function dashboardPage(actor: Actor, now = Date.now()) {
	const [coming, past] = await Promise.all([listMyBookings(actor, 'upcoming', now), listMyBookings(actor, 'past', now)]);
	const live = (b: BookingListItem) => b.status === 'pending' || b.status === 'confirmed';
	return { upcoming: coming.filter(live), cancelled: coming.filter((b) => !live(b)), past: past.slice(0, 50) };
}
