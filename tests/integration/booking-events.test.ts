import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { afterCommit, jobsOf } from '../helpers/jobs.ts';
import { makeMember } from '../helpers/realtime.ts';
import { availableSlots } from '../../src/lib/server/booking/availability.ts';
import { createBooking } from '../../src/lib/server/booking/book.ts';
import { cancelBooking, confirmBooking, declineBooking, rescheduleBooking } from '../../src/lib/server/booking/manage.ts';
import { saveAppointmentType, saveSchedule } from '../../src/lib/server/booking/settings.ts';
import { BOOKING_JOBS } from '../../src/lib/server/booking/job-kinds.ts';
import { logIn, signUp, activate } from '../../src/lib/server/auth/accounts.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { setPreferences } from '../../src/lib/server/notifications/index.ts';

/**
 * Booking side effects as outbox subscribers (issue 11, §2 and §4): the change records its event,
 * mails / jobs / notifications follow once it is delivered; the account's proven address claims
 * guest bookings through the booking's own subscriber.
 */
const DAY = 86_400_000;

describe('booking events', () => {
	let ctx: TestContext;
	let provider: Awaited<ReturnType<typeof makeMember>>;
	let typeId: string;
	let confirmTypeId: string;
	const visitor = { name: 'Vera Visiteur', address: '1 rue de la Paix', city: 'Paris', timezone: 'Europe/Paris', locale: 'fr' };

	beforeAll(async () => {
		ctx = await useTestContext();
		provider = await makeMember(ctx);
		await saveSchedule({ memberId: provider.id }, { timezone: 'Europe/Paris', enabled: true, workingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 8 * 60, endMinute: 18 * 60 })) });
		typeId = (await saveAppointmentType({ memberId: provider.id }, { name: 'Consultation', durationMinutes: 60, minimumNoticeMinutes: 60, horizonDays: 60 })).id;
		confirmTypeId = (await saveAppointmentType({ memberId: provider.id }, { name: 'Devis', durationMinutes: 30, requiresConfirmation: true, minimumNoticeMinutes: 60, horizonDays: 60 })).id;
	});
	afterAll(async () => ctx?.close());

	const slotsFrom = async (days: number, type = typeId) =>
		(await availableSlots(null, provider.id, { from: new Date(Date.now() + days * DAY).toISOString(), to: new Date(Date.now() + (days + 2) * DAY).toISOString(), type, tz: 'Europe/Paris' })).slots;
	const notificationsOf = (memberId: string) => ctx.prisma.notification.findMany({ where: { recipientId: memberId }, orderBy: { createdAt: 'asc' } });

	it('a new booking commits its event without the booker’s link secrets; delivered, it notifies the provider and mails both parties once', async () => {
		const slot = (await slotsFrom(3))[0]!;
		const created = await createBooking(null, { providerId: provider.id, typeId, start: slot.start, ...visitor, email: 'first@example.test' });
		const [event] = await ctx.prisma.domainEvent.findMany({ where: { name: 'booking.created', payload: { path: ['bookingId'], equals: created.id } } });
		expect(event).toBeDefined();
		expect(JSON.stringify(event!.payload)).not.toContain(created.cancelToken);
		expect(JSON.stringify(event!.payload)).not.toContain(created.rescheduleToken);
		// nothing for the provider before delivery
		expect(await notificationsOf(provider.id)).toEqual([]);
		expect(await ctx.sentMail(provider.email)).toEqual([]);

		await afterCommit(ctx);
		await afterCommit(ctx);
		const notes = await notificationsOf(provider.id);
		expect(notes).toHaveLength(1);
		expect(notes[0]).toMatchObject({ type: 'booking.created', objectType: 'booking', objectId: created.id, actorId: null, data: { name: 'Vera Visiteur', when: expect.any(String) } });
		expect(await ctx.sentMail(provider.email)).toHaveLength(1);
		const [toBooker, ...more] = await ctx.sentMail('first@example.test');
		expect(more).toEqual([]);
		expect(toBooker!.text).toContain(`token=${encodeURIComponent(created.cancelToken)}`);
		expect(await jobsOf(ctx, BOOKING_JOBS.googleInsert)).toHaveLength(1);
	});

	it('cancelling notifies the other party, per their preference; confirming and declining tell the member who booked', async () => {
		const booker = await makeMember(ctx, { category: 'visitor' });
		const [a, , c] = await slotsFrom(6, confirmTypeId);
		const one = await createBooking({ memberId: booker.id }, { providerId: provider.id, typeId: confirmTypeId, start: a!.start });
		const two = await createBooking({ memberId: booker.id }, { providerId: provider.id, typeId: confirmTypeId, start: c!.start });
		await afterCommit(ctx);
		await confirmBooking({ memberId: provider.id }, one.id);
		await declineBooking({ memberId: provider.id }, two.id, 'Complet');
		await afterCommit(ctx);
		expect((await notificationsOf(booker.id)).map((n) => [n.type, n.objectId])).toEqual([
			['booking.confirmed', one.id],
			['booking.cancelled', two.id]
		]);
		// two requests, one confirmation, one refusal
		expect((await ctx.sentMail(booker.email)).map((m) => m.subject).sort()).toEqual(['Demande de rendez-vous refusée : Devis', ...Array(3).fill('Rendez-vous confirmé : Devis')]);

		// the provider turned cancellations off: the booker's cancellation makes no notification, the mails still go
		await setPreferences({ memberId: provider.id }, { 'booking.cancelled': 'off' });
		const before = (await notificationsOf(provider.id)).length;
		await cancelBooking({ memberId: booker.id }, { bookingId: one.id });
		await afterCommit(ctx);
		expect((await notificationsOf(provider.id)).length).toBe(before);
		expect((await ctx.sentMail(provider.email)).filter((m) => m.subject.includes('annulé'))).toHaveLength(1);
	});

	it('a move notifies the provider and replaces the reminder; the booker’s new link comes from the mail job', async () => {
		const slots = await slotsFrom(9);
		const created = await createBooking(null, { providerId: provider.id, typeId, start: slots[0]!.start, ...visitor, email: 'mover@example.test' });
		await afterCommit(ctx);
		await rescheduleBooking(null, { token: created.rescheduleToken, start: slots[3]!.start });
		const reminders = async () => (await jobsOf(ctx, BOOKING_JOBS.reminder)).filter((j) => (j.data as { bookingId: string }).bookingId === created.id).map((j) => (j.data as { start: string }).start);
		expect(await reminders()).toEqual([slots[0]!.start]);
		await afterCommit(ctx);
		expect((await reminders()).sort()).toEqual([slots[0]!.start, slots[3]!.start].sort());
		expect((await notificationsOf(provider.id)).filter((n) => n.objectId === created.id).map((n) => n.type)).toEqual(['booking.created', 'booking.moved']);
		const moved = (await ctx.sentMail('mover@example.test')).filter((m) => m.subject.startsWith('Rendez-vous déplacé'));
		expect(moved).toHaveLength(1);
		expect(moved[0]!.text).toMatch(/reschedule=/);
	});

	it('an account whose address is proven (login) claims the bookings made with it as a guest, through the booking’s subscriber', async () => {
		const email = 'guest.then.member@example.test';
		const slot = (await slotsFrom(12))[0]!;
		const guest = await createBooking(null, { providerId: provider.id, typeId, start: slot.start, ...visitor, email });
		const member = await ctx.prisma.member.create({
			data: { email, passwordHash: await hashPassword('une phrase assez longue'), firstName: 'Gilles', lastName: 'Invité', slug: 'gilles-invite', status: 'active', activatedAt: new Date() }
		});
		await logIn({ email, password: 'une phrase assez longue' }, { ip: '127.0.0.1', userAgent: 'vitest' });
		const owner = async () => (await ctx.prisma.booking.findUniqueOrThrow({ where: { id: guest.id } })).bookerMemberId;
		expect(await owner()).toBeNull();
		await ctx.deliverEvents();
		expect(await owner()).toBe(member.id);
		expect(await ctx.prisma.domainEvent.findFirst({ where: { name: 'member.address_proven' }, select: { payload: true } })).toEqual({ payload: { memberId: member.id, via: 'login' } });
	});

	it('signing up proves nothing; activating records member.activated', async () => {
		await signUp({ firstName: 'Ana', lastName: 'Active', email: 'ana.active@example.test', password: 'une phrase assez longue', category: 'visitor', acceptTerms: 'on' }, 'fr');
		expect(await ctx.prisma.domainEvent.count({ where: { name: 'member.activated' } })).toBe(0);
		const link = await ctx.lastLink('ana.active@example.test');
		const { memberId } = await activate(new URL(link).searchParams.get('token'), { ip: '127.0.0.1', userAgent: 'vitest' });
		expect(await ctx.prisma.domainEvent.findFirst({ where: { name: 'member.activated' }, select: { payload: true } })).toEqual({ payload: { memberId, via: 'activation' } });
	});
});
