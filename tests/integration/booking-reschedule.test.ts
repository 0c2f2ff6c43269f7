import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { availableSlots } from '../../src/lib/server/booking/availability.ts';
import { createBooking, SlotTakenError } from '../../src/lib/server/booking/book.ts';
import { rescheduleBooking } from '../../src/lib/server/booking/manage.ts';
import { saveAppointmentType, saveSchedule } from '../../src/lib/server/booking/settings.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { translate } from '../../src/lib/i18n/index.ts';
import { afterCommit } from '../helpers/jobs.ts';

/**
 * Moving a booking (issue 10, items 15 and 16): one transaction, a single-use link under
 * concurrency, the same booking row (same ICS UID, SEQUENCE + 1), "déplacé" mails to both parties.
 */
const DAY = 86_400_000;

describe('moving a booking', () => {
	let ctx: TestContext;
	let providerId: string;
	let typeId: string;
	const visitor = { name: 'Vera Visiteur', address: '1 rue de la Paix', city: 'Montréal', timezone: 'America/Montreal', locale: 'en' };

	beforeAll(async () => {
		ctx = await useTestContext();
		const p = await ctx.prisma.member.create({ data: { email: 'move-provider@example.test', firstName: 'Paul', lastName: 'Prestataire', slug: 'move-provider', status: 'active' } });
		providerId = p.id;
		await saveSchedule({ memberId: p.id }, { timezone: 'Europe/Paris', enabled: true, workingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 8 * 60, endMinute: 18 * 60 })) });
		typeId = (await saveAppointmentType({ memberId: p.id }, { name: 'Consultation', durationMinutes: 60, minimumNoticeMinutes: 60 })).id;
	});
	afterAll(async () => {
		await ctx?.close();
	});

	const slotsFrom = async (days: number) =>
		(await availableSlots(null, providerId, { from: new Date(Date.now() + days * DAY).toISOString(), to: new Date(Date.now() + (days + 2) * DAY).toISOString(), type: typeId, tz: 'Europe/Paris' })).slots;
	const liveOf = (email: string) => ctx.prisma.booking.findMany({ where: { providerId, bookerEmail: email, status: { in: ['pending', 'confirmed'] } } });

	it('6 concurrent moves with one link: exactly one moves the booking, the others are told the link was used', async () => {
		const slots = await slotsFrom(3);
		const email = 'six@example.test';
		const created = await createBooking(null, { providerId, typeId, start: slots[0]!.start, ...visitor, email });
		const attempts = await Promise.allSettled(slots.slice(1, 7).map((slot) => rescheduleBooking(null, { token: created.rescheduleToken, start: slot.start })));
		const moved = attempts.filter((a) => a.status === 'fulfilled');
		const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
		expect(moved).toHaveLength(1);
		expect(refused).toHaveLength(5);
		for (const r of refused) {
			expect(r.reason).toBeInstanceOf(DomainError);
			expect(r.reason).toMatchObject({ kind: 'conflict', key: 'booking.error.token_used' });
		}
		expect(translate('fr', 'booking.error.token_used')).toContain('déjà été utilisé');
		const live = await liveOf(email);
		expect(live).toHaveLength(1);
		expect(live[0]!.id).toBe(created.id);
		expect(live[0]!.startAt.toISOString()).toBe((moved[0] as PromiseFulfilledResult<{ start: string }>).value.start);
		expect(await ctx.prisma.booking.count({ where: { providerId, bookerEmail: email } })).toBe(1);
	}, 60_000);

	it('a competing booking on the target slot: “créneau pris”, the original stays booked and its link still works', async () => {
		const slots = await slotsFrom(5);
		const email = 'compete@example.test';
		const created = await createBooking(null, { providerId, typeId, start: slots[0]!.start, ...visitor, email });
		await createBooking(null, { providerId, typeId, start: slots[2]!.start, ...visitor, email: 'rival@example.test' });
		const error = await rescheduleBooking(null, { token: created.rescheduleToken, start: slots[2]!.start }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SlotTakenError);
		expect((error as SlotTakenError).freshSlots.length).toBeGreaterThan(0);
		const [original] = await liveOf(email);
		expect(original).toMatchObject({ id: created.id, status: 'confirmed', startAt: new Date(slots[0]!.start) });
		// the refused move did not spend the link
		await rescheduleBooking(null, { token: created.rescheduleToken, start: slots[3]!.start });
		expect((await liveOf(email))[0]!.startAt).toEqual(new Date(slots[3]!.start));
	});

	it('a move racing a new booking for the same slot: one of them gets it, the original booking is never lost', async () => {
		const slots = await slotsFrom(7);
		for (let round = 0; round < 4; round++) {
			const email = `race${round}@example.test`;
			const from = slots[round * 2]!;
			const target = slots[round * 2 + 1]!;
			const created = await createBooking(null, { providerId, typeId, start: from.start, ...visitor, email });
			const [move, rival] = await Promise.allSettled([
				rescheduleBooking(null, { token: created.rescheduleToken, start: target.start }),
				createBooking(null, { providerId, typeId, start: target.start, ...visitor, email: `rival${round}@example.test` })
			]);
			expect([move.status, rival.status].sort()).toEqual(['fulfilled', 'rejected']);
			const lost = move.status === 'rejected' ? move.reason : (rival as PromiseRejectedResult).reason;
			expect(lost).toBeInstanceOf(SlotTakenError);
			const live = await liveOf(email);
			expect(live).toHaveLength(1);
			expect(live[0]!.startAt).toEqual(new Date(move.status === 'fulfilled' ? target.start : from.start));
			expect(await ctx.prisma.booking.count({ where: { providerId, startAt: new Date(target.start), status: { in: ['pending', 'confirmed'] } } })).toBe(1);
		}
	}, 60_000);

	it('a failure in the middle of a move (its follow-up work cannot be recorded) leaves the booking as it was', async () => {
		const slots = await slotsFrom(10);
		const email = 'crash@example.test';
		const created = await createBooking(null, { providerId, typeId, start: slots[0]!.start, ...visitor, email });
		// injected failure: recording a booking's outbox event now fails, after the booking row was updated
		await ctx.prisma.$executeRawUnsafe(`CREATE FUNCTION test_fail_booking_job() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
		await ctx.prisma.$executeRawUnsafe(`CREATE TRIGGER test_fail_booking_job BEFORE INSERT ON "DomainEvent" FOR EACH ROW WHEN (NEW.name LIKE 'booking.%') EXECUTE FUNCTION test_fail_booking_job()`);
		try {
			await expect(rescheduleBooking(null, { token: created.rescheduleToken, start: slots[2]!.start })).rejects.toThrow(/injected failure/);
		} finally {
			await ctx.prisma.$executeRawUnsafe(`DROP TRIGGER test_fail_booking_job ON "DomainEvent"`);
			await ctx.prisma.$executeRawUnsafe(`DROP FUNCTION test_fail_booking_job()`);
		}
		const live = await liveOf(email);
		expect(live).toHaveLength(1);
		expect(live[0]).toMatchObject({ id: created.id, status: 'confirmed', startAt: new Date(slots[0]!.start), icsSequence: 0 });
		expect(await ctx.prisma.booking.count({ where: { providerId, bookerEmail: email } })).toBe(1);
		// nothing was half-done: the link still works
		const moved = await rescheduleBooking(null, { token: created.rescheduleToken, start: slots[2]!.start });
		expect(moved.id).toBe(created.id);
	});

	it('the moved booking keeps its ICS UID with SEQUENCE + 1; both parties get a “déplacé” mail with old and new times in their zone', async () => {
		const slots = await slotsFrom(12);
		const email = 'ics@example.test';
		const created = await createBooking(null, { providerId, typeId, start: slots[0]!.start, ...visitor, email });
		await afterCommit(ctx);
		type Attachment = { contentType: string; content: string };
		// the newest mail of that subject about this booking (the provider also gets other bookings' mails)
		const icsOf = async (to: string, subject: string) => {
			const mails = await ctx.prisma.outboxMail.findMany({ where: { to, subject: { contains: subject } }, orderBy: { createdAt: 'desc' } });
			const mail = mails.find((m) => (m.attachments as Attachment[])[0]!.content.includes(`UID:${created.id}@`))!;
			return { mail, ics: (mail.attachments as Attachment[])[0]! };
		};
		const before = await icsOf(email, 'confirmed');
		const uid = /UID:(.+)\r\n/.exec(before.ics.content)![1];
		const sequence = Number(/SEQUENCE:(\d+)/.exec(before.ics.content)![1]);

		await rescheduleBooking(null, { token: created.rescheduleToken, start: slots[3]!.start });
		await afterCommit(ctx);

		const toBooker = await icsOf(email, 'moved');
		expect(toBooker.ics.content).toContain(`UID:${uid}\r\n`);
		expect(toBooker.ics.content).toContain(`SEQUENCE:${sequence + 1}\r\n`);
		expect(toBooker.ics.content).toContain('METHOD:REQUEST');
		expect(toBooker.ics.contentType).toContain('method=REQUEST');
		expect(toBooker.ics.content).toContain(`DTSTART:${slots[3]!.start.replace(/[-:]/g, '').replace('.000', '')}`);
		const time = (iso: string, tz: string, locale: string) => new Intl.DateTimeFormat(locale, { timeZone: tz, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
		expect(toBooker.mail.text).toContain('has been moved');
		expect(toBooker.mail.text).toContain(time(slots[0]!.start, 'America/Montreal', 'en-GB'));
		expect(toBooker.mail.text).toContain(time(slots[3]!.start, 'America/Montreal', 'en-GB'));

		const toProvider = await icsOf('move-provider@example.test', 'déplacé');
		expect(toProvider.ics.content).toContain(`UID:${uid}\r\n`);
		expect(toProvider.ics.content).toContain(`SEQUENCE:${sequence + 1}\r\n`);
		expect(toProvider.mail.text).toContain('est déplacé');
		expect(toProvider.mail.text).toContain(time(slots[0]!.start, 'Europe/Paris', 'fr-FR'));
		expect(toProvider.mail.text).toContain(time(slots[3]!.start, 'Europe/Paris', 'fr-FR'));

		// the booker's mail carries a fresh reschedule link; the spent one stays spent
		const link = /https?:\/\/\S*reschedule=(\S+)/.exec(toBooker.mail.text)!;
		const again = await rescheduleBooking(null, { token: decodeURIComponent(link[1]!), start: slots[4]!.start });
		expect(again).toMatchObject({ id: created.id, start: slots[4]!.start });
		await expect(rescheduleBooking(null, { token: created.rescheduleToken, start: slots[5]!.start })).rejects.toBeInstanceOf(DomainError);
	});
});
