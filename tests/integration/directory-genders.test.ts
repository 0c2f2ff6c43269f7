import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { refreshMemberSearch, searchMembers } from '../../src/lib/server/directory/index.ts';
import { textQuery } from '../../src/lib/server/directory/words.ts';

// [masculine, feminine] as members write them in a headline
const PAIRS: [string, string][] = [
	['Développeur', 'Développeuse'],
	['Directeur', 'Directrice'],
	['Traducteur', 'Traductrice'],
	['Rédacteur', 'Rédactrice'],
	['Formateur', 'Formatrice'],
	['Animateur', 'Animatrice'],
	['Vendeur', 'Vendeuse'],
	['Coiffeur', 'Coiffeuse'],
	['Chercheur', 'Chercheuse'],
	['Ingénieur', 'Ingénieure'],
	['Professeur', 'Professeure'],
	['Électricien', 'Électricienne'],
	['Pharmacien', 'Pharmacienne'],
	['Technicien', 'Technicienne'],
	['Infirmier', 'Infirmière'],
	['Plombier', 'Plombière'],
	['Menuisier', 'Menuisière'],
	['Boulanger', 'Boulangère'],
	['Conseiller', 'Conseillère'],
	['Sportif', 'Sportive'],
	['Avocat', 'Avocate'],
	['Consultant', 'Consultante'],
	['Président', 'Présidente'],
	['Expert-comptable', 'Experte-comptable'],
	['Employé', 'Employée'],
	['Salarié', 'Salariée'],
	['Professionnel', 'Professionnelle'],
	['Patron', 'Patronne'],
	['Écrivain', 'Écrivaine'],
	['Chef', 'Cheffe'],
	['Docteur', 'Doctoresse'],
	['Auteur', 'Autrice'],
	['Maître', 'Maîtresse'],
	['Ambassadeur', 'Ambassadrice'],
	['Chanteur', 'Chanteuse'],
	['Architecte', 'Architecte'],
	['Comptable', 'Comptable']
];

let ctx: TestContext;
beforeAll(async () => {
	ctx = await useTestContext();
});
afterAll(async () => ctx?.close());

/** Whether what `typed` becomes (the search's own tsquery) matches a document holding `written`. */
async function finds(typed: string, written: string): Promise<boolean> {
	const query = await textQuery(ctx.prisma, typed);
	if (!query) return false;
	const [{ hit }] = await ctx.prisma.$queryRaw<{ hit: boolean }[]>`SELECT to_tsvector('relais_fr', ${written}) @@ ${query.words[0]}::tsquery AS hit`;
	return hit;
}

describe('masculine and feminine job titles find each other', () => {
	it(`both ways, on ${PAIRS.length} pairs (and in the plural)`, async () => {
		expect(PAIRS.length).toBeGreaterThanOrEqual(30);
		const missed: string[] = [];
		for (const [m, f] of PAIRS) {
			if (!(await finds(m, `${f} web à Lyon`))) missed.push(`${m} → ${f}`);
			if (!(await finds(f, `${m} indépendant`))) missed.push(`${f} → ${m}`);
			if (!(await finds(`${m}s`, `${f}`))) missed.push(`${m}s → ${f}`);
		}
		expect(missed).toEqual([]);
	});

	it('does not widen unrelated words', async () => {
		expect(await finds('développeur', 'Plombière chauffagiste')).toBe(false);
		expect(await finds('directrice', 'Rédacteur')).toBe(false);
		expect(await finds('avocate', 'Avocette des marais')).toBe(false);
	});

	it('"développeur" + Lyon finds the two développeuses web of Lyon, and "développeuse" the développeur', async () => {
		const make = async (firstName: string, headline: string, city: string, postcode: string, latitude: number, longitude: number) => {
			const created = await ctx.prisma.member.create({
				data: {
					email: `${firstName.toLowerCase()}@exemple.fr`,
					firstName,
					lastName: 'Test',
					slug: `${firstName.toLowerCase()}-test`,
					category: 'freelance',
					status: 'active',
					city,
					postcode,
					latitude,
					longitude,
					profile: { create: { headline } }
				}
			});
			await refreshMemberSearch([created.id]);
			return created.slug;
		};
		const claire = await make('Claire', 'Développeuse web full-stack', 'Lyon', '69002', 45.7485, 4.827);
		const sophie = await make('Sophie', 'Développeuse web', 'Lyon', '69003', 45.7597, 4.859);
		const julien = await make('Julien', 'Développeur web', 'Grenoble', '38000', 45.1885, 5.7245);
		await make('Mathieu', 'Plombier chauffagiste', 'Lyon', '69007', 45.7328, 4.841);

		const lyon = await searchMembers(null, { q: 'développeur', where: 'Lyon' });
		expect(lyon.results.map((r) => r.slug).sort()).toEqual([claire, sophie].sort());
		const anywhere = await searchMembers(null, { q: 'développeuse' });
		expect(anywhere.results.map((r) => r.slug).sort()).toEqual([claire, sophie, julien].sort());
	});
});
