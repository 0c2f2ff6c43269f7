// Demo data of the statistics tab: a school's students, alumni and teachers (programme, promotion,
// campus, address), some of them employees of the demo companies, and the alumni's answers to the
// entry questionnaire — so that /admin/statistiques shows living charts on a fresh install.
// Deterministic (mulberry32): the same figures on every run.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../src/lib/server/generated/prisma/client.ts';
import { CONTRACT_TYPES, PAY_BANDS, SECTORS, SOCIO_CATEGORIES, type Situation } from '../../src/lib/surveys.ts';
import { CITIES, type CityKey } from './demo-data.ts';
import { mulberry32 } from './random.ts';

/** The school's programmes ("cursus") and the RNCP title each leads to. */
export const PROGRAMMES = [
	{ name: 'Bachelor Marketing digital', rncp: 'RNCP36512' },
	{ name: 'Master Finance d’entreprise', rncp: 'RNCP35920' },
	{ name: 'BTS Comptabilité et gestion', rncp: 'RNCP35521' },
	{ name: 'Licence Éco-gestion', rncp: 'RNCP24433' }
] as const;

const CAMPUSES: Record<string, CityKey[]> = {
	Paris: ['paris2', 'paris9', 'paris11', 'paris15', 'amiens', 'reims'],
	Lyon: ['lyon2', 'lyon3', 'lyon7', 'grenoble', 'saintetienne', 'clermont'],
	Bordeaux: ['bordeaux', 'toulouse', 'limoges', 'nantes'],
	Lille: ['lille', 'amiens', 'metz', 'lehavre']
};

const FIRST = ['Léna', 'Maxime', 'Chloé', 'Yanis', 'Manon', 'Enzo', 'Inès', 'Lucas', 'Jade', 'Nathan', 'Louise', 'Hugo', 'Camille', 'Théo', 'Sarah', 'Mathis', 'Zoé', 'Rayan', 'Lou', 'Axel', 'Anaïs', 'Noah', 'Clémence', 'Adam', 'Romane', 'Gabriel', 'Margaux', 'Sacha', 'Éléonore', 'Jules'];
const LAST = ['Perrin', 'Morel', 'Fournier', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Mercier', 'Blanchard', 'Faure', 'Rousset', 'Lemaire', 'Barbier', 'Arnaud', 'Renaud', 'Schmitt', 'Colin', 'Vidal', 'Caron', 'Picard', 'Roger', 'Aubert', 'Lucas', 'Brunet', 'Meunier', 'Carpentier', 'Huet'];

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z-]/g, '');

/** Situations of the entry questionnaire, weighted like a real promotion. */
const SITUATION_WEIGHTS: [Situation, number][] = [
	['employed', 58],
	['self_employed', 8],
	['job_seeking', 13],
	['studying', 10],
	['work_study', 6],
	['unable_to_work', 2],
	['inactive', 3]
];

/**
 * Rows inserted in one statement through json_populate_recordset: the ORM's first createMany of each
 * shape costs about a second on a loaded machine, this costs milliseconds. Every NOT NULL column
 * must be given (table defaults do not apply).
 */
export async function insertRows(prisma: PrismaClient, table: 'SurveyResponse' | 'Graduation' | 'SurveyInvitation' | 'CompanyMembership', rows: object[]): Promise<void> {
	if (rows.length === 0) return;
	await prisma.$executeRawUnsafe(`INSERT INTO "${table}" SELECT * FROM json_populate_recordset(NULL::"${table}", $1::json) ON CONFLICT DO NOTHING`, JSON.stringify(rows));
}

export interface SchoolMember {
	id: string;
	programme: string;
	promotion: number;
	alumni: boolean;
	departement: string;
}

function pickWeighted<T>(random: () => number, weights: [T, number][]): T {
	const total = weights.reduce((s, [, w]) => s + w, 0);
	let roll = random() * total;
	for (const [value, weight] of weights) if ((roll -= weight) < 0) return value;
	return weights[0]![0];
}

/** A situation and, in employment, the job answers (used by the entry questionnaire and the survey waves). */
export function demoAnswer(random: () => number, departement: string, employedBias = 0): Prisma.SurveyResponseCreateManyInput {
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
	const situation = random() < employedBias ? 'employed' : pickWeighted(random, SITUATION_WEIGHTS);
	const employed = situation === 'employed' || situation === 'self_employed';
	return {
		wave: 'entry',
		situation,
		socioCategory: employed ? (situation === 'self_employed' ? 'independant' : pick(SOCIO_CATEGORIES.slice(0, 3))) : null,
		contractType: employed ? (situation === 'self_employed' ? 'self' : pickWeighted(random, [['cdi', 6], ['cdd', 2], ['interim', 1], ['public', 1]] as [(typeof CONTRACT_TYPES)[number], number][])) : null,
		sector: employed ? pick(SECTORS) : null,
		payBand: employed ? pick(PAY_BANDS.slice(1, 6)) : null,
		inTargetedJob: employed ? random() < 0.72 : null,
		// most work near home, some in Paris
		departement: employed ? (random() < 0.8 ? departement : '75') : null
	};
}

/**
 * Creates the school's members (students, alumni, teachers) and the alumni's entry questionnaires.
 * Returns them for the survey seed (prisma/seed/surveys.ts).
 */
export async function seedStatistics(prisma: PrismaClient, options: { passwordHash?: string | null; now?: Date } = {}): Promise<SchoolMember[]> {
	const now = options.now ?? new Date();
	const passwordHash = options.passwordHash ?? null;
	const random = mulberry32(2_026_1201);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
	const taken = new Set((await prisma.member.findMany({ select: { email: true } })).map((m) => m.email));
	const members: Prisma.MemberCreateManyInput[] = [];
	const school: SchoolMember[] = [];
	const year = now.getUTCFullYear();
	let i = 0;
	for (const first of FIRST) {
		for (const last of LAST.slice(0, 5)) {
			const lastName = LAST[(i * 7 + LAST.indexOf(last)) % LAST.length]!;
			i++;
			const email = `${ascii(first)}.${ascii(lastName)}@exemple.fr`;
			if (taken.has(email)) continue;
			taken.add(email);
			const programme = pick(PROGRAMMES).name;
			const campus = pick(Object.keys(CAMPUSES));
			const city = CITIES[pick(CAMPUSES[campus]!)];
			// 3 in 4 are alumni of the last seven promotions, the others students of this year and next
			const alumni = random() < 0.75;
			const promotion = alumni ? year - 1 - Math.floor(random() * 7) : year + Math.floor(random() * 2);
			const id = randomUUID();
			const teacher = i % 37 === 0;
			members.push({
				id,
				email,
				passwordHash,
				firstName: first,
				lastName,
				slug: `${ascii(first)}-${ascii(lastName)}-${promotion}`,
				city: city.city,
				postcode: city.postcode,
				latitude: city.latitude + (random() - 0.5) * 0.02,
				longitude: city.longitude + (random() - 0.5) * 0.02,
				category: alumni ? 'job_seeker' : 'visitor',
				status: 'active',
				activatedAt: new Date(now.getTime() - Math.floor(random() * 400) * 86_400_000),
				roles: ['member', alumni ? 'alumni' : 'student', ...(teacher ? (['teacher'] as const) : [])],
				visibleInDirectory: random() < 0.85,
				promotion,
				programme,
				campus
			});
			school.push({ id, programme, promotion, alumni, departement: city.postcode.slice(0, 2) });
		}
	}
	// one INSERT … SELECT FROM unnest(…): an ORM createMany of this many wide rows is slow on a loaded machine
	const col = <K extends keyof Prisma.MemberCreateManyInput>(key: K) => members.map((m) => m[key] ?? null);
	await prisma.$executeRaw`
		INSERT INTO "Member" (id, email, "passwordHash", "firstName", "lastName", slug, city, postcode, latitude, longitude, category, status, "activatedAt", roles, "visibleInDirectory", promotion, programme, campus, "updatedAt")
		SELECT v.id, v.email, v.hash, v.first, v.last, v.slug, v.city, v.postcode, v.lat, v.lon, v.category::"MemberCategory", 'active', v.activated,
		       string_to_array(v.roles, ',')::"MemberRole"[], v.visible, v.promotion, v.programme, v.campus, now()
		  FROM unnest(${col('id')}::uuid[], ${col('email')}::text[], ${col('passwordHash')}::text[], ${col('firstName')}::text[], ${col('lastName')}::text[],
		              ${col('slug')}::text[], ${col('city')}::text[], ${col('postcode')}::text[], ${col('latitude')}::float8[], ${col('longitude')}::float8[],
		              ${col('category')}::text[], ${col('activatedAt')}::timestamptz[], ${members.map((m) => (m.roles as string[]).join(','))}::text[],
		              ${col('visibleInDirectory')}::boolean[], ${col('promotion')}::int[], ${col('programme')}::text[], ${col('campus')}::text[])
		       AS v(id, email, hash, first, last, slug, city, postcode, lat, lon, category, activated, roles, visible, promotion, programme, campus)
		ON CONFLICT DO NOTHING`;

	// employees of the demo companies (their sector feeds the "secteur d'entreprise" chart)
	const companies = await prisma.company.findMany({ where: { sector: { not: null } }, select: { id: true }, orderBy: { slug: 'asc' } });
	const memberships: Prisma.CompanyMembershipCreateManyInput[] = [];
	const answers: Prisma.SurveyResponseCreateManyInput[] = [];
	for (const m of school.filter((s) => s.alumni)) {
		// 85 % answered the entry questionnaire at their first login
		if (random() < 0.85) {
			const answer = demoAnswer(random, m.departement);
			answers.push({
				...answer,
				id: randomUUID(),
				memberId: m.id,
				certification: m.programme,
				promotion: m.promotion,
				satisfaction: pickWeighted(random, [[5, 4], [4, 5], [3, 2], [2, 1]] as [number, number][]),
				comment: random() < 0.3 ? pick(['Très bonne formation, des intervenants du métier.', 'Le stage de fin d’études m’a ouvert les portes de mon premier emploi.', 'Plus de pratique sur les outils numériques serait utile.', 'Excellent réseau d’anciens.']) : null,
				answeredAt: new Date(now.getTime() - Math.floor(random() * 300) * 86_400_000)
			});
			if ((answer.situation === 'employed' || answer.situation === 'self_employed') && companies.length && random() < 0.5) {
				memberships.push({ companyId: pick(companies).id, memberId: m.id, role: 'employee', status: 'active', createdAt: now, updatedAt: now });
			}
		}
	}
	// a member drawn twice for one company keeps one membership (ON CONFLICT DO NOTHING)
	await insertRows(prisma, 'CompanyMembership', memberships);
	await insertRows(prisma, 'SurveyResponse', answers);
	// their directory search rows: refreshAllMemberSearch in seedDemo, right after
	return school;
}
