import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { rejection } from '../helpers/errors.ts';
import { questionnaireCsv, statisticsPage, toCsv, type StatisticsPage } from '../../src/lib/server/statistics/index.ts';

let ctx: TestContext;
let admin: { memberId: string; roles: ('member' | 'admin')[] };
let plain: { memberId: string };

type Role = 'member' | 'student' | 'alumni' | 'teacher' | 'admin';
let n = 0;
async function person(data: { roles: Role[]; promotion?: number; programme?: string; campus?: string; postcode?: string; category?: 'visitor' | 'job_seeker' | 'freelance'; status?: 'active' | 'pending' | 'deactivated'; lastName?: string }) {
	n++;
	return ctx.prisma.member.create({
		data: {
			email: `stat.${n}@exemple.fr`,
			firstName: 'Stat',
			lastName: data.lastName ?? `Membre${n}`,
			slug: `stat-${n}`,
			roles: data.roles,
			promotion: data.promotion,
			programme: data.programme,
			campus: data.campus,
			postcode: data.postcode,
			category: data.category ?? 'job_seeker',
			status: data.status ?? 'active'
		},
		select: { id: true }
	});
}

beforeAll(async () => {
	ctx = await useTestContext();
	const a = await person({ roles: ['member', 'admin'], category: 'visitor' });
	admin = { memberId: a.id, roles: ['member', 'admin'] };
	plain = await person({ roles: ['member'] }).then((m) => ({ memberId: m.id }));
	// 3 students in éco-gestion 2006 (Lyon ×2, Ajaccio), 2 alumni éco-gestion 2006 (Paris), 1 alumni droit 2010 (no postcode), 1 deactivated student
	const s1 = await person({ roles: ['member', 'student'], promotion: 2006, programme: 'Éco-gestion', campus: 'Lyon', postcode: '69003' });
	await person({ roles: ['member', 'student'], promotion: 2006, programme: 'Éco-gestion', campus: 'Lyon', postcode: '69100' });
	await person({ roles: ['member', 'student'], promotion: 2006, programme: 'Éco-gestion', campus: 'Lyon', postcode: '20000' });
	const a1 = await person({ roles: ['member', 'alumni'], promotion: 2006, programme: 'Éco-gestion', campus: 'Paris', postcode: '75011', lastName: 'Bérénice; "la grande"' });
	await person({ roles: ['member', 'alumni'], promotion: 2006, programme: 'Éco-gestion', campus: 'Paris', postcode: '75015', status: 'pending' });
	await person({ roles: ['member', 'alumni', 'teacher'], promotion: 2010, programme: 'Droit', campus: 'Paris', category: 'freelance' });
	await person({ roles: ['member', 'student'], promotion: 2006, programme: 'Éco-gestion', campus: 'Lyon', postcode: '69003', status: 'deactivated' });
	const company = await ctx.prisma.company.create({ data: { slug: 'banque-stat', legalName: 'Banque Stat', title: 'Banque Stat', sector: 'Finance' } });
	await ctx.prisma.companyMembership.create({ data: { companyId: company.id, memberId: a1.id, status: 'active' } });
	await ctx.prisma.companyMembership.create({ data: { companyId: company.id, memberId: s1.id, status: 'requested' } });
	await ctx.prisma.surveyResponse.createMany({
		data: [
			{ memberId: a1.id, wave: 'entry', situation: 'job_seeking', answeredAt: new Date('2025-01-01') },
			// the latest answer counts
			{ memberId: a1.id, wave: 'month6', situation: 'employed', sector: 'finance', payBand: '30_35', inTargetedJob: true, comment: '=SOMME(A1)', answeredAt: new Date('2025-07-01') },
			{ memberId: s1.id, wave: 'entry', situation: 'studying', satisfaction: 4, answeredAt: new Date('2025-02-01') }
		]
	});
});
afterAll(async () => ctx?.close());

const chart = (page: StatisticsPage, dimension: string) => Object.fromEntries(page.charts.find((c) => c.dimension === dimension)!.rows.map((r) => [r.key ?? 'null', r.count]));

describe('the statistics tab', () => {
	it('counts every dimension with GROUP BY, deactivated accounts left out', async () => {
		const page = await statisticsPage(admin, {});
		expect(page.total).toBe(8);
		expect(chart(page, 'role')).toEqual({ student: 3, alumni: 3, teacher: 1, admin: 1 });
		expect(chart(page, 'promotion')).toEqual({ '2006': 5, '2010': 1, null: 2 });
		expect(chart(page, 'programme')).toEqual({ 'Éco-gestion': 5, Droit: 1, null: 2 });
		expect(chart(page, 'campus')).toEqual({ Lyon: 3, Paris: 3, null: 2 });
		expect(chart(page, 'category')).toEqual({ job_seeker: 6, visitor: 1, freelance: 1 });
		expect(chart(page, 'region')).toEqual({ 'Auvergne-Rhône-Alpes': 2, Corse: 1, 'Île-de-France': 2, null: 3 });
		expect(chart(page, 'sector')).toEqual({ Finance: 1 });
		expect(chart(page, 'situation')).toEqual({ employed: 1, studying: 1 });
		expect(page.options).toEqual({ promotions: [2010, 2006], programmes: ['Droit', 'Éco-gestion'], campuses: ['Lyon', 'Paris'] });
	});

	it('narrows every chart to a segment ("les étudiants en éco-gestion de la promo 2006")', async () => {
		const page = await statisticsPage(admin, { role: 'student', programme: 'Éco-gestion', promotion: '2006', campus: '', category: '' });
		expect(page.segment).toEqual({ role: 'student', programme: 'Éco-gestion', promotion: 2006 });
		expect(page.total).toBe(3);
		expect(chart(page, 'campus')).toEqual({ Lyon: 3 });
		expect(chart(page, 'situation')).toEqual({ studying: 1 });
		expect((await statisticsPage(admin, { role: 'alumni', campus: 'Paris' })).total).toBe(3);
	});

	it('is for administrators only, and refuses a bad filter with a localized message', async () => {
		expect((await rejection(statisticsPage(plain, {}))).kind).toBe('forbidden');
		expect((await rejection(statisticsPage(null, {}))).kind).toBe('unauthenticated');
		const bad = await rejection(statisticsPage(admin, { role: 'astronaut' }));
		expect(bad.fields).toEqual({ role: 'stats.error.bad_filter' });
	});
});

/** A minimal RFC 4180 reader with `;` (quotes, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
			else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ';') row.push(field), (field = '');
		else if (c === '\r' && text[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			(row = []), (field = ''), i++;
		} else field += c;
	}
	return rows;
}

describe('Exporter les questionnaires', () => {
	it('writes one row per answer for Excel: BOM, `;`, accents, quotes, formulas neutralised, the segment applied', async () => {
		const { body, filename } = await questionnaireCsv(admin, {}, 'fr');
		expect(filename).toMatch(/^questionnaires-\d{4}-\d{2}-\d{2}\.csv$/);
		expect(body.startsWith('\uFEFF')).toBe(true);
		const [header, ...rows] = parseCsv(body.slice(1));
		expect(header!.slice(0, 9)).toEqual(['Référence externe', 'Nom', 'Prénom', 'E-mail', 'Promotion', 'Cursus', 'Campus', 'Rôles', 'Questionnaire']);
		expect(rows).toHaveLength(3);
		const berenice = rows.filter((r) => r[1] === 'Bérénice; "la grande"');
		expect(berenice.map((r) => r[8])).toEqual(['Questionnaire d’entrée', 'Enquête à 6 mois']);
		const col = (name: string) => header!.indexOf(name);
		expect(berenice[1]![col('Situation')]).toBe('En emploi salarié');
		expect(berenice[1]![col('Rémunération brute annuelle')]).toBe('30 000 à 35 000 €');
		expect(berenice[1]![col('Dans le métier visé')]).toBe('Oui');
		expect(berenice[1]![col('Commentaire')]).toBe("'=SOMME(A1)");
		expect(berenice[1]![col('Rôles')]).toBe('Alumni');
		const students = parseCsv((await questionnaireCsv(admin, { role: 'student' }, 'en')).body.slice(1));
		expect(students[0]![1]).toBe('Last name');
		expect(students.slice(1).map((r) => r[14])).toEqual(['Continuing studies']);
		expect((await rejection(questionnaireCsv(plain, {}, 'fr'))).kind).toBe('forbidden');
	});

	it('quotes what needs quoting', () => {
		expect(toCsv(['a', 'b'], [['x;y', 'l\'été "chaud"'], [null, 3]])).toBe('\uFEFFa;b\r\n"x;y";"l\'été ""chaud"""\r\n;3\r\n');
	});
});
