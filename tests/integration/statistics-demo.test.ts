import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { seedDemo } from '../../prisma/seed/demo.ts';
import { statisticsPage } from '../../src/lib/server/statistics/index.ts';
import { entrySurveyDue, surveyResults } from '../../src/lib/server/surveys/index.ts';
import { collectPersonalData } from '../../src/lib/server/privacy/index.ts';

let ctx: TestContext;
let admin: { memberId: string };

beforeAll(async () => {
	ctx = await useTestContext();
	await seedDemo(ctx.prisma);
	admin = { memberId: (await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'admin@exemple.fr' } })).id };
}, 180_000);
afterAll(async () => ctx?.close());

describe('the demo data feeds the statistics and the surveys', () => {
	it('has something in every chart', async () => {
		const page = await statisticsPage(admin, {});
		for (const chart of page.charts) expect(chart.rows.filter((r) => r.key !== null).length, chart.dimension).toBeGreaterThan(1);
		const segment = await statisticsPage(admin, { role: 'alumni', programme: 'Bachelor Marketing digital' });
		expect(segment.total).toBeGreaterThan(5);
		expect(segment.total).toBeLessThan(page.total);
	});

	it('has rates per certification and promotion for both waves, and jobs on the map', async () => {
		for (const wave of ['month6', 'month24']) {
			const results = await surveyResults(admin, { wave });
			expect(results.cohorts.length, wave).toBeGreaterThan(3);
			expect(results.overall.globalRate).toBeGreaterThan(0.4);
			expect(results.overall.targetedRate).toBeGreaterThan(0.2);
			expect(results.jobsByDepartement.length).toBeGreaterThan(3);
			for (const c of results.cohorts) expect(c.responded).toBeLessThanOrEqual(c.invited);
		}
	});

	it('does not send the demo logins to the entry questionnaire, and exports a demo member', async () => {
		for (const email of ['claire.martin@exemple.fr', 'paul.bernard@exemple.fr', 'admin@exemple.fr']) {
			const { id } = await ctx.prisma.member.findUniqueOrThrow({ where: { email } });
			expect(await entrySurveyDue({ memberId: id }), email).toBe(false);
		}
		const claire = await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'claire.martin@exemple.fr' } });
		const data = await collectPersonalData({ memberId: claire.id }, claire.id);
		expect((data.parts.booking as { appointmentTypes: unknown[] }).appointmentTypes.length).toBeGreaterThan(0);
		expect(data.files.length).toBeGreaterThan(3);
	});
});
