import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { availableSlots } from '../../src/lib/server/booking/availability.ts';
import { createBooking, holdSlot } from '../../src/lib/server/booking/book.ts';
import { configureHoldLimits } from '../../src/lib/server/booking/hold-limits.ts';
import { saveAppointmentType, saveSchedule } from '../../src/lib/server/booking/settings.ts';
import { translate } from '../../src/lib/i18n/index.ts';
import { POST as holdsPOST } from '../../src/routes/api/v1/bookings/holds/+server.ts';

/** Slot holds (issue 10, item 6): one member held 292 slots in 9 s and emptied a provider's week. */
const DAY = 86_400_000;
const MINUTE = 60_000;
const defaults = { maxActive: 3, perWindow: 20, windowMs: 10 * MINUTE };

describe('slot holds are capped and rate-limited per holder', () => {
	let ctx: TestContext;
	const providers: { id: string; typeId: string }[] = [];
	let memberId: string;

	beforeAll(async () => {
		ctx = await useTestContext();
		for (let i = 0; i < 4; i++) {
			const p = await ctx.prisma.member.create({ data: { email: `hold-provider${i}@example.test`, firstName: 'Pro', lastName: `N${i}`, slug: `hold-provider-${i}`, status: 'active' } });
			await saveSchedule({ memberId: p.id }, { timezone: 'Europe/Paris', enabled: true, workingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 8 * 60, endMinute: 18 * 60 })) });
			const typeId = (await saveAppointmentType({ memberId: p.id }, { name: 'Visio', durationMinutes: 30, minimumNoticeMinutes: 60 })).id;
			providers.push({ id: p.id, typeId });
		}
		memberId = (await ctx.prisma.member.create({ data: { email: 'holder@example.test', firstName: 'Hugo', lastName: 'Holder', slug: 'hugo-holder', status: 'active' } })).id;
	});
	afterEach(async () => {
		configureHoldLimits(defaults);
		await ctx.prisma.slotHold.deleteMany({});
	});
	afterAll(async () => {
		await ctx?.close();
	});

	const slotsOf = async (p: { id: string; typeId: string }, days = 3) =>
		(await availableSlots(null, p.id, { from: new Date(Date.now() + days * DAY).toISOString(), to: new Date(Date.now() + (days + 1) * DAY).toISOString(), type: p.typeId })).slots;
	const hold = (p: { id: string; typeId: string }, start: string, who: { memberId: string } | null, ip?: string, now = Date.now()) =>
		holdSlot(who, { providerId: p.id, typeId: p.typeId, start }, now, { ip });
	const active = (holderKey: string) => ctx.prisma.slotHold.count({ where: { holderKey, expiresAt: { gt: new Date() } } });

	it('a new hold at the same provider replaces the holder’s previous one: 12 concurrent clicks keep one slot', async () => {
		const p = providers[0]!;
		const slots = await slotsOf(p);
		const results = await Promise.allSettled(slots.slice(0, 12).map((s) => hold(p, s.start, { memberId })));
		expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThan(0);
		expect(await active(`member:${memberId}`)).toBe(1);
		// the provider's week is not emptied: all but one slot stay visible to others
		expect((await slotsOf(p)).length).toBe(slots.length - 1);
	}, 60_000);

	it('at most 3 active holds per member, all providers together, even when asked concurrently', async () => {
		const starts = await Promise.all(providers.map(async (p) => (await slotsOf(p))[0]!.start));
		const results = await Promise.allSettled(providers.map((p, i) => hold(p, starts[i]!, { memberId })));
		const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
		expect(refused).toHaveLength(1);
		expect(refused[0]!.reason).toMatchObject({ kind: 'conflict', key: 'booking.error.hold_limit', params: { max: 3 } });
		expect(translate('fr', 'booking.error.hold_limit', { max: 3 })).toContain('3 créneaux');
		expect(await active(`member:${memberId}`)).toBe(3);
	});

	it('a booking spends its hold, which frees a place under the cap', async () => {
		const held = await Promise.all(providers.slice(0, 3).map(async (p) => ({ p, start: (await slotsOf(p, 5))[0]!.start })));
		const tokens = [];
		for (const { p, start } of held) tokens.push((await hold(p, start, { memberId })).holdToken);
		const fourth = providers[3]!;
		const start4 = (await slotsOf(fourth, 5))[0]!.start;
		await expect(hold(fourth, start4, { memberId })).rejects.toMatchObject({ key: 'booking.error.hold_limit' });
		await createBooking({ memberId }, { providerId: held[0]!.p.id, typeId: held[0]!.p.typeId, start: held[0]!.start, holdToken: tokens[0] });
		await expect(hold(fourth, start4, { memberId })).resolves.toHaveProperty('holdToken');
	});

	it('visitors are counted per IP address; another address is not affected', async () => {
		const starts = await Promise.all(providers.map(async (p) => (await slotsOf(p, 7))[0]!.start));
		for (let i = 0; i < 3; i++) await hold(providers[i]!, starts[i]!, null, '198.51.100.7');
		await expect(hold(providers[3]!, starts[3]!, null, '198.51.100.7')).rejects.toMatchObject({ key: 'booking.error.hold_limit' });
		await expect(hold(providers[3]!, starts[3]!, null, '198.51.100.8')).resolves.toHaveProperty('holdToken');
	});

	it('hold creation is rate-limited per holder (counted in PostgreSQL); the window passes with the clock', async () => {
		configureHoldLimits({ perWindow: 5, windowMs: 10 * MINUTE });
		const p = providers[1]!;
		const slots = await slotsOf(p, 9);
		const now = Date.now();
		for (let i = 0; i < 5; i++) await hold(p, slots[i]!.start, { memberId }, undefined, now + i * 1000);
		const error = await hold(p, slots[5]!.start, { memberId }, undefined, now + 6000).catch((e: unknown) => e);
		expect(error).toMatchObject({ kind: 'throttled', key: 'booking.error.hold_throttled', params: { minutes: 10 } });
		expect(translate('en', 'booking.error.hold_throttled', { minutes: 10 })).toContain('10 minutes');
		// another member is not slowed down
		const other = await ctx.prisma.member.create({ data: { email: 'other-holder@example.test', firstName: 'O', lastName: 'H', slug: 'other-holder', status: 'active' } });
		await expect(hold(p, slots[6]!.start, { memberId: other.id }, undefined, now + 7000)).resolves.toHaveProperty('holdToken');
		await expect(hold(p, slots[5]!.start, { memberId }, undefined, now + 10 * MINUTE + 1000)).resolves.toHaveProperty('holdToken');
	});

	it('through the API: the visitor’s address is the holder, the refusals are localized 409 / 429', async () => {
		configureHoldLimits({ maxActive: 1, perWindow: 2 });
		const ORIGIN = 'http://127.0.0.1:3999';
		const post = (body: unknown, ip: string) =>
			holdsPOST({
				request: new Request(`${ORIGIN}/api/v1/bookings/holds`, { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify(body) }),
				url: new URL('/api/v1/bookings/holds', ORIGIN),
				params: {},
				locals: { member: null, locale: 'en' },
				getClientAddress: () => ip
			} as unknown as RequestEvent<never, never>);
		const [a, b] = [providers[2]!, providers[3]!];
		const startA = (await slotsOf(a, 11))[0]!.start;
		const startB = (await slotsOf(b, 11))[0]!.start;
		expect((await post({ providerId: a.id, typeId: a.typeId, start: startA }, '203.0.113.5')).status).toBe(201);
		const capped = await post({ providerId: b.id, typeId: b.typeId, start: startB }, '203.0.113.5');
		expect(capped.status).toBe(409);
		expect(((await capped.json()) as { error: { message: string } }).error.message).toContain('holding 1 slots');
		// a new hold at provider a replaces the first (2 taken in the window), the third is over the rate
		expect((await post({ providerId: a.id, typeId: a.typeId, start: (await slotsOf(a, 11))[1]!.start }, '203.0.113.5')).status).toBe(201);
		const throttled = await post({ providerId: a.id, typeId: a.typeId, start: (await slotsOf(a, 11))[2]!.start }, '203.0.113.5');
		expect(throttled.status).toBe(429);
		expect(((await throttled.json()) as { error: { message: string } }).error.message).toMatch(/Try again in \d+ minutes/);
	});
});
