import { z } from 'zod';
import { context } from '../context.ts';
import { hashSecret } from '../auth/secrets.ts';
import { parseInput } from '../validation.ts';
import { computeProviderSlots, LIVE_STATUSES, loadAppointmentType, loadProviderRules } from './availability.ts';
import type { Slot } from './slots.ts';

/**
 * When the slot a visitor asked for cannot be had: why (someone else holds it for a few minutes,
 * someone booked it, it is past, or it is simply not offered) and the free slots nearest to it,
 * so that the page can offer them instead of a dead end. The visitor's own hold never counts.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
/** how far either side of the asked time the nearest free slots are looked for */
export const NEAREST_WINDOW_DAYS = 7;

export type SlotProblem = 'held' | 'booked' | 'past' | 'unavailable';

export interface NearestSlots {
	/** null: the asked slot is free (for this visitor) */
	problem: SlotProblem | null;
	/** the free slots nearest to the asked time, in time order (the asked one excluded) */
	slots: Slot[];
}

const nearestInput = z.object({
	providerId: z.uuid({ error: 'booking.error.provider_not_found' }),
	typeId: z.uuid({ error: 'booking.error.type_not_found' }).optional(),
	start: z.iso.datetime({ offset: true, error: 'booking.error.slot_unavailable' }),
	holdToken: z.string().max(100).optional(),
	count: z.number().int().min(1).max(12).default(6)
});

export async function nearestFreeSlots(raw: unknown, now = Date.now()): Promise<NearestSlots> {
	const input = parseInput(nearestInput, raw);
	const rules = await loadProviderRules(input.providerId);
	const type = await loadAppointmentType(rules.providerId, input.typeId);
	const start = Date.parse(input.start);
	const end = start + type.durationMinutes * MINUTE;
	const holdHash = input.holdToken ? hashSecret(input.holdToken) : undefined;
	const from = Math.max(now, start - NEAREST_WINDOW_DAYS * DAY);
	const to = Math.max(from + DAY, start + NEAREST_WINDOW_DAYS * DAY);
	const { slots } = await computeProviderSlots(rules, type, from, to, now, { exceptHoldHash: holdHash });
	const free = slots.some((s) => s.start === start);
	const nearest = slots
		.filter((s) => s.start !== start)
		.sort((a, b) => Math.abs(a.start - start) - Math.abs(b.start - start) || a.start - b.start)
		.slice(0, input.count)
		.sort((a, b) => a.start - b.start);
	return { problem: free ? null : await problemOf(rules.providerId, start, end, now, holdHash), slots: nearest };
}

/** Why [start, end) is not free: past, somebody else's live hold, a live booking, or not offered at all. */
async function problemOf(providerId: string, start: number, end: number, now: number, ownHoldHash?: string): Promise<SlotProblem> {
	if (start <= now) return 'past';
	const { db } = context();
	const overlapping = { startAt: { lt: new Date(end) }, endAt: { gt: new Date(start) } };
	const booked = await db.booking.count({ where: { providerId, status: { in: [...LIVE_STATUSES] }, ...overlapping } });
	if (booked > 0) return 'booked';
	const held = await db.slotHold.count({
		where: { providerId, expiresAt: { gt: new Date(now) }, ...overlapping, ...(ownHoldHash ? { tokenHash: { not: ownHoldHash } } : {}) }
	});
	return held > 0 ? 'held' : 'unavailable';
}

/** Whether `holdToken` is a live hold of this visitor on the slot starting at `start`. */
export async function holdsSlot(providerId: string, holdToken: string | undefined, start: number, now = Date.now()): Promise<boolean> {
	if (!holdToken) return false;
	const hold = await context().db.slotHold.findUnique({ where: { tokenHash: hashSecret(holdToken) }, select: { providerId: true, startAt: true, expiresAt: true } });
	return Boolean(hold && hold.providerId === providerId && hold.startAt.getTime() === start && hold.expiresAt.getTime() > now);
}
