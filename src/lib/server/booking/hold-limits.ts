import { z } from 'zod';
import { DomainError, throttled } from '../errors.ts';
import type { Database } from '../db.ts';

/**
 * How many slots one holder may keep and take (README: BOOKING_HOLD_*). A holder is a member, or a
 * visitor's IP address. Counted in PostgreSQL from the SlotHold rows themselves (a released or
 * replaced hold is expired, not deleted, until it leaves the rate window), so every process sees
 * the same counts; a per-holder advisory lock makes the count and the new hold one step.
 */
const schema = z.object({
	BOOKING_HOLD_MAX_ACTIVE: z.coerce.number().int().min(1).max(100).default(3),
	BOOKING_HOLDS_PER_WINDOW: z.coerce.number().int().min(1).max(10_000).default(20),
	BOOKING_HOLD_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(10)
});

export interface HoldLimits {
	/** active holds per holder, all providers together (a new hold at the same provider replaces the previous one) */
	maxActive: number;
	/** holds a holder may take per window */
	perWindow: number;
	windowMs: number;
}

const KEY = Symbol.for('relais.booking.holdLimits');
type Holder = { [KEY]?: HoldLimits };

function fromEnv(env: Record<string, string | undefined>): HoldLimits {
	const parsed = schema.safeParse(env);
	const v = parsed.success ? parsed.data : schema.parse({});
	return { maxActive: v.BOOKING_HOLD_MAX_ACTIVE, perWindow: v.BOOKING_HOLDS_PER_WINDOW, windowMs: v.BOOKING_HOLD_WINDOW_MINUTES * 60_000 };
}

export function holdLimits(): HoldLimits {
	const holder = globalThis as Holder;
	holder[KEY] ??= fromEnv(process.env);
	return holder[KEY];
}

/** Tests (and nothing else) change the limits. */
export function configureHoldLimits(overrides: Partial<HoldLimits>): HoldLimits {
	const holder = globalThis as Holder;
	holder[KEY] = { ...holdLimits(), ...overrides };
	return holder[KEY];
}

/** "member:<id>" for a member, "ip:<address>" for a visitor, null when neither is known. */
export function holderKeyOf(actor: { memberId: string } | null, ip: string | null | undefined): string | null {
	if (actor) return `member:${actor.memberId}`;
	return ip ? `ip:${ip}` : null;
}

type Tx = Pick<Database, 'slotHold' | '$queryRaw'>;

/**
 * Inside the hold's transaction: serialises the holder's attempts, refuses beyond the rate, expires
 * the holder's previous hold at this provider (replaced), then refuses beyond the active cap.
 */
export async function admitHold(tx: Tx, holderKey: string, providerId: string, now: number): Promise<void> {
	const limits = holdLimits();
	await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(${'hold:' + holderKey}, 0))`;
	const since = new Date(now - limits.windowMs);
	const recent = await tx.slotHold.findMany({ where: { holderKey, createdAt: { gt: since } }, orderBy: { createdAt: 'asc' }, select: { createdAt: true }, take: limits.perWindow });
	if (recent.length >= limits.perWindow) {
		const freeAt = recent[0]!.createdAt.getTime() + limits.windowMs;
		throw throttled('booking.error.hold_throttled', { minutes: Math.max(1, Math.ceil((freeAt - now) / 60_000)) });
	}
	await tx.slotHold.updateMany({ where: { holderKey, providerId, expiresAt: { gt: new Date(now) } }, data: { expiresAt: new Date(now) } });
	const active = await tx.slotHold.count({ where: { holderKey, expiresAt: { gt: new Date(now) } } });
	if (active >= limits.maxActive) throw new DomainError('conflict', 'booking.error.hold_limit', {}, { max: limits.maxActive });
}

/** Rows that no longer count for anything: expired and out of the rate window. */
export async function purgeOldHolds(tx: Pick<Database, 'slotHold'>, providerId: string, now: number): Promise<void> {
	const before = new Date(now - Math.max(holdLimits().windowMs, 60_000));
	await tx.slotHold.deleteMany({ where: { providerId, expiresAt: { lte: new Date(now) }, createdAt: { lt: before } } });
}
