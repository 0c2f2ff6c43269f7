import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { afterCommit, jobsOf } from '../helpers/jobs.ts';
import { freshDatabase } from '../helpers/db.ts';
import { until } from '../helpers/realtime.ts';
import { TestClock } from 'pg-boss';
import { createJobQueue } from '../../src/lib/server/jobs/boss.ts';
import { startJobRunner } from '../../server/jobs/runner.ts';
import { careersSchedules } from '../../server/jobs/careers.ts';
import { rejection } from '../helpers/errors.ts';
import { loadActor, type ActorRef, type Role } from '../../src/lib/server/access/index.ts';
import { SCHEDULES } from '../../server/jobs/schedules.ts';
import { alertSettings, alertWeek, CAREERS_JOBS, postOffer, saveAlertSettings, saveCareersSettings, sendWeeklyAlerts } from '../../src/lib/server/careers/index.ts';

/**
 * The weekly alert (Datalumni: Thursdays 13:00, only when there are offers): the schedule in its
 * time zone across both DST changes, the week it covers, the subscribers' filters, the shared
 * visibility rule, and one mail per member and week however often it runs.
 */
let ctx: TestContext;
let counter = 0;
beforeAll(async () => {
	ctx = await useTestContext();
});
afterAll(async () => ctx?.close());

async function member(first: string, roles: Role[] = ['member', 'alumni']) {
	const n = ++counter;
	const row = await ctx.prisma.member.create({
		data: { email: `${first.toLowerCase()}.${n}@exemple.fr`, firstName: first, lastName: `Alerte${n}`, slug: `${first.toLowerCase()}-alerte-${n}`, status: 'active', activatedAt: new Date(), roles },
		select: { id: true, email: true }
	});
	return { ...row, actor: (await loadActor(row.id)) as ActorRef };
}

describe('the Thursday 13:00 Europe/Paris schedule', () => {
	const schedule = () => SCHEDULES.find((s) => s.name === CAREERS_JOBS.mail.replace('mail', 'weekly-alert'))!;

	it('is declared with its IANA zone, and pg-boss fires it at 13:00 Paris on both sides of each DST change', async () => {
		expect(schedule()).toMatchObject({ cron: '0 13 * * 4', tz: 'Europe/Paris' });
		const boss = await ctx.queue.boss();
		const preview = (from: string) => boss.previewSchedule(schedule().cron, { tz: schedule().tz, from: new Date(from), count: 2 }).map((d) => d.toISOString());
		// autumn: summer time (UTC+2) until Sunday 25 October 2026, then UTC+1
		expect(preview('2026-10-16T00:00:00Z')).toEqual(['2026-10-22T11:00:00.000Z', '2026-10-29T12:00:00.000Z']);
		// spring: UTC+1 until Sunday 28 March 2027, then UTC+2
		expect(preview('2027-03-19T00:00:00Z')).toEqual(['2027-03-25T12:00:00.000Z', '2027-04-01T11:00:00.000Z']);
	});

	it('a run covers the week up to the latest Thursday 13:00 Paris: 169 hours across the autumn change, 167 across the spring one', () => {
		const autumn = alertWeek(new Date('2026-10-29T12:00:05Z'));
		expect([autumn.start.toISOString(), autumn.end.toISOString()]).toEqual(['2026-10-22T11:00:00.000Z', '2026-10-29T12:00:00.000Z']);
		expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(169);
		const spring = alertWeek(new Date('2027-04-01T11:00:00Z'));
		expect([spring.start.toISOString(), spring.end.toISOString()]).toEqual(['2027-03-25T12:00:00.000Z', '2027-04-01T11:00:00.000Z']);
		expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(167);
		// a minute early (or a late retry on Friday) still means the week before / the same week
		expect(alertWeek(new Date('2027-04-01T10:59:00Z')).end.toISOString()).toBe('2027-03-25T12:00:00.000Z');
		expect(alertWeek(new Date('2027-04-02T09:00:00Z')).end.toISOString()).toBe('2027-04-01T11:00:00.000Z');
	});
});

describe('pg-boss fires the declared weekly schedule on a moved clock', () => {
	it('at 13:00 Paris on the Thursday after the autumn change (12:00 UTC), not at 11:00 UTC, and once', async () => {
		const db = await freshDatabase();
		// the summer-time instant of 13:00 (11:00 UTC) passes first, then the real 13:00 (12:00 UTC)
		const clock = new TestClock(Date.parse('2026-10-29T10:59:00Z'));
		const queue = createJobQueue({ connectionString: db.url, clock, schedule: true, max: 2 });
		const fired: number[] = [];
		const declared = careersSchedules.find((s) => s.name === 'careers.weekly-alert')!;
		const runner = startJobRunner({ log: { info: () => {}, warn: () => {}, error: (l) => console.error(l) }, queue, jobs: [], pollMs: 500, schedules: [{ ...declared, run: async () => void fired.push(clock.now()) }] });
		try {
			await runner.ready();
			const advance = async (ms: number, step = 10_000) => {
				for (let moved = 0; moved < ms; moved += step) await clock.tick(step);
			};
			await advance(4 * 60_000); // 10:59 → 11:03 UTC: nothing
			await new Promise((resolve) => setTimeout(resolve, 1500));
			expect(fired).toEqual([]);
			await clock.setTime(Date.parse('2026-10-29T11:59:00Z'));
			await advance(4 * 60_000); // 11:59 → 12:03 UTC: 13:00 Paris
			await until(() => fired.length >= 1, 15_000, 100);
			await advance(3 * 60_000, 15_000);
			await new Promise((resolve) => setTimeout(resolve, 1500));
			expect(fired).toHaveLength(1);
			expect(fired[0]).toBeGreaterThanOrEqual(Date.parse('2026-10-29T12:00:00Z'));
			expect(fired[0]).toBeLessThan(Date.parse('2026-10-29T12:02:00Z'));
		} finally {
			await runner.stop();
			await queue.stop();
			await db.drop();
		}
	}, 90_000);
});

describe('the weekly mail', () => {
	// the week of Thursday 29 October 2026 (after the autumn change): 22 Oct 13:00 → 29 Oct 13:00 Paris
	const RUN = new Date('2026-10-29T12:00:10Z');
	const inWeek = new Date('2026-10-26T09:00:00Z');
	const weekBefore = new Date('2026-10-20T09:00:00Z');
	let author: Awaited<ReturnType<typeof member>>;
	let dev: Awaited<ReturnType<typeof member>>; // CDI in IT
	let intern: Awaited<ReturnType<typeof member>>; // internships only
	let all: Awaited<ReturnType<typeof member>>; // no filter
	let friend: Awaited<ReturnType<typeof member>>; // Claire's contact, no filter
	let quiet: Awaited<ReturnType<typeof member>>; // not subscribed

	const mailsTo = async (m: { email: string }) => (await ctx.sentMail(m.email)).filter((x) => /offres? d’emploi cette semaine/.test(x.subject));

	beforeAll(async () => {
		await saveCareersSettings((await member('Admin', ['member', 'admin'])).actor, { approvalRequired: 'false' });
		author = await member('Claire');
		dev = await member('Dev');
		intern = await member('Ines', ['member', 'student']);
		all = await member('Tous', ['member', 'recruiter']);
		friend = await member('Fabrice');
		quiet = await member('Quentin');
		await ctx.prisma.contact.createMany({ data: [{ ownerId: author.id, otherId: friend.id }, { ownerId: friend.id, otherId: author.id }] });
		const base = { employer: 'Relais SA', place: 'Nantes', description: 'Une belle offre.', applyEmail: 'rh@relais.test', deadline: '', startsOn: '' };
		await postOffer(author.actor, { ...base, title: 'Développeuse backend', contractType: 'cdi', sector: 'it' }, inWeek);
		await postOffer(author.actor, { ...base, title: 'Chef de projet BTP', contractType: 'cdi', sector: 'construction' }, inWeek);
		await postOffer(author.actor, { ...base, title: 'Stage comptabilité', contractType: 'internship', sector: 'finance' }, weekBefore);
		await postOffer(author.actor, { ...base, title: 'Poste pour mes contacts', contractType: 'cdd', sector: 'it', audience: 'contacts' }, inWeek);
		await postOffer(dev.actor, { ...base, title: 'Mon propre poste', contractType: 'cdi', sector: 'it' }, inWeek);
		await afterCommit(ctx); // the authors' "publiée" mails
	});
	beforeEach(async () => {
		await ctx.prisma.outboxMail.deleteMany();
	});

	it('members choose in their settings; bad choices are refused', async () => {
		expect((await rejection(saveAlertSettings(null, { weekly: 'on' }))).kind).toBe('unauthenticated');
		expect((await rejection(saveAlertSettings(dev.actor, { weekly: 'on', contractTypes: ['cdi', 'mi-temps'] }))).kind).toBe('invalid');
		await saveAlertSettings(dev.actor, { weekly: 'on', contractTypes: 'cdi', sectors: ['it'] });
		await saveAlertSettings(intern.actor, { weekly: 'on', contractTypes: ['internship'] });
		await saveAlertSettings(all.actor, { weekly: 'on' });
		await saveAlertSettings(friend.actor, { weekly: 'on' });
		await saveAlertSettings(quiet.actor, { weekly: 'on' });
		await saveAlertSettings(quiet.actor, {});
		expect(await alertSettings(dev.actor)).toEqual({ weekly: true, contractTypes: ['cdi'], sectors: ['it'] });
		expect(await alertSettings(quiet.actor)).toEqual({ weekly: false, contractTypes: [], sectors: [] });
	});

	it('Thursday 13:00: each subscriber gets the week’s offers they may read and asked for — none, no mail', async () => {
		expect(await sendWeeklyAlerts(RUN)).toEqual({ week: '2026-10-29', mailed: 3 });
		await afterCommit(ctx);
		const titles = async (m: { email: string }) => {
			const mails = await mailsTo(m);
			expect(mails.length).toBeLessThanOrEqual(1);
			return mails[0]?.text.match(/^.+ — Relais SA/gm)?.map((l) => l.split(' — ')[0]) ?? null;
		};
		// CDI in IT; never their own offer, nor last week's
		expect(await titles(dev)).toEqual(['Développeuse backend']);
		expect((await mailsTo(dev))[0]!.subject).toBe('Une nouvelle offre d’emploi cette semaine');
		// everything of the week a recruiter may read (members-only offers, not the contacts-only one)
		expect((await titles(all))?.sort()).toEqual(['Chef de projet BTP', 'Développeuse backend', 'Mon propre poste']);
		// the author's contact also gets the contacts-only offer
		expect((await titles(friend))?.sort()).toEqual(['Chef de projet BTP', 'Développeuse backend', 'Mon propre poste', 'Poste pour mes contacts']);
		expect((await mailsTo(friend))[0]!.subject).toBe('4 nouvelles offres d’emploi cette semaine');
		expect((await mailsTo(friend))[0]!.text).toContain('/emplois/alerte');
		// the internship was published the week before: nothing for Ines this week, and no empty mail
		expect(await mailsTo(intern)).toEqual([]);
		expect(await mailsTo(quiet)).toEqual([]);
	});

	it('runs again (a second process, a retry, a later run the same week): no second mail', async () => {
		expect((await sendWeeklyAlerts(RUN)).mailed).toBe(0);
		expect((await sendWeeklyAlerts(new Date('2026-10-30T08:00:00Z'))).mailed).toBe(0);
		await afterCommit(ctx);
		expect(await mailsTo(dev)).toEqual([]);
		expect(await ctx.prisma.jobAlertDelivery.count({ where: { week: new Date('2026-10-29T00:00:00Z') } })).toBe(3);
		expect((await jobsOf(ctx, CAREERS_JOBS.mail)).filter((j) => (j.data as { kind: string }).kind === 'weekly_alert')).toHaveLength(3);
	});

	it('the next Thursday, with no new offer: nobody is mailed', async () => {
		expect(await sendWeeklyAlerts(new Date('2026-11-05T12:00:30Z'))).toEqual({ week: '2026-11-05', mailed: 0 });
	});
});
