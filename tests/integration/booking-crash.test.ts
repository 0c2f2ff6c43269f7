import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { jobsOf, runDueJobs } from '../helpers/jobs.ts';
import { availableSlots } from '../../src/lib/server/booking/availability.ts';
import { saveAppointmentType, saveSchedule } from '../../src/lib/server/booking/settings.ts';
import { BOOKING_JOBS } from '../../src/lib/server/booking/job-kinds.ts';

/**
 * Issue 11, "side effects after commit, never lost": a server killed right after a booking
 * commits, before any dispatch. Its outbox event is delivered after the restart (here: this
 * process's dispatcher, as a restarted server's would), and each effect happens once.
 */
const DAY = 86_400_000;

describe('a process killed right after a booking commits', () => {
	let ctx: TestContext;
	beforeAll(async () => {
		ctx = await useTestContext();
	});
	afterAll(async () => ctx?.close());

	it('leaves a booking whose confirmation mails and reminder job exist once the events are delivered, exactly once', async () => {
		const provider = await ctx.prisma.member.create({ data: { email: 'crash-provider@example.test', firstName: 'Paul', lastName: 'Prestataire', slug: 'crash-provider', status: 'active', category: 'freelance' } });
		await saveSchedule({ memberId: provider.id }, { timezone: 'Europe/Paris', enabled: true, workingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 17 * 60 })) });
		const typeId = (await saveAppointmentType({ memberId: provider.id }, { name: 'Consultation', durationMinutes: 60, minimumNoticeMinutes: 60, horizonDays: 60 })).id;
		const slot = (await availableSlots(null, provider.id, { from: new Date(Date.now() + 3 * DAY).toISOString(), to: new Date(Date.now() + 6 * DAY).toISOString(), type: typeId, tz: 'Europe/Paris' })).slots[0]!;
		const booker = 'vera.crash@example.test';
		const input = { providerId: provider.id, typeId, start: slot.start, name: 'Vera Visiteur', email: booker, address: '1 rue de la Paix', city: 'Paris', timezone: 'Europe/Paris', locale: 'fr' };
		await jobsOf(ctx, BOOKING_JOBS.reminder); // the queue's schema exists before the child uses it

		const root = path.resolve(import.meta.dirname, '../..');
		const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/booking-crash-child.ts'], {
			cwd: root,
			env: { ...process.env, CHILD_DATABASE_URL: ctx.url, CHILD_BOOKING: JSON.stringify(input) },
			stdio: 'inherit'
		});
		const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
		expect(signal).toBe('SIGKILL');

		// committed, and nothing followed yet
		const booking = await ctx.prisma.booking.findFirstOrThrow({ where: { bookerEmail: booker } });
		expect(booking).toMatchObject({ providerId: provider.id, status: 'confirmed', startAt: new Date(slot.start) });
		expect(await ctx.sentMail(booker)).toEqual([]);
		expect(await ctx.sentMail(provider.email)).toEqual([]);
		expect(await jobsOf(ctx, BOOKING_JOBS.reminder)).toEqual([]);

		// the restarted server: its dispatcher delivers what was left, its workers run the jobs — then again, as a second node would
		for (let round = 0; round < 2; round++) {
			await ctx.deliverEvents();
			await ctx.deliverEvents();
			await runDueJobs(ctx);
		}
		const confirmations = async (to: string) => (await ctx.sentMail(to)).filter((m) => m.subject.includes('Consultation'));
		expect(await confirmations(booker)).toHaveLength(1);
		expect(await confirmations(provider.email)).toHaveLength(1);
		const [toBooker] = await confirmations(booker);
		// the booker's links work: they were made with the booking, not after
		expect(toBooker!.text).toMatch(/rendez-vous\/gerer\?token=/);
		const reminders = await jobsOf(ctx, BOOKING_JOBS.reminder);
		expect(reminders).toHaveLength(1);
		expect(reminders[0]).toMatchObject({ state: 'created', data: { bookingId: booking.id } });
		expect(await ctx.prisma.domainEvent.count({ where: { dispatchedAt: null } })).toBe(0);
	}, 60_000);
});
