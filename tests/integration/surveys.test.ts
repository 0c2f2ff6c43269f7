import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { rejection } from '../helpers/errors.ts';
import { runDueJobs } from '../helpers/jobs.ts';
import {
	answerByToken,
	answerEntrySurvey,
	certifyCohort,
	entrySurveyDue,
	insertionRates,
	remindNonRespondents,
	runSurveyWaves,
	surveyStatusOf,
	surveyByToken,
	surveyResults,
	surveyResultsCsv,
	type SituationCount
} from '../../src/lib/server/surveys/index.ts';

let ctx: TestContext;
let admin: { memberId: string };
let plain: { memberId: string };
let n = 0;

async function member(data: { programme?: string; promotion?: number; roles?: ('member' | 'alumni' | 'admin' | 'student')[]; status?: 'active' | 'pending' | 'deactivated'; firstName?: string }) {
	n++;
	return ctx.prisma.member.create({
		data: {
			email: `diplome.${n}@exemple.fr`,
			firstName: data.firstName ?? `Diplômé${n}`,
			lastName: `Promo${n}`,
			slug: `diplome-${n}`,
			roles: data.roles ?? ['member', 'alumni'],
			programme: data.programme,
			promotion: data.promotion,
			status: data.status ?? 'active'
		},
		select: { id: true, email: true }
	});
}

beforeAll(async () => {
	ctx = await useTestContext();
	admin = { memberId: (await member({ roles: ['member', 'admin'] })).id };
	plain = { memberId: (await member({ roles: ['member'] })).id };
});
afterAll(async () => ctx?.close());

describe('France Compétences insertion rates', () => {
	it('excludes studies, work-study and inability to work from the base, on a fixture with known results', () => {
		const fixture: SituationCount[] = [
			{ situation: 'employed', inTargetedJob: true, count: 7 },
			{ situation: 'employed', inTargetedJob: false, count: 3 },
			{ situation: 'self_employed', inTargetedJob: true, count: 1 },
			{ situation: 'self_employed', inTargetedJob: false, count: 1 },
			{ situation: 'job_seeking', inTargetedJob: null, count: 3 },
			{ situation: 'studying', inTargetedJob: null, count: 2 },
			{ situation: 'work_study', inTargetedJob: null, count: 1 },
			{ situation: 'unable_to_work', inTargetedJob: null, count: 1 },
			{ situation: 'inactive', inTargetedJob: null, count: 1 }
		];
		// R = 20, E = 2 + 1 + 1 = 4, D = 16; employed 12 → 75 %; in the targeted job 8 → 50 %
		expect(insertionRates(fixture)).toEqual({ respondents: 20, excluded: 4, base: 16, employed: 12, inTargetedJob: 8, globalRate: 0.75, targetedRate: 0.5 });
	});

	it('has no rate when nobody is left in the base', () => {
		expect(insertionRates([{ situation: 'studying', inTargetedJob: null, count: 3 }])).toMatchObject({ respondents: 3, base: 0, globalRate: null, targetedRate: null });
		expect(insertionRates([])).toMatchObject({ respondents: 0, globalRate: null });
	});
});

describe('survey waves at 6 and 24 months', () => {
	it('mails every graduate of a certified promotion (pre-registered too) with a personal link, reminds non-respondents twice, then the 24-month wave', { timeout: 120_000 }, async () => {
		const active = await member({ programme: 'Bachelor Marketing digital', promotion: 2025, firstName: 'Inès' });
		const pending = await member({ programme: 'Bachelor Marketing digital', promotion: 2025, status: 'pending', firstName: 'Hugo' });
		await member({ programme: 'Bachelor Marketing digital', promotion: 2025, status: 'deactivated' });
		await member({ programme: 'Bachelor Marketing digital', promotion: 2024 });

		expect((await rejection(certifyCohort(plain, { programme: 'Bachelor Marketing digital', promotion: '2025', certifiedAt: '2025-07-04' }))).kind).toBe('forbidden');
		expect((await rejection(certifyCohort(admin, { programme: 'Bachelor Marketing digital', promotion: '2025', certifiedAt: '04/07/2025', rncpCode: 'X12' }))).fields).toEqual({
			certifiedAt: 'survey.error.date',
			rncpCode: 'survey.error.rncp'
		});
		expect(await certifyCohort(admin, { programme: 'Bachelor Marketing digital', promotion: '2025', certifiedAt: '2025-07-04', rncpCode: 'rncp35185' })).toEqual({ graduates: 2 });
		// again: the date is corrected, nobody twice
		expect(await certifyCohort(admin, { programme: 'Bachelor Marketing digital', promotion: '2025', certifiedAt: '2025-07-03', rncpCode: '' })).toEqual({ graduates: 2 });
		expect(await ctx.prisma.graduation.findMany({ select: { rncpCode: true, certifiedAt: true } })).toEqual([
			{ rncpCode: 'RNCP35185', certifiedAt: new Date('2025-07-03') },
			{ rncpCode: 'RNCP35185', certifiedAt: new Date('2025-07-03') }
		]);

		expect(await runSurveyWaves(new Date('2026-01-02T08:00:00Z'))).toEqual({ invited: 0, reminded: 0 });
		const sixMonths = new Date('2026-01-03T08:00:00Z');
		expect(await runSurveyWaves(sixMonths)).toEqual({ invited: 2, reminded: 0 });
		expect(await runSurveyWaves(sixMonths)).toEqual({ invited: 0, reminded: 0 });
		await runDueJobs(ctx);
		const [mailA] = await ctx.sentMail(active.email);
		const [mailP] = await ctx.sentMail(pending.email);
		expect(mailA!.subject).toBe('Votre parcours depuis votre diplôme : 3 minutes pour l’enquête');
		expect(mailA!.text).toContain('Six mois après votre certification « Bachelor Marketing digital »');
		expect(mailP).toBeDefined();
		const link = await ctx.lastLink(pending.email);
		expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3999\/enquete\/[0-9a-f-]{36}\.[\w-]+$/);
		const token = link.split('/enquete/')[1]!;

		// the pre-registered graduate answers without an account
		expect(await surveyByToken(token)).toMatchObject({ wave: 'month6', firstName: 'Hugo', certification: 'Bachelor Marketing digital', answered: false });
		const missing = await rejection(answerByToken(token, { situation: 'employed', socioCategory: 'cadre' }));
		expect(missing.fields).toEqual({ contractType: 'survey.error.required_if_employed', sector: 'survey.error.required_if_employed', payBand: 'survey.error.required_if_employed', inTargetedJob: 'survey.error.required_if_employed' });
		await answerByToken(token, { situation: 'employed', socioCategory: 'cadre', contractType: 'cdi', sector: 'information', payBand: '35_40', inTargetedJob: 'yes', departement: '69' }, new Date('2026-01-05T10:00:00Z'));
		// a correction replaces the answer
		await answerByToken(token, { situation: 'employed', socioCategory: 'cadre', contractType: 'cdi', sector: 'information', payBand: '35_40', inTargetedJob: 'yes', departement: '75' }, new Date('2026-01-05T11:00:00Z'));
		expect(await ctx.prisma.surveyResponse.findMany({ where: { memberId: pending.id }, select: { wave: true, departement: true, certification: true, promotion: true } })).toEqual([
			{ wave: 'month6', departement: '75', certification: 'Bachelor Marketing digital', promotion: 2025 }
		]);
		expect((await rejection(surveyByToken(token.slice(0, -2) + 'xx'))).key).toBe('survey.error.bad_link');

		// reminders: a week after, then a week after that, then no more — never to the respondent
		expect(await runSurveyWaves(new Date('2026-01-09T08:00:00Z'))).toEqual({ invited: 0, reminded: 0 });
		expect(await runSurveyWaves(new Date('2026-01-10T08:00:00Z'))).toEqual({ invited: 0, reminded: 1 });
		expect(await runSurveyWaves(new Date('2026-01-17T08:00:00Z'))).toEqual({ invited: 0, reminded: 1 });
		expect(await runSurveyWaves(new Date('2026-02-17T08:00:00Z'))).toEqual({ invited: 0, reminded: 0 });
		await runDueJobs(ctx);
		expect((await ctx.sentMail(active.email)).map((m) => m.subject)).toEqual([
			'Votre parcours depuis votre diplôme : 3 minutes pour l’enquête',
			'Rappel : l’enquête sur votre parcours depuis votre diplôme',
			'Rappel : l’enquête sur votre parcours depuis votre diplôme'
		]);
		expect(await ctx.sentMail(pending.email)).toHaveLength(1);

		// 24 months after certification: the second wave
		expect(await runSurveyWaves(new Date('2027-07-03T08:00:00Z'))).toEqual({ invited: 2, reminded: 0 });
		await runDueJobs(ctx);
		expect((await ctx.sentMail(active.email)).at(-1)!.text).toContain('Deux ans après votre certification');

		// a reminder by hand to the 24-month wave's non-respondents, once a day at most; the tracking per member
		expect((await rejection(remindNonRespondents(plain, { wave: 'month24' }))).kind).toBe('forbidden');
		expect(await remindNonRespondents(admin, { wave: 'month24', certification: 'Bachelor Marketing digital', promotion: '2025' }, new Date('2027-07-05T08:00:00Z'))).toEqual({ reminded: 2 });
		expect(await remindNonRespondents(admin, { wave: 'month24' }, new Date('2027-07-05T09:00:00Z'))).toEqual({ reminded: 0 });
		await runDueJobs(ctx);
		expect((await ctx.sentMail(pending.email)).map((m) => m.subject).at(-1)).toBe('Rappel : l’enquête sur votre parcours depuis votre diplôme');
		const status = await surveyStatusOf([active.id, pending.id]);
		expect(status.get(pending.id)).toEqual(expect.arrayContaining([{ wave: 'month6', state: 'answered' }, { wave: 'month24', state: 'waiting' }]));
		expect(status.get(active.id)).toEqual(expect.arrayContaining([{ wave: 'month6', state: 'waiting' }]));

		const results = await surveyResults(admin, { wave: 'month6' });
		expect(results.cohorts).toEqual([
			expect.objectContaining({ certification: 'Bachelor Marketing digital', promotion: 2025, invited: 2, responded: 1, respondents: 1, base: 1, employed: 1, inTargetedJob: 1, globalRate: 1, targetedRate: 1 })
		]);
		expect(results.jobsByDepartement).toEqual([{ code: '75', name: 'Paris', count: 1 }]);
	});
});

describe('the entry questionnaire', () => {
	it('is due at an alumnus’ first login until answered, and only for alumni', async () => {
		const alumnus = await member({ programme: 'Master Finance', promotion: 2023 });
		const student = await member({ roles: ['member', 'student'] });
		expect(await entrySurveyDue({ memberId: alumnus.id })).toBe(true);
		expect(await entrySurveyDue({ memberId: student.id })).toBe(false);
		expect((await rejection(answerEntrySurvey({ memberId: alumnus.id }, { situation: 'studying', satisfaction: '9' }))).fields).toEqual({ satisfaction: 'survey.error.satisfaction' });
		await answerEntrySurvey({ memberId: alumnus.id }, { satisfaction: '4', comment: 'Très bons enseignants', situation: 'studying', sector: 'finance' }, new Date('2026-11-01T10:00:00Z'));
		expect(await entrySurveyDue({ memberId: alumnus.id })).toBe(false);
		// the job fields are dropped for someone not in employment
		expect(await ctx.prisma.surveyResponse.findFirst({ where: { memberId: alumnus.id }, select: { wave: true, satisfaction: true, comment: true, sector: true, certification: true, promotion: true } })).toEqual({
			wave: 'entry',
			satisfaction: 4,
			comment: 'Très bons enseignants',
			sector: null,
			certification: 'Master Finance',
			promotion: 2023
		});
		expect((await rejection(answerEntrySurvey({ memberId: alumnus.id }, { situation: 'studying', satisfaction: '4' }))).key).toBe('survey.error.not_due');
	});
});

describe('results and export', () => {
	it('computes the rates per certification and promotion from the database and exports them for Excel', async () => {
		const rows: { situation: 'employed' | 'studying' | 'job_seeking' | 'work_study'; inTargetedJob: boolean | null; count: number; promotion: number }[] = [
			{ situation: 'employed', inTargetedJob: true, count: 3, promotion: 2022 },
			{ situation: 'employed', inTargetedJob: false, count: 1, promotion: 2022 },
			{ situation: 'job_seeking', inTargetedJob: null, count: 1, promotion: 2022 },
			{ situation: 'studying', inTargetedJob: null, count: 2, promotion: 2022 },
			{ situation: 'work_study', inTargetedJob: null, count: 1, promotion: 2021 },
			{ situation: 'employed', inTargetedJob: false, count: 1, promotion: 2021 }
		];
		for (const row of rows) {
			await ctx.prisma.surveyResponse.createMany({
				data: Array.from({ length: row.count }, () => ({ wave: 'month24' as const, certification: 'BTS Comptabilité', promotion: row.promotion, situation: row.situation, inTargetedJob: row.inTargetedJob }))
			});
		}
		const results = await surveyResults(admin, { wave: 'month24' });
		const cohort = (promotion: number) => results.cohorts.find((c) => c.certification === 'BTS Comptabilité' && c.promotion === promotion);
		// 2022: R 7, E 2, D 5, employed 4 (80 %), targeted 3 (60 %) · 2021: R 2, E 1, D 1, employed 1 (100 %), targeted 0
		expect(cohort(2022)).toMatchObject({ respondents: 7, excluded: 2, base: 5, employed: 4, inTargetedJob: 3, globalRate: 0.8, targetedRate: 0.6 });
		expect(cohort(2021)).toMatchObject({ respondents: 2, excluded: 1, base: 1, employed: 1, inTargetedJob: 0, globalRate: 1, targetedRate: 0 });
		const { body } = await surveyResultsCsv(admin, { wave: 'month24' }, 'fr');
		expect(body.startsWith('\uFEFFCertification;Promotion;Interrogés;Ont répondu;Répondants;')).toBe(true);
		expect(body).toContain('\r\nBTS Comptabilité;2022;0;0;7;2;5;4;3;80,0;60,0\r\n');
		expect((await rejection(surveyResults(plain, {}))).kind).toBe('forbidden');
		expect((await rejection(surveyResults(admin, { wave: 'month12' }))).fields).toEqual({ wave: 'survey.error.wave' });
	});
});
