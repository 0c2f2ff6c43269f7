import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { seedDemo } from '../../prisma/seed/demo.ts';
import { directoryOverview, searchCompanies, searchMembers } from '../../src/lib/server/directory/index.ts';
import { PROVIDER_CATEGORIES } from '../../src/lib/categories.ts';
import type { Locale } from '../../src/lib/i18n/index.ts';
import { GET as getProviders } from '../../src/routes/api/v1/providers/+server.ts';
import { GET as getCompanies } from '../../src/routes/api/v1/companies/+server.ts';
import { GET as getPlaces } from '../../src/routes/api/v1/places/+server.ts';
import { GET as getOpenApi } from '../../src/routes/api/v1/openapi.json/+server.ts';
import { acceptedParameters, type OpenApiDocument } from '../../src/routes/api/v1/openapi.ts';

let ctx: TestContext;

beforeAll(async () => {
	ctx = await useTestContext();
	await seedDemo(ctx.prisma);
	await ctx.prisma.company.create({
		data: {
			slug: 'menuiserie-vasseur',
			legalName: 'Menuiserie Vasseur SARL',
			title: 'Menuiserie Vasseur',
			sector: 'Bâtiment et travaux',
			postcode: '34000',
			city: 'Montpellier',
			keywords: ['escaliers', 'agencement', 'marqueterie'],
			description: 'Fabrication de fenêtres et de portes en bois.'
		}
	});
	await ctx.prisma.company.create({
		data: { slug: 'scop-informatique-libre', legalName: 'Logiciels Libres SCOP', title: 'Adullact Projet', sector: 'Informatique et numérique', postcode: '34000', city: 'Montpellier', keywords: ['logiciels libres', 'programmation'] }
	});
});
afterAll(async () => ctx?.close());

/** The slice of a SvelteKit RequestEvent the API handlers read: URL, locals (session, language). */
function event<E extends RequestEvent>(path: string, options: { locale?: Locale; member?: { id: string } } = {}): E {
	const url = new URL(path, 'http://127.0.0.1:3999');
	const partial = { url, request: new Request(url), locals: { member: options.member ?? null, locale: options.locale ?? 'fr', sessionSecret: null }, params: {} };
	return partial as unknown as E;
}

async function body(response: Response): Promise<{ status: number; json: Record<string, unknown>; text: string }> {
	const text = await response.text();
	return { status: response.status, json: JSON.parse(text) as Record<string, unknown>, text };
}

describe('GET /api/v1/providers', () => {
	it('returns the page search’s results, providers only for visitors, never an e-mail', async () => {
		const { status, json, text } = await body(await getProviders(event('/api/v1/providers?q=plombier&where=Marseille&radius=15')));
		expect(status).toBe(200);
		const results = json.results as { slug: string; category: string; distanceKm: number }[];
		expect(results.length).toBeGreaterThan(0);
		for (const r of results) {
			expect(PROVIDER_CATEGORIES).toContain(r.category);
			expect(r.distanceKm).toBeLessThanOrEqual(15);
		}
		const same = await searchMembers(null, { q: 'plombier', where: 'Marseille', radius: '15' });
		expect(results.map((r) => r.slug)).toEqual(same.results.map((r) => r.slug));
		expect(json.total).toBe(same.total);
		expect(text).not.toMatch(/@exemple\.fr|@example\.org|"email"/);
	});

	it('answers bad input with 400 and a localized { error: { code, message } }, no stack', async () => {
		const fr = await body(await getProviders(event('/api/v1/providers?radius=-4&page=abc')));
		expect(fr.status).toBe(400);
		expect(fr.json).toEqual({
			error: {
				code: 'invalid_query',
				message: 'Paramètres de recherche invalides.',
				fields: { radius: 'Le rayon doit être un nombre entier de kilomètres, entre 1 et 500.', page: 'Numéro de page invalide.' }
			}
		});
		const en = await body(await getProviders(event('/api/v1/providers?category=pirate', { locale: 'en' })));
		expect(en.status).toBe(400);
		expect(en.json).toMatchObject({ error: { code: 'invalid_query', message: 'Invalid search parameters.', fields: { category: 'Unknown category.' } } });
		expect(en.text).not.toMatch(/at \w+ \(|\.ts:\d+/);
	});
});

describe('company search', () => {
	it('is French-aware: plurals, accents, typos, keywords', async () => {
		const titles = async (q: string) => (await searchCompanies(null, { q })).results.map((c) => c.title);
		expect(await titles('menuiseries')).toEqual(expect.arrayContaining(['Menuiserie Vasseur', 'Menuiserie Dubois']));
		expect(await titles('MARQUETERIE')).toEqual(['Menuiserie Vasseur']);
		expect(await titles('vaseur')).toEqual(['Menuiserie Vasseur']);
		expect(await titles('menuserie')).toContain('Menuiserie Vasseur');
		expect(await titles('logiciel libre')).toEqual(['Adullact Projet']);
		expect(await titles('electricite')).toContain('Électricité Lefèvre');
		expect(await titles('plomberie')).toContain('Plomberie Garnier & Fils');
	});

	it('filters by sector and département, and the API returns the same with links’ slugs', async () => {
		const building = await searchCompanies(null, { sector: 'batiment', departement: '34' });
		expect(building.results.map((c) => c.slug)).toEqual(['menuiserie-vasseur']);
		const { status, json } = await body(await getCompanies(event('/api/v1/companies?departement=13')));
		expect(status).toBe(200);
		expect((json.results as { title: string }[]).map((c) => c.title)).toEqual(['Plomberie Garnier & Fils']);
		const bad = await body(await getCompanies(event('/api/v1/companies?departement=zz')));
		expect(bad.status).toBe(400);
		expect(bad.json).toMatchObject({ error: { code: 'invalid_query', fields: { departement: expect.stringContaining('département') } } });
	});

	it('lists a département newest first, and the same text ranks ties newest first', async () => {
		const older = new Date('2024-03-01T09:00:00Z');
		const newer = new Date('2025-06-01T09:00:00Z');
		await ctx.prisma.company.create({ data: { slug: 'fromagerie-ancienne', legalName: 'Fromagerie Ancienne', title: 'Fromagerie des Causses', sector: 'Alimentation', postcode: '48000', city: 'Mende', createdAt: older } });
		await ctx.prisma.company.create({ data: { slug: 'fromagerie-nouvelle', legalName: 'Fromagerie Nouvelle', title: 'Fromagerie du Gévaudan', sector: 'Alimentation', postcode: '48100', city: 'Marvejols', createdAt: newer } });
		expect((await searchCompanies(null, { departement: '48' })).results.map((c) => c.slug)).toEqual(['fromagerie-nouvelle', 'fromagerie-ancienne']);
		expect((await searchCompanies(null, { q: 'fromagerie' })).results.map((c) => c.slug)).toEqual(['fromagerie-nouvelle', 'fromagerie-ancienne']);
	});

	it('keeps a renamed company findable (trigger on Company)', async () => {
		await ctx.prisma.company.update({ where: { slug: 'menuiserie-vasseur' }, data: { title: 'Atelier Boisvert' } });
		expect((await searchCompanies(null, { q: 'boisvert' })).results.map((c) => c.slug)).toEqual(['menuiserie-vasseur']);
	});
});

describe('GET /api/v1/places (suggestions for "Où ?")', () => {
	it('suggests places from the offline gazetteer as one types: "Lyo" → Lyon first, postcodes, départements', async () => {
		const { status, json } = await body(await getPlaces(event('/api/v1/places?q=Lyo')));
		expect(status).toBe(200);
		const places = json.places as { kind: string; label: string }[];
		expect(places[0]).toEqual({ kind: 'commune', label: 'Lyon (69)' });
		expect(places.length).toBeLessThanOrEqual(8);
		// what is suggested is what the search understands
		expect((await searchMembers(null, { q: 'développeuse', where: places[0]!.label })).results.map((r) => r.name)).toContain('Claire Martin');
		const accents = (await body(await getPlaces(event('/api/v1/places?q=saint-eti')))).json.places as { label: string }[];
		expect(accents[0]!.label).toBe('Saint-Étienne (42)');
		const postcodes = (await body(await getPlaces(event('/api/v1/places?q=6900')))).json.places as { kind: string; label: string }[];
		expect(postcodes.every((p) => p.kind === 'postcode' && p.label.startsWith('6900'))).toBe(true);
		expect(postcodes.map((p) => p.label)).toContainEqual(expect.stringMatching(/^69003 Lyon/));
		const rhone = (await body(await getPlaces(event('/api/v1/places?q=rhon')))).json.places as { kind: string; label: string }[];
		expect(rhone).toContainEqual({ kind: 'departement', label: 'Rhône (69)' });
	});

	it('answers nothing under two characters, and a clear error for an over-long query', async () => {
		expect((await body(await getPlaces(event('/api/v1/places?q=L')))).json).toEqual({ places: [] });
		expect((await body(await getPlaces(event('/api/v1/places')))).json).toEqual({ places: [] });
		const bad = await body(await getPlaces(event(`/api/v1/places?q=${'a'.repeat(101)}`, { locale: 'en' })));
		expect(bad.status).toBe(400);
		expect(bad.json).toMatchObject({ error: { code: 'invalid_query', fields: { q: expect.any(String) } } });
	});
});

describe('result cards show photos', () => {
	it('a provider with a photo has its /media URL, one without has null', async () => {
		const page = await searchMembers(null, { q: 'développeuse', where: 'Lyon' });
		const claire = page.results.find((r) => r.name === 'Claire Martin');
		expect(claire?.photoUrl).toMatch(/^\/media\/[0-9a-f-]{36}\.webp$/);
		const { json } = await body(await getProviders(event('/api/v1/providers?q=d%C3%A9veloppeur&where=Lyon')));
		expect((json.results as { name: string; photoUrl: string | null }[]).map((r) => r.name).sort()).toEqual(['Claire Martin', 'Sophie Durand']);
		const all = await searchMembers({ memberId: (await ctx.prisma.member.findFirstOrThrow()).id }, { category: 'job_seeker' });
		expect(all.results.every((r) => r.photoUrl === null)).toBe(true);
	});
});

describe('GET /api/v1/openapi.json', () => {
	it('is an OpenAPI 3.1 document listing both endpoints with every accepted parameter', async () => {
		const { status, json } = await body(await getOpenApi(event('/api/v1/openapi.json')));
		expect(status).toBe(200);
		const doc = json as unknown as OpenApiDocument;
		expect(doc.openapi).toBe('3.1.0');
		expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/providers', '/companies', '/openapi.json']));
		expect(doc.paths['/providers'].get.parameters.map((p) => p.name).sort()).toEqual([...acceptedParameters.providers].sort());
		expect(doc.paths['/companies'].get.parameters.map((p) => p.name).sort()).toEqual([...acceptedParameters.companies].sort());
		expect(doc.paths['/places'].get.parameters.map((p) => p.name).sort()).toEqual([...acceptedParameters.places].sort());
		expect(doc.paths['/providers'].get.responses['400']).toBeDefined();
		expect(doc.servers[0].url).toBe('http://127.0.0.1:3999/api/v1');
	});
});

describe('home page overview', () => {
	it('lists the latest registered visible providers and the latest companies', async () => {
		const overview = await directoryOverview();
		expect(overview.latestProviders.length).toBeGreaterThan(0);
		for (const p of overview.latestProviders) expect(PROVIDER_CATEGORIES).toContain(p.category);
		const hidden = await ctx.prisma.member.findMany({ where: { visibleInDirectory: false }, select: { slug: true } });
		expect(hidden.length).toBeGreaterThan(0);
		for (const h of hidden) expect(overview.latestProviders.map((p) => p.slug)).not.toContain(h.slug);
		const newest = await ctx.prisma.member.findFirstOrThrow({
			where: { status: 'active', visibleInDirectory: true, category: { in: [...PROVIDER_CATEGORIES] } },
			orderBy: [{ createdAt: 'desc' }, { id: 'desc' }]
		});
		expect(overview.latestProviders[0].slug).toBe(newest.slug);
		expect(overview.latestCompanies.map((c) => c.slug)).toContain('scop-informatique-libre');
		expect(JSON.stringify(overview)).not.toContain('@');
	});
});
