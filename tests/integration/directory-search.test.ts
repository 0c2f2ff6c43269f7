import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { refreshMemberSearch, searchMembers, type MemberSearchPage } from '../../src/lib/server/directory/index.ts';
import type { MemberCategory, MemberStatus } from '../../src/lib/server/generated/prisma/enums.ts';
import { rejection } from '../helpers/errors.ts';

let ctx: TestContext;
let seq = 0;

const LYON = { city: 'Lyon', postcode: '69003', latitude: 45.7597, longitude: 4.8422 };
const VILLEURBANNE = { city: 'Villeurbanne', postcode: '69100', latitude: 45.7719, longitude: 4.8902 };
const MARSEILLE = { city: 'Marseille', postcode: '13008', latitude: 43.2637, longitude: 5.3849 };

interface Spec {
	firstName: string;
	lastName: string;
	category?: MemberCategory;
	status?: MemberStatus;
	visible?: boolean;
	place?: { city: string; postcode: string; latitude: number | null; longitude: number | null };
	headline?: string;
	bio?: string;
	skills?: string[];
	education?: { school: string; diploma: string; promoYear: number }[];
	languages?: string[];
	company?: string;
}

const skillKey = (label: string) => label.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();

/** A member written straight through Prisma (as other domains do), then indexed with refreshMemberSearch. */
async function member(spec: Spec): Promise<{ id: string; slug: string; email: string }> {
	seq++;
	const place = spec.place ?? LYON;
	const slug = `${spec.firstName}-${spec.lastName}-${seq}`.toLowerCase().normalize('NFD').replace(/[^a-z0-9-]/g, '');
	const email = `${slug}@exemple.fr`;
	const created = await ctx.prisma.member.create({
		data: {
			email,
			firstName: spec.firstName,
			lastName: spec.lastName,
			slug,
			category: spec.category ?? 'freelance',
			status: spec.status ?? 'active',
			visibleInDirectory: spec.visible ?? true,
			...place,
			profile: { create: { headline: spec.headline ?? null, bio: spec.bio ?? null } },
			educations: { create: spec.education ?? [] },
			languages: { create: (spec.languages ?? ['fr']).map((code) => ({ code })) },
			...(spec.company ? { experiences: { create: { title: 'Gérant', companyName: spec.company, startedOn: new Date('2015-01-01') } } } : {})
		}
	});
	for (const [position, label] of (spec.skills ?? []).entries()) {
		const skill = await ctx.prisma.skill.upsert({ where: { key: skillKey(label) }, update: {}, create: { key: skillKey(label), label } });
		await ctx.prisma.memberSkill.create({ data: { memberId: created.id, skillId: skill.id, position } });
	}
	await refreshMemberSearch([created.id]);
	return { id: created.id, slug, email };
}

const slugs = (page: MemberSearchPage) => page.results.map((r) => r.slug);
const asMember = (id: string) => ({ memberId: id });

let plumberLyon: Awaited<ReturnType<typeof member>>;
let plumberVilleurbanne: Awaited<ReturnType<typeof member>>;
let plumberMarseille: Awaited<ReturnType<typeof member>>;
let electrician: Awaited<ReturnType<typeof member>>;
let dupont: Awaited<ReturnType<typeof member>>;
let seeker: Awaited<ReturnType<typeof member>>;
let hidden: Awaited<ReturnType<typeof member>>;
let gone: Awaited<ReturnType<typeof member>>;
let pending: Awaited<ReturnType<typeof member>>;
let viewer: Awaited<ReturnType<typeof member>>;
let mentionsPlumbing: Awaited<ReturnType<typeof member>>;

beforeAll(async () => {
	ctx = await useTestContext();
	plumberLyon = await member({ firstName: 'Karim', lastName: 'Benali', headline: 'Plombier chauffagiste à Lyon', skills: ['Plomberie', 'Chauffage'], languages: ['fr', 'ar'] });
	plumberVilleurbanne = await member({
		firstName: 'Sophie',
		lastName: 'Morel',
		place: VILLEURBANNE,
		headline: 'Plombière — dépannage et salles de bains',
		skills: ['Plomberie', 'Installation sanitaire'],
		education: [{ school: 'Lycée professionnel La Martinière', diploma: 'CAP Plombier', promoYear: 2010 }],
		company: 'Eaux & Tuyaux SARL'
	});
	plumberMarseille = await member({ firstName: 'Mathieu', lastName: 'Girard', place: MARSEILLE, headline: 'Plombier chauffagiste', skills: ['Plomberie', 'Pompe à chaleur'] });
	electrician = await member({ firstName: 'Élodie', lastName: 'Fabre', headline: 'Électricienne du bâtiment', skills: ['Électricité', 'Domotique'], languages: ['fr', 'en'] });
	dupont = await member({
		firstName: 'Jean',
		lastName: 'Dupont',
		category: 'company',
		headline: 'Expert-comptable',
		skills: ['Comptabilité'],
		education: [{ school: 'INSA Lyon', diploma: "Diplôme d'ingénieur", promoYear: 2012 }]
	});
	mentionsPlumbing = await member({ firstName: 'Luc', lastName: 'Renard', headline: 'Architecte d’intérieur', bio: 'Je travaille avec un plombier de confiance.', skills: ['Décoration'] });
	seeker = await member({ firstName: 'Nadia', lastName: 'Plombet', category: 'job_seeker', headline: 'Plombière en recherche d’emploi', skills: ['Plomberie'] });
	hidden = await member({ firstName: 'Paul', lastName: 'Cachelot', visible: false, headline: 'Plombier discret', skills: ['Plomberie'] });
	gone = await member({ firstName: 'René', lastName: 'Partila', status: 'deactivated', headline: 'Plombier retraité', skills: ['Plomberie'] });
	pending = await member({ firstName: 'Ines', lastName: 'Attente', status: 'pending', headline: 'Plombière', skills: ['Plomberie'] });
	viewer = await member({ firstName: 'Paul', lastName: 'Bernard', category: 'visitor', place: { city: 'Paris', postcode: '75011', latitude: 48.8583, longitude: 2.3795 } });
});
afterAll(async () => ctx?.close());

describe('French-aware matching', () => {
	it('ignores accents and case: "electricien" finds "Électricienne"', async () => {
		expect(slugs(await searchMembers(null, { q: 'electricien' }))).toEqual([electrician.slug]);
		expect(slugs(await searchMembers(null, { q: 'ÉLECTRICITÉ' }))).toEqual([electrician.slug]);
	});

	it('stems French plurals: "plombiers" finds the plumbers', async () => {
		const found = slugs(await searchMembers(null, { q: 'plombiers' }));
		expect(found).toEqual(expect.arrayContaining([plumberLyon.slug, plumberVilleurbanne.slug, plumberMarseille.slug]));
	});

	it('tolerates typos on job titles, skills and names: "plonbier", "Dupond"', async () => {
		expect(slugs(await searchMembers(null, { q: 'plonbier' }))).toEqual(expect.arrayContaining([plumberLyon.slug, plumberVilleurbanne.slug, plumberMarseille.slug]));
		expect(slugs(await searchMembers(null, { q: 'Dupond' }))).toEqual([dupont.slug]);
		expect(slugs(await searchMembers(null, { q: 'jean dupond' }))).toEqual([dupont.slug]);
	});

	it('ranks a job title above a passing mention in a bio', async () => {
		const found = slugs(await searchMembers(null, { q: 'plombier' }));
		expect(found).toContain(mentionsPlumbing.slug);
		expect(found.indexOf(plumberLyon.slug)).toBeLessThan(found.indexOf(mentionsPlumbing.slug));
		expect(found.at(-1)).toBe(mentionsPlumbing.slug);
	});

	it('requires every meaningful word and ignores French stop words', async () => {
		expect(slugs(await searchMembers(null, { q: 'plombier de la pompe à chaleur' }))).toEqual([plumberMarseille.slug]);
		expect((await searchMembers(null, { q: 'plombier boulanger' })).total).toBe(0);
	});

	it('searches company names: the current employer', async () => {
		expect(slugs(await searchMembers(null, { q: 'tuyaux' }))).toEqual([plumberVilleurbanne.slug]);
	});
});

describe('place and radius', () => {
	it('finds Villeurbanne within 10 km of Lyon, not Marseille, nearest first', async () => {
		const found = await searchMembers(null, { q: 'plombier', where: 'Lyon', radius: '10', sort: 'distance' });
		expect(found.place).toMatchObject({ kind: 'commune', departement: '69' });
		expect(found.radiusKm).toBe(10);
		expect(slugs(found)).toContain(plumberVilleurbanne.slug);
		expect(slugs(found)).toContain(plumberLyon.slug);
		expect(slugs(found)).not.toContain(plumberMarseille.slug);
		const distances = found.results.map((r) => r.distanceKm ?? Infinity);
		expect(distances).toEqual([...distances].sort((a, b) => a - b));
		expect(found.results.find((r) => r.slug === plumberVilleurbanne.slug)?.distanceKm).toBeLessThan(10);
	});

	it('resolves postcodes, accents-free city names and départements', async () => {
		expect(slugs(await searchMembers(null, { q: 'plombier', where: '13008', radius: '5' }))).toEqual([plumberMarseille.slug]);
		expect(slugs(await searchMembers(null, { q: 'plombier', where: 'marseille' }))).toEqual([plumberMarseille.slug]);
		const rhone = await searchMembers(null, { q: 'plomberie', where: 'Rhône' });
		expect(rhone.place?.kind).toBe('departement');
		expect(slugs(rhone).sort()).toEqual([plumberLyon.slug, plumberVilleurbanne.slug].sort());
		expect(slugs(await searchMembers(null, { q: 'plomberie', departement: '13' }))).toEqual([plumberMarseille.slug]);
	});

	it('says so when the place is unknown, instead of searching everywhere', async () => {
		const found = await searchMembers(null, { q: 'plombier', where: 'Zzyzx-sur-Mer' });
		expect(found.placeUnknown).toBe(true);
		expect(found.results).toEqual([]);
	});

	it('places members without coordinates from their postcode (offline gazetteer)', async () => {
		const noCoords = await member({ firstName: 'Yann', lastName: 'Le Goff', headline: 'Plombier', skills: ['Plomberie'], place: { city: 'Villeurbanne', postcode: '69100', latitude: null, longitude: null } });
		const found = await searchMembers(null, { q: 'plombier', where: 'Lyon', radius: '10' });
		expect(slugs(found)).toContain(noCoords.slug);
		expect(found.results.find((r) => r.slug === noCoords.slug)?.distanceKm).toBeLessThan(10);
	});
});

describe('filters', () => {
	it('filters by category, skill, company, school, diploma, promo and language', async () => {
		const me = asMember(viewer.id);
		expect(slugs(await searchMembers(me, { category: 'company' }))).toEqual([dupont.slug]);
		expect(slugs(await searchMembers(me, { skill: 'pompe a chaleur' }))).toEqual([plumberMarseille.slug]);
		expect(slugs(await searchMembers(me, { company: 'eaux & tuyaux' }))).toEqual([plumberVilleurbanne.slug]);
		expect(slugs(await searchMembers(me, { school: 'insa' }))).toEqual([dupont.slug]);
		expect(slugs(await searchMembers(me, { diploma: 'cap plombier' }))).toEqual([plumberVilleurbanne.slug]);
		expect(slugs(await searchMembers(me, { promo: '2012' }))).toEqual([dupont.slug]);
		expect(slugs(await searchMembers(me, { language: 'ar' }))).toEqual([plumberLyon.slug]);
		expect(slugs(await searchMembers(me, { q: 'plomberie', language: 'ar', where: 'Marseille' }))).toEqual([]);
	});

	it('paginates by 20 and counts every match', async () => {
		const ids = [];
		for (let i = 0; i < 22; i++) ids.push(await member({ firstName: `Menuisier${i}`, lastName: 'Ebeniste', headline: 'Menuisier ébéniste', skills: ['Menuiserie'] }));
		const first = await searchMembers(null, { q: 'menuisier' });
		const second = await searchMembers(null, { q: 'menuisier', page: '2' });
		expect(first.total).toBe(22);
		expect(first.pages).toBe(2);
		expect(first.results).toHaveLength(20);
		expect(second.results).toHaveLength(2);
		expect(new Set([...slugs(first), ...slugs(second)]).size).toBe(22);
		const beyond = await searchMembers(null, { q: 'menuisier', page: '5' });
		expect(beyond.results).toEqual([]);
		expect(beyond.total).toBe(22);
	});
});

describe('privacy', () => {
	it('never shows hidden, deactivated or pending members, to anyone, even by exact name', async () => {
		for (const actor of [null, asMember(viewer.id)]) {
			const found = slugs(await searchMembers(actor, { q: 'plomberie' }));
			expect(found).not.toContain(hidden.slug);
			expect(found).not.toContain(gone.slug);
			expect(found).not.toContain(pending.slug);
			expect((await searchMembers(actor, { q: 'Cachelot' })).total).toBe(0);
			expect((await searchMembers(actor, { q: 'Partila' })).total).toBe(0);
			expect((await searchMembers(actor, { q: 'Attente' })).total).toBe(0);
		}
	});

	it('shows visitors only providers; members see every visible member', async () => {
		// visitors: the job seeker never, even by name (the plumbers found by typo tolerance are providers)
		expect(slugs(await searchMembers(null, { q: 'Plombet' }))).not.toContain(seeker.slug);
		expect((await searchMembers(null, { q: 'Bernard' })).total).toBe(0);
		expect((await searchMembers(null, {})).providersOnly).toBe(true);
		for (const r of (await searchMembers(null, {})).results) expect(['freelance', 'company', 'administration', 'association']).toContain(r.category);
		expect(slugs(await searchMembers(asMember(viewer.id), { q: 'Plombet' }))[0]).toBe(seeker.slug);
		expect(slugs(await searchMembers(asMember(dupont.id), { q: 'Bernard' }))).toEqual([viewer.slug]);
	});

	it('drops a member who hides or deactivates at once, without anyone calling refresh (trigger)', async () => {
		const m = await member({ firstName: 'Zoé', lastName: 'Vanille', headline: 'Pâtissière', skills: ['Pâtisserie'] });
		expect(slugs(await searchMembers(null, { q: 'vanille' }))).toEqual([m.slug]);
		await ctx.prisma.member.update({ where: { id: m.id }, data: { visibleInDirectory: false } });
		expect((await searchMembers(null, { q: 'vanille' })).total).toBe(0);
		await ctx.prisma.member.update({ where: { id: m.id }, data: { visibleInDirectory: true } });
		expect(slugs(await searchMembers(null, { q: 'vanille' }))).toEqual([m.slug]);
		await ctx.prisma.member.update({ where: { id: m.id }, data: { status: 'deactivated' } });
		expect((await searchMembers(asMember(viewer.id), { q: 'vanille' })).total).toBe(0);
	});

	it('reflects profile changes after refreshMemberSearch', async () => {
		const m = await member({ firstName: 'Hugo', lastName: 'Martel', headline: 'Charpentier' });
		expect((await searchMembers(null, { q: 'couvreur' })).total).toBe(0);
		await ctx.prisma.profile.update({ where: { memberId: m.id }, data: { headline: 'Couvreur zingueur' } });
		expect(await refreshMemberSearch([m.id])).toBe(1);
		expect(slugs(await searchMembers(null, { q: 'couvreurs' }))).toEqual([m.slug]);
	});

	it('never returns an e-mail address', async () => {
		const page = await searchMembers(asMember(viewer.id), { q: 'plomberie', where: 'Lyon' });
		expect(page.results.length).toBeGreaterThan(0);
		const text = JSON.stringify(page);
		expect(text).not.toContain('@');
		expect(text).not.toContain(plumberLyon.email);
	});
});

describe('input validation', () => {
	it('refuses bad parameters with per-field message keys', async () => {
		expect((await rejection(searchMembers(null, { radius: '-3' }))).fields).toMatchObject({ radius: 'directory.error.radius' });
		expect((await rejection(searchMembers(null, { radius: 'loin' }))).fields).toMatchObject({ radius: 'directory.error.radius' });
		expect((await rejection(searchMembers(null, { page: '0' }))).fields).toMatchObject({ page: 'directory.error.page' });
		expect((await rejection(searchMembers(null, { category: 'pirate' }))).fields).toMatchObject({ category: 'error.category_invalid' });
		expect((await rejection(searchMembers(null, { sort: 'random' }))).fields).toMatchObject({ sort: 'directory.error.sort' });
		expect((await rejection(searchMembers(null, { departement: '7' }))).fields).toMatchObject({ departement: 'directory.error.departement' });
		expect((await rejection(searchMembers(null, { q: 'x'.repeat(201) }))).fields).toMatchObject({ q: 'error.too_long' });
	});

	it('treats blank fields as absent (an empty form is a plain query)', async () => {
		const page = await searchMembers(null, { q: 'plomberie', where: '', radius: '', category: '', page: '' });
		expect(page.total).toBeGreaterThan(0);
		expect(page.place).toBeNull();
	});
});
