import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { context } from '../context.ts';
import { DomainError, forbidden, invalid } from '../errors.ts';
import type { Actor } from '../auth/accounts.ts';
import { hashSecret, newSecret } from '../auth/secrets.ts';
import { email, optionalText, parseInput } from '../validation.ts';
import { isLocale, type Locale } from '../../i18n/index.ts';
import { providerBusyTimes } from '../calendar/connections.ts';
import { enqueue, type EnqueueOptions } from '../jobs/queue.ts';
import { bookedIntervals, computeProviderSlots, loadAppointmentType, loadProviderRules, typeRules, type ProviderRules } from './availability.ts';
import { isSlotAvailable, type Slot } from './slots.ts';
import { isValidTimezone } from '../calendar/tz.ts';
import { enqueueBookingMail } from './mail-jobs.ts';
import { recordEvent } from '../outbox/index.ts';
import { BOOKING_JOBS } from './job-kinds.ts';
import { admitHold, holderKeyOf, purgeOldHolds } from './hold-limits.ts';
import './events.ts';

/**
 * Committing a booking. Availability is re-checked at commit against the rules, fresh calendar
 * busy times, live bookings and other people's holds — under a per-provider transaction-scoped
 * advisory lock, so two attempts on one provider are serialised; an EXCLUDE constraint on
 * (providerId, [startAt, endAt)) makes PostgreSQL the final arbiter even if this code were wrong.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
export const HOLD_MINUTES = 5;

/** The slot went to someone else: the caller gets the refreshed slots of that day to choose from. */
export class SlotTakenError extends DomainError {
	constructor(readonly freshSlots: Slot[]) {
		super('conflict', 'booking.error.slot_taken');
	}
}

export function isOverlapViolation(error: unknown): boolean {
	const text = `${String(error)} ${JSON.stringify((error as { cause?: unknown })?.cause ?? null)} ${(error as { code?: string })?.code ?? ''}`;
	return /23P01|Booking_no_overlap|exclusion constraint/i.test(text);
}

/** The per-provider lock every commit on a provider's agenda takes (booking, hold, move). */
export async function lockProvider(tx: { $queryRaw: (query: TemplateStringsArray, ...values: unknown[]) => Promise<unknown> }, providerId: string) {
	await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(${'booking:' + providerId}, 0))`;
}

export async function freshSlotsAround(rules: ProviderRules, type: Awaited<ReturnType<typeof loadAppointmentType>>, start: number, now: number): Promise<Slot[]> {
	try {
		return (await computeProviderSlots(rules, type, Math.max(now, start - DAY), start + DAY, now)).slots;
	} catch {
		return [];
	}
}

const holdInput = z.object({
	providerId: z.uuid({ error: 'booking.error.provider_not_found' }),
	typeId: z.uuid({ error: 'booking.error.type_not_found' }).optional(),
	start: z.iso.datetime({ offset: true, error: 'booking.error.slot_unavailable' })
});

/**
 * Keeps a slot for HOLD_MINUTES while the form is filled; others no longer see it. A holder (the
 * member, or the visitor's IP given by the transport) keeps one slot per provider — a new hold
 * there replaces the previous one — and at most BOOKING_HOLD_MAX_ACTIVE in all, and may take
 * BOOKING_HOLDS_PER_WINDOW per window (hold-limits.ts).
 */
export async function holdSlot(actor: Actor, raw: unknown, now = Date.now(), meta: { ip?: string | null } = {}): Promise<{ holdToken: string; expiresAt: string }> {
	const input = parseInput(holdInput, raw);
	const holderKey = holderKeyOf(actor, meta.ip);
	const start = Date.parse(input.start);
	assertNotPast(start, now);
	const rules = await loadProviderRules(input.providerId);
	if (actor?.memberId === rules.providerId) throw forbidden('booking.error.self_booking');
	const type = await loadAppointmentType(rules.providerId, input.typeId);
	const end = start + type.durationMinutes * MINUTE;
	const calendars = await providerBusyTimes(rules.providerId, { from: start - DAY, to: end + DAY }, { timezone: rules.schedule.timezone, now });
	const token = newSecret();
	const { db } = context();
	try {
		await db.$transaction(
			async (tx) => {
				// holder lock before provider lock, always in this order
				if (holderKey) await admitHold(tx, holderKey, rules.providerId, now);
				await lockProvider(tx, rules.providerId);
				const booked = await bookedIntervals(tx, rules.providerId, type.id, start, end, now);
				// thrown, not returned: the holder's replaced hold must come back (rollback)
				if (!isSlotAvailable({ schedule: rules.schedule, type: typeRules(type), busy: [...calendars.busy, ...booked], now }, start)) throw new SlotTakenError([]);
				await purgeOldHolds(tx, rules.providerId, now);
				await tx.slotHold.create({
					data: { providerId: rules.providerId, appointmentTypeId: type.id, startAt: new Date(start), endAt: new Date(end), tokenHash: hashSecret(token), expiresAt: new Date(now + HOLD_MINUTES * MINUTE), createdAt: new Date(now), holderKey }
				});
			},
			{ maxWait: 60_000, timeout: 20_000 }
		);
	} catch (error) {
		if (error instanceof SlotTakenError) throw new SlotTakenError(await freshSlotsAround(rules, type, start, now));
		throw error;
	}
	return { holdToken: token, expiresAt: new Date(now + HOLD_MINUTES * MINUTE).toISOString() };
}

/** An IANA zone given by the booker: absent or blank means "not given"; an unknown one is refused, never replaced. */
export const timezoneInput = z.preprocess(
	(v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
	z.string().max(64, { error: 'booking.error.timezone_invalid' }).refine(isValidTimezone, { message: 'booking.error.timezone_invalid' }).optional()
);

const bookingInput = z.object({
	providerId: z.uuid({ error: 'booking.error.provider_not_found' }),
	typeId: z.uuid({ error: 'booking.error.type_not_found' }).optional(),
	start: z.iso.datetime({ offset: true, error: 'booking.error.slot_unavailable' }),
	timezone: timezoneInput,
	locale: z.string().max(5).optional(),
	name: optionalText(120),
	email: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), email.optional()),
	phone: optionalText(40),
	address: optionalText(200),
	city: optionalText(120),
	message: optionalText(2000),
	holdToken: z.string().max(100).optional()
});

export interface BookingCreated {
	id: string;
	status: 'pending' | 'confirmed';
	start: string;
	end: string;
	roomSlug: string;
	/** single-purpose secrets, also emailed to the booker; only their hashes are stored */
	cancelToken: string;
	rescheduleToken: string;
}

export function rescheduleLink(rescheduleToken: string, slug: string, typeId: string | null) {
	return `${context().config.publicUrl}/book/${encodeURIComponent(slug)}?${typeId ? `type=${typeId}&` : ''}reschedule=${encodeURIComponent(rescheduleToken)}`;
}

export function bookingLinks(cancelToken: string, rescheduleToken: string, slug: string, typeId: string) {
	return {
		cancel: `${context().config.publicUrl}/rendez-vous/gerer?token=${encodeURIComponent(cancelToken)}`,
		reschedule: rescheduleLink(rescheduleToken, slug, typeId)
	};
}

/**
 * Books a slot for a member or a visitor (visitors give name, email, address and city, as on
 * MyTeleworker). Throws SlotTakenError (conflict, "ce créneau vient d'être pris") with fresh slots.
 */
export async function createBooking(actor: Actor, raw: unknown, now = Date.now()): Promise<BookingCreated> {
	const input = parseInput(bookingInput, raw);
	const start = Date.parse(input.start);
	assertNotPast(start, now);
	const { db } = context();
	const rules = await loadProviderRules(input.providerId);
	if (actor?.memberId === rules.providerId) throw forbidden('booking.error.self_booking');
	const type = await loadAppointmentType(rules.providerId, input.typeId);

	const booker = actor
		? await db.member.findUnique({ where: { id: actor.memberId }, select: { id: true, firstName: true, lastName: true, email: true, phone: true, address: true, city: true, timezone: true, locale: true } })
		: null;
	const name = input.name ?? (booker ? `${booker.firstName} ${booker.lastName}`.trim() : undefined);
	const mail = booker?.email ?? input.email;
	const address = input.address ?? booker?.address ?? undefined;
	const city = input.city ?? booker?.city ?? undefined;
	if (!booker) {
		const fields: Record<string, 'error.required'> = {};
		for (const [field, value] of Object.entries({ name, email: mail, address, city })) if (!value) fields[field] = 'error.required';
		if (Object.keys(fields).length) throw invalid('error.invalid_form', fields);
	}
	const timezone = input.timezone ?? booker?.timezone ?? rules.schedule.timezone;
	const locale: Locale = isLocale(input.locale) ? input.locale : (booker?.locale ?? 'fr');

	const end = start + type.durationMinutes * MINUTE;
	// network first, outside the lock: fresh busy times from every connected calendar
	const calendars = await providerBusyTimes(rules.providerId, { from: start - DAY, to: end + DAY }, { timezone: rules.schedule.timezone, fresh: true, now });
	const holdHash = input.holdToken ? hashSecret(input.holdToken) : undefined;
	const cancelToken = newSecret();
	const rescheduleToken = newSecret();
	const status = type.requiresConfirmation ? ('pending' as const) : ('confirmed' as const);

	let created: { id: string; roomSlug: string; icsSequence: number } | null = null;
	try {
		created = await db.$transaction(
			async (tx) => {
				await lockProvider(tx, rules.providerId);
				const booked = await bookedIntervals(tx, rules.providerId, type.id, start, end, now, { exceptHoldHash: holdHash });
				if (!isSlotAvailable({ schedule: rules.schedule, type: typeRules(type), busy: [...calendars.busy, ...booked], now }, start)) return null;
				const row = await tx.booking.create({
					data: {
						providerId: rules.providerId,
						bookerMemberId: booker?.id ?? null,
						appointmentTypeId: type.id,
						title: type.name,
						bookerName: name!,
						bookerEmail: mail!,
						bookerPhone: input.phone ?? booker?.phone ?? null,
						bookerAddress: address ?? null,
						bookerCity: city ?? null,
						bookerTimezone: timezone,
						bookerLocale: locale,
						message: input.message ?? null,
						startAt: new Date(start),
						endAt: new Date(end),
						bufferBeforeMinutes: type.bufferBeforeMinutes,
						bufferAfterMinutes: type.bufferAfterMinutes,
						status,
						confirmedAt: status === 'confirmed' ? new Date(now) : null,
						cancelTokenHash: hashSecret(cancelToken),
						rescheduleTokenHash: hashSecret(rescheduleToken),
						roomSlug: randomBytes(9).toString('base64url')
					},
					select: { id: true, roomSlug: true, icsSequence: true }
				});
				// spent, not deleted: it still counts toward its holder's rate (hold-limits.ts)
				if (holdHash) await tx.slotHold.updateMany({ where: { tokenHash: holdHash }, data: { expiresAt: new Date(now) } });
				// what follows the commit (mails, calendar, reminder, notifications) is recorded with it: booking/subscribers.ts
				await recordEvent(tx, 'booking.created', { bookingId: row.id, providerId: rules.providerId, bookerMemberId: booker?.id ?? null, status, sequence: row.icsSequence, start: new Date(start).toISOString() });
				// the booker's mail carries the links' secrets: in its own job, never in the event (mail-jobs.ts)
				await enqueueBookingMail(tx, { bookingId: row.id, kind: 'created', to: 'booker', sequence: row.icsSequence, status, links: bookingLinks(cancelToken, rescheduleToken, rules.slug, type.id) });
				return row;
			},
			{ maxWait: 60_000, timeout: 20_000 }
		);
	} catch (error) {
		if (!isOverlapViolation(error)) throw error;
		created = null;
	}
	if (!created) throw new SlotTakenError(await freshSlotsAround(rules, type, start, now));

	context().events.emit('booking.created', { bookingId: created.id, providerId: rules.providerId, bookerMemberId: booker?.id ?? null, status });
	return { id: created.id, status, start: new Date(start).toISOString(), end: new Date(end).toISOString(), roomSlug: created.roomSlug, cancelToken, rescheduleToken };
}

/**
 * The reminder, a day before, through the job queue. Keyed by the start time: after a move the
 * earlier reminder finds the booking elsewhere and does nothing (see runBookingJob).
 */
export async function scheduleReminder(bookingId: string, start: number, now: number, tx?: EnqueueOptions['tx']) {
	const remindAt = start - DAY;
	if (remindAt > now + 15 * MINUTE) {
		await enqueue(BOOKING_JOBS.reminder, { bookingId, start: new Date(start).toISOString() }, { runAt: new Date(remindAt), uniqueKey: `${BOOKING_JOBS.reminder}:${bookingId}:${start}`, tx });
	}
}

/** A start that has already passed is not "taken": the booker is told it is in the past. */
export function assertNotPast(start: number, now: number) {
	if (start <= now) throw invalid('booking.error.slot_past', { start: 'booking.error.slot_past' });
}
