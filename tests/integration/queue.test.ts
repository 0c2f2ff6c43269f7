import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { runDueJobs } from '../helpers/jobs.ts';
import { enqueue } from '../../src/lib/server/jobs/queue.ts';
import { startJobRunner } from '../../server/jobs/runner.ts';
import { SCHEDULES } from '../../server/jobs/schedules.ts';
import type { JobDefinition } from '../../server/jobs/definition.ts';
import { createBooking } from '../../src/lib/server/booking/book.ts';
import { availableSlots } from '../../src/lib/server/booking/availability.ts';
import { saveAppointmentType, saveSchedule, agendaSettings } from '../../src/lib/server/booking/settings.ts';
import { BOOKING_JOBS } from '../../src/lib/server/booking/job-kinds.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
let ctx: TestContext;
const quiet = { info: () => {}, warn: () => {}, error: (l: string) => console.error(l) };

beforeAll(async () => {
	ctx = await useTestContext();
});
afterAll(async () => {
	await ctx?.close();
});

/** a job kind that records what it was given, and fails while `failures` is above zero */
function recorder(kind: string, failures = 0) {
	const seen: unknown[] = [];
	let left = failures;
	const job: JobDefinition = {
		kind,
		async run(payload) {
			seen.push(payload);
			if (left-- > 0) throw new Error('boom');
		}
	};
	return { job, seen };
}
const jobsOf = async (kind: string) => (await ctx.queue.boss()).findJobs(kind);

describe('enqueue on pg-boss', () => {
	it('keeps at most one unfinished job per uniqueKey; the key is free again once the job is done', async () => {
		const { job, seen } = recorder('test.unique');
		const first = await enqueue('test.unique', { n: 1 }, { uniqueKey: 'k1' });
		expect(first).not.toBeNull();
		expect(await enqueue('test.unique', { n: 2 }, { uniqueKey: 'k1' })).toBeNull();
		// jobs without a key are never deduplicated
		expect(await enqueue('test.unique', { n: 3 })).not.toBeNull();
		expect(await enqueue('test.unique', { n: 4 })).not.toBeNull();
		expect(await runDueJobs(ctx, new Date(), { jobs: [job] })).toBe(3);
		expect(seen).toEqual(expect.arrayContaining([{ n: 1 }, { n: 3 }, { n: 4 }]));
		expect(await enqueue('test.unique', { n: 5 }, { uniqueKey: 'k1' })).not.toBeNull();
	});

	it('runs a job not before runAt (the queue’s clock, no sleeping)', async () => {
		const { job, seen } = recorder('test.later');
		const now = Date.now();
		await enqueue('test.later', { at: 'two hours' }, { runAt: new Date(now + 120 * MINUTE) });
		expect(await runDueJobs(ctx, new Date(now + 119 * MINUTE), { jobs: [job] })).toBe(0);
		expect(seen).toEqual([]);
		expect(await runDueJobs(ctx, new Date(now + 121 * MINUTE), { jobs: [job] })).toBe(1);
		expect(seen).toEqual([{ at: 'two hours' }]);
	});

	it('retries a failed job with back-off, holding its key meanwhile, and gives up after maxAttempts', async () => {
		const { job, seen } = recorder('test.flaky', 5);
		const now = Date.now();
		const id = await enqueue('test.flaky', {}, { uniqueKey: 'flaky', maxAttempts: 2, runAt: new Date(now) });
		expect(await runDueJobs(ctx, new Date(now), { jobs: [job] })).toBe(1);
		const [retrying] = await jobsOf('test.flaky');
		expect(retrying).toMatchObject({ id, state: 'retry' });
		// 30 s, doubling (with jitter): not due again at once…
		expect(retrying!.startAfter.getTime()).toBeGreaterThanOrEqual(now + 29_000);
		expect(await runDueJobs(ctx, new Date(now + 1000), { jobs: [job] })).toBe(0);
		expect(await enqueue('test.flaky', {}, { uniqueKey: 'flaky' })).toBeNull();
		// …but once its time has come; the second failure is the last attempt
		expect(await runDueJobs(ctx, new Date(now + 5 * MINUTE), { jobs: [job] })).toBe(1);
		expect(seen).toHaveLength(2);
		expect((await jobsOf('test.flaky'))[0]).toMatchObject({ id, state: 'failed' });
		expect(await enqueue('test.flaky', {}, { uniqueKey: 'flaky' })).not.toBeNull();
	});

	it('sends a booking’s reminder the day before, once', async () => {
		const provider = { memberId: (await ctx.prisma.member.create({ data: { email: 'rita@example.test', firstName: 'Rita', lastName: 'Rappel', slug: 'rita-rappel', status: 'active', category: 'freelance' } })).id };
		await agendaSettings(provider);
		await saveSchedule(provider, { timezone: 'Europe/Paris', enabled: true, workingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 17 * 60 })) });
		const typeId = (await saveAppointmentType(provider, { name: 'Consultation', durationMinutes: 60, minimumNoticeMinutes: 60, horizonDays: 60, bufferAfterMinutes: 0 })).id;
		const from = new Date(Date.now() + 3 * DAY).toISOString();
		const slot = (await availableSlots(null, provider.memberId, { from, to: new Date(Date.now() + 10 * DAY).toISOString(), type: typeId, tz: 'Europe/Paris' })).slots[0]!;
		await createBooking(null, { providerId: provider.memberId, typeId, start: slot.start, name: 'Vera Visiteur', email: 'vera@example.test', address: '1 rue de la Paix', city: 'Paris', phone: '+33 1 23 45 67 89', timezone: 'Europe/Paris', locale: 'fr' });
		// the reminder follows from the booking's outbox event
		await ctx.deliverEvents();
		const start = new Date(slot.start).getTime();
		const reminders = async () => (await ctx.sentMail('vera@example.test')).filter((m) => m.subject.startsWith('Rappel'));
		await runDueJobs(ctx, new Date(start - DAY - MINUTE));
		expect(await reminders()).toHaveLength(0);
		expect((await jobsOf(BOOKING_JOBS.reminder)).filter((j) => j.state === 'created')).toHaveLength(1);
		await runDueJobs(ctx, new Date(start - DAY + MINUTE));
		await runDueJobs(ctx, new Date(start - DAY + 2 * MINUTE));
		expect(await reminders()).toHaveLength(1);
	});
});

describe('schedules (server/jobs/schedules.ts)', () => {
	it('are registered with pg-boss by the runner, in their IANA time zone', async () => {
		const runner = startJobRunner({ log: quiet, queue: ctx.queue, jobs: [] });
		await runner.runOnce();
		const boss = await ctx.queue.boss();
		const schedules = await boss.getSchedules();
		expect(schedules.map((s) => ({ name: s.name, cron: s.cron, timezone: s.timezone }))).toEqual(
			expect.arrayContaining([{ name: 'maintenance.purge-expired-sessions', cron: '30 3 * * *', timezone: 'Europe/Paris' }])
		);
		expect(schedules).toHaveLength(SCHEDULES.length);
		await runner.stop();
	});

	it('the nightly purge deletes expired sessions only', async () => {
		const member = await ctx.prisma.member.create({ data: { email: 'sam@example.test', firstName: 'Sam', lastName: 'Session', slug: 'sam-session', status: 'active' } });
		await ctx.prisma.session.createMany({
			data: [
				{ idHash: 'expired', memberId: member.id, expiresAt: new Date(Date.now() - MINUTE) },
				{ idHash: 'live', memberId: member.id, expiresAt: new Date(Date.now() + DAY) }
			]
		});
		await SCHEDULES.find((s) => s.name === 'maintenance.purge-expired-sessions')!.run({ id: 'x', retryCount: 0 });
		expect((await ctx.prisma.session.findMany({ where: { memberId: member.id } })).map((s) => s.idHash)).toEqual(['live']);
	});
});
