import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { availableSlots } from '../../src/lib/server/booking/availability.ts';
import { createBooking, holdSlot, isOverlapViolation, SlotTakenError } from '../../src/lib/server/booking/book.ts';
import { cancelBooking, confirmBooking, listMyBookings, rescheduleBooking } from '../../src/lib/server/booking/manage.ts';
import { saveAppointmentType, saveSchedule, agendaSettings } from '../../src/lib/server/booking/settings.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { afterCommit } from '../helpers/jobs.ts';

const DAY = 86_400_000;

describe('booking commit', () => {
	let ctx: TestContext;
	let providerId: string;
	let typeId: string;
	let confirmTypeId: string;
	const provider = { memberId: '' };
	const visitor = { name: 'Vera Visiteur', email: 'vera@example.test', address: '1 rue de la Paix', city: 'Montréal', phone: '+1 514 555 0100', timezone: 'America/Montreal', locale: 'en' };

	beforeAll(async () => {
		ctx = await useTestContext();
		const p = await ctx.prisma.member.create({ data: { email: 'paul@example.test', firstName: 'Paul', lastName: 'Prestataire', slug: 'paul-prestataire', status: 'active', category: 'freelance' } });
		providerId = p.id;
		provider.memberId = p.id;
		await agendaSettings(provider);
		await saveSchedule(provider, {
			timezone: 'Europe/Paris',
			enabled: true,
			workingHours: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
				{ weekday, startMinute: 9 * 60, endMinute: 12 * 60 },
				{ weekday, startMinute: 14 * 60, endMinute: 17 * 60 }
			])
		});
		typeId = (await saveAppointmentType(provider, { name: 'Consultation', durationMinutes: 60, minimumNoticeMinutes: 60, horizonDays: 60, bufferAfterMinutes: 0 })).id;
		confirmTypeId = (await saveAppointmentType(provider, { name: 'Devis', durationMinutes: 30, requiresConfirmation: true, minimumNoticeMinutes: 60 })).id;
	});
	afterAll(async () => {
		await ctx?.close();
	});

	const slotsFrom = async (days: number, type = typeId, tz = 'Europe/Paris') =>
		availableSlots(null, providerId, { from: new Date(Date.now() + days * DAY).toISOString(), to: new Date(Date.now() + (days + 7) * DAY).toISOString(), type, tz });

	it('lists slots grouped in the viewer’s zone', async () => {
		const paris = await slotsFrom(3);
		const montreal = await slotsFrom(3, typeId, 'America/Montreal');
		expect(paris.slots.length).toBeGreaterThan(20);
		expect(montreal.slots).toEqual(paris.slots);
		expect(paris.days[1]!.slots[0]!.time).toBe('09:00'); // days[0] starts at the current time of day
		// 09:00 in Paris is 03:00 in Montreal (6 hours apart, or 5 during the March/November gaps)
		expect(['03:00', '04:00']).toContain(montreal.days[1]!.slots[0]!.time);
		await expect(availableSlots(null, providerId, { tz: 'Mars/Olympus' })).rejects.toMatchObject({ kind: 'invalid' });
	});

	it('50 concurrent attempts on one slot: exactly one booking, the others get “ce créneau vient d’être pris” and fresh slots', async () => {
		const slot = (await slotsFrom(5)).slots[0]!;
		const attempts = await Promise.allSettled(
			Array.from({ length: 50 }, (_, i) => createBooking(null, { providerId, typeId, start: slot.start, ...visitor, email: `racer${i}@example.test` }))
		);
		const won = attempts.filter((a) => a.status === 'fulfilled');
		const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(49);
		for (const failure of lost) {
			expect(failure.reason).toBeInstanceOf(SlotTakenError);
			expect((failure.reason as SlotTakenError).kind).toBe('conflict');
			expect((failure.reason as SlotTakenError).key).toBe('booking.error.slot_taken');
		}
		const fresh = (lost[0]!.reason as SlotTakenError).freshSlots;
		expect(fresh.length).toBeGreaterThan(0);
		expect(fresh.map((s) => new Date(s.start).toISOString())).not.toContain(slot.start);
		expect(await ctx.prisma.booking.count({ where: { providerId, startAt: new Date(slot.start), status: { in: ['pending', 'confirmed'] } } })).toBe(1);
	}, 60_000);

	it('the database refuses an overlapping live booking even without the application', async () => {
		const existing = await ctx.prisma.booking.findFirstOrThrow({ where: { providerId } });
		await expect(
			ctx.prisma.booking.create({
				data: { providerId, title: 'x', bookerName: 'x', bookerEmail: 'x@example.test', bookerTimezone: 'UTC', startAt: new Date(existing.startAt.getTime() + 30 * 60_000), endAt: new Date(existing.endAt.getTime() + 30 * 60_000), status: 'confirmed', roomSlug: 'overlap-test' }
			})
		).rejects.toSatisfy(isOverlapViolation);
		// a cancelled booking does not count
		await ctx.prisma.booking.create({
			data: { providerId, title: 'x', bookerName: 'x', bookerEmail: 'x@example.test', bookerTimezone: 'UTC', startAt: existing.startAt, endAt: existing.endAt, status: 'cancelled', roomSlug: 'overlap-test-2' }
		});
	});

	it('mails both parties an ICS invitation with times in their own zone; the cancel link sends METHOD:CANCEL', async () => {
		const slot = (await slotsFrom(8)).slots[0]!;
		const created = await createBooking(null, { providerId, typeId, start: slot.start, ...visitor });
		expect(created.status).toBe('confirmed');
		await afterCommit(ctx);
		const mails = await ctx.prisma.outboxMail.findMany({ where: { to: { in: ['paul@example.test', visitor.email] } }, orderBy: { createdAt: 'asc' } });
		const toProvider = mails.filter((m) => m.to === 'paul@example.test').at(-1)!;
		const toBooker = mails.filter((m) => m.to === visitor.email).at(-1)!;
		const fmt = (tz: string, locale: string) => new Intl.DateTimeFormat(locale, { timeZone: tz, hour: '2-digit', minute: '2-digit' }).format(new Date(slot.start));
		expect(toProvider.text).toContain(fmt('Europe/Paris', 'fr-FR'));
		expect(toProvider.text).toContain('Europe/Paris');
		expect(toProvider.text).toContain('1 rue de la Paix'); // the visitor's address, for the invoice
		expect(toBooker.text).toContain(fmt('America/Montreal', 'en-GB'));
		expect(toBooker.text).toContain('America/Montreal');
		const ics = (toBooker.attachments as { filename: string; contentType: string; content: string }[])[0]!;
		expect(ics.contentType).toContain('method=REQUEST');
		expect(ics.content).toContain('METHOD:REQUEST');
		expect(ics.content).toContain(`UID:${created.id}@relais`);
		expect(ics.content).toContain(`DTSTART:${slot.start.replace(/[-:]/g, '').replace('.000', '')}`);

		// the emailed cancel link: single purpose, works without an account
		await expect(cancelBooking(null, { token: created.rescheduleToken })).rejects.toMatchObject({ kind: 'not_found' });
		await cancelBooking(null, { token: created.cancelToken, reason: 'Empêchement' });
		await expect(cancelBooking(null, { token: created.cancelToken })).rejects.toMatchObject({ kind: 'conflict' });
		await afterCommit(ctx);
		const cancelMail = await ctx.prisma.outboxMail.findFirstOrThrow({ where: { to: 'paul@example.test', subject: { contains: 'annulé' } } });
		const cancelIcs = (cancelMail.attachments as { content: string }[])[0]!.content;
		expect(cancelIcs).toContain('METHOD:CANCEL');
		expect(cancelIcs).toContain('SEQUENCE:1');
		// the slot is free again
		expect((await slotsFrom(8)).slots.map((s) => s.start)).toContain(slot.start);
	});

	it('a hold hides the slot from others for a few minutes; its holder books it', async () => {
		const slot = (await slotsFrom(10)).slots[2]!;
		const hold = await holdSlot(null, { providerId, typeId, start: slot.start });
		expect((await slotsFrom(10)).slots.map((s) => s.start)).not.toContain(slot.start);
		await expect(createBooking(null, { providerId, typeId, start: slot.start, ...visitor })).rejects.toBeInstanceOf(SlotTakenError);
		await expect(holdSlot(null, { providerId, typeId, start: slot.start })).rejects.toBeInstanceOf(SlotTakenError);
		const created = await createBooking(null, { providerId, typeId, start: slot.start, ...visitor, holdToken: hold.holdToken });
		expect(created.start).toBe(slot.start);
		expect(await ctx.prisma.slotHold.count({ where: { providerId, expiresAt: { gt: new Date() } } })).toBe(0);
	});

	it('visitors must give name, email, address and city; members are prefilled', async () => {
		const slot = (await slotsFrom(12)).slots[0]!;
		try {
			await createBooking(null, { providerId, typeId, start: slot.start, name: 'X', email: 'x@example.test' });
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(DomainError);
			expect((error as DomainError).fields).toMatchObject({ address: 'error.required', city: 'error.required' });
		}
		const member = await ctx.prisma.member.create({ data: { email: 'mia@example.test', firstName: 'Mia', lastName: 'Membre', slug: 'mia-membre', status: 'active', city: 'Lyon', address: '2 place Bellecour', timezone: 'Europe/Paris' } });
		const created = await createBooking({ memberId: member.id }, { providerId, typeId, start: slot.start });
		const row = await ctx.prisma.booking.findUniqueOrThrow({ where: { id: created.id } });
		expect(row).toMatchObject({ bookerMemberId: member.id, bookerName: 'Mia Membre', bookerEmail: 'mia@example.test', bookerCity: 'Lyon', bookerTimezone: 'Europe/Paris' });
		const mine = await listMyBookings({ memberId: member.id }, 'upcoming');
		expect(mine.map((b) => b.id)).toContain(created.id);
		expect(mine[0]!.bookerAddress).toBeNull(); // contact details are for the provider
		const providerView = await listMyBookings(provider, 'upcoming');
		expect(providerView.find((b) => b.id === created.id)?.bookerCity).toBe('Lyon');
		await expect(createBooking(provider, { providerId, typeId, start: slot.start })).rejects.toMatchObject({ kind: 'forbidden' });
	});

	it('requests needing confirmation stay pending (and block the slot) until the provider confirms', async () => {
		const slot = (await slotsFrom(14, confirmTypeId)).slots[0]!;
		const created = await createBooking(null, { providerId, typeId: confirmTypeId, start: slot.start, ...visitor });
		expect(created.status).toBe('pending');
		expect((await slotsFrom(14, confirmTypeId)).slots.map((s) => s.start)).not.toContain(slot.start);
		const stranger = await ctx.prisma.member.create({ data: { email: 'sam@example.test', firstName: 'Sam', lastName: 'Autre', slug: 'sam-autre', status: 'active' } });
		await expect(confirmBooking({ memberId: stranger.id }, created.id)).rejects.toMatchObject({ kind: 'not_found' });
		await confirmBooking(provider, created.id);
		expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: created.id } })).status).toBe('confirmed');
		await expect(confirmBooking(provider, created.id)).rejects.toMatchObject({ kind: 'conflict' });
	});

	it('reschedules with the emailed link: the same booking moves, the link is spent', async () => {
		const slots = (await slotsFrom(20)).slots;
		const created = await createBooking(null, { providerId, typeId, start: slots[0]!.start, ...visitor });
		const moved = await rescheduleBooking(null, { token: created.rescheduleToken, start: slots[1]!.start });
		expect(moved).toMatchObject({ id: created.id, start: slots[1]!.start, previousStart: slots[0]!.start });
		const row = await ctx.prisma.booking.findUniqueOrThrow({ where: { id: created.id } });
		expect(row).toMatchObject({ status: 'confirmed', startAt: new Date(slots[1]!.start) });
		await expect(rescheduleBooking(null, { token: created.rescheduleToken, start: slots[2]!.start })).rejects.toMatchObject({ kind: 'not_found' });
	});
});
