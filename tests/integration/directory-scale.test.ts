import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { prewarmDirectory, refreshAllMemberSearch, refreshMemberSearch, resolvePlace, searchMembers, type MemberSearchPage } from '../../src/lib/server/directory/index.ts';
import { MAX_COUNTED } from '../../src/lib/server/directory/query.ts';
import { PAGE_SIZE } from '../../src/lib/server/directory/search.ts';
import { cellsOf, coveringCells, MAX_COVERING_CELLS } from '../../src/lib/server/directory/cells.ts';
import { memberMatches } from '../../src/lib/server/directory/matches.ts';
import { Prisma } from '../../src/lib/server/generated/prisma/client.ts';

/**
 * What a national directory needs beyond the behaviour directory-search.test.ts pins down: a
 * bounded amount of work per search whatever the number of matches (counts stop at MAX_COUNTED,
 * "plus de 1 000 résultats"), nearest-first walking the index past that bound, and an online
 * rebuild in batches that loses no member.
 */
let ctx: TestContext;
const LYON = { latitude: 45.7597, longitude: 4.8422 };
const COUNT = MAX_COUNTED + 60;

beforeAll(async () => {
	ctx = await useTestContext();
	// COUNT bakers around Lyon, the i-th one i × 10 m further east: nearest first is index order
	await ctx.prisma.$executeRaw`
		INSERT INTO "Member"(id, email, "firstName", "lastName", slug, city, postcode, latitude, longitude, category, status, "visibleInDirectory", "createdAt", "updatedAt")
		SELECT gen_random_uuid(), 'boulanger' || i || '@exemple.fr', 'Boulanger' || i, 'Fournil', 'boulanger-' || i, 'Lyon', '69003',
		       ${LYON.latitude}, ${LYON.longitude} + i * 0.000128, 'freelance', 'active', true, now() - i * interval '1 minute', now()
		  FROM generate_series(1, ${COUNT}) AS i`;
	await ctx.prisma.$executeRaw`INSERT INTO "Profile"("memberId", headline, "updatedAt") SELECT id, 'Boulanger pâtissier', now() FROM "Member" WHERE slug LIKE 'boulanger-%'`;
	await refreshAllMemberSearch(ctx.prisma, { batch: 250 });
}, 120_000);

afterAll(() => ctx?.close());

const slugs = (page: MemberSearchPage) => page.results.map((r) => r.slug);

describe('directory search at scale', () => {
	it('indexes every member through the batched online rebuild', async () => {
		expect(await ctx.prisma.memberSearch.count({ where: { listed: true } })).toBe(COUNT);
	});

	it('counts up to MAX_COUNTED and says there are more, with as many pages as it ranks', async () => {
		const first = await searchMembers(null, { q: 'boulanger' });
		expect(first.total).toBe(MAX_COUNTED);
		expect(first.more).toBe(true);
		expect(first.pages).toBe(MAX_COUNTED / PAGE_SIZE);
		expect(first.results).toHaveLength(PAGE_SIZE);
		const last = await searchMembers(null, { q: 'boulanger', page: String(MAX_COUNTED / PAGE_SIZE) });
		expect(last.results).toHaveLength(PAGE_SIZE);
		expect(new Set([...slugs(first), ...slugs(last)]).size).toBe(2 * PAGE_SIZE);
		const beyond = await searchMembers(null, { q: 'boulanger', page: String(MAX_COUNTED / PAGE_SIZE + 1) });
		expect(beyond.results).toEqual([]);
		expect(beyond.more).toBe(true);
		const few = await searchMembers(null, { q: 'boulanger1000' });
		expect(few.more).toBe(false);
	});

	it('takes a frequent word\'s matches from the first eighth of the members when it holds enough, and from everyone otherwise', async () => {
		const bakers = [Prisma.sql`s.document @@ to_tsquery('relais_fr', 'boulanger')`];
		const tierOf = Prisma.sql`(uuid_hash(x.id) & 7) = 0`;
		const read = (limit: number) =>
			ctx.prisma.$queryRaw<{ first: boolean; n: bigint }[]>(
				Prisma.sql`SELECT ${tierOf} AS first, count(*) AS n FROM (${memberMatches(Prisma.sql`s."memberId" AS id`, bakers, limit)}) x GROUP BY 1 ORDER BY 1`
			);
		const [[firstPart], everyone] = await Promise.all([
			ctx.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "MemberSearch" WHERE (uuid_hash("memberId") & 7) = 0`,
			read(COUNT + 1)
		]);
		// every match, from both parts, when the bound is above them
		expect(everyone.map((r) => [r.first, Number(r.n)])).toEqual([
			[false, COUNT - Number(firstPart.n)],
			[true, Number(firstPart.n)]
		]);
		// a bound the first part alone reaches: the other part is not read
		const bound = Number(firstPart.n) - 10;
		expect((await read(bound)).map((r) => [r.first, Number(r.n)])).toEqual([[true, bound]]);
	});

	it('walks members nearest first past the bound (no text: the GiST index, not a sort of the radius)', async () => {
		const nearest = await searchMembers(null, { where: '69003', radius: '50', sort: 'distance' });
		expect(nearest.more).toBe(true);
		const km = nearest.results.map((r) => r.distanceKm ?? Infinity);
		expect(km).toEqual([...km].sort((a, b) => a - b));
		// page 30 is still ordered and further than page 1
		const far = await searchMembers(null, { where: '69003', radius: '50', sort: 'distance', page: '30' });
		expect(far.results).toHaveLength(PAGE_SIZE);
		expect(far.results[0].distanceKm!).toBeGreaterThanOrEqual(km.at(-1)!);
	});

	it('finds a profile changed during a rebuild as soon as its own refresh returns', async () => {
		const rebuilding = refreshAllMemberSearch(ctx.prisma, { batch: 100 });
		const one = await ctx.prisma.member.findFirstOrThrow({ where: { slug: 'boulanger-7' } });
		await ctx.prisma.profile.update({ where: { memberId: one.id }, data: { headline: 'Zythologue' } });
		await refreshMemberSearch([one.id]);
		expect(slugs(await searchMembers(null, { q: 'zythologue' }))).toEqual(['boulanger-7']);
		await rebuilding;
		expect(slugs(await searchMembers(null, { q: 'zythologue' }))).toEqual(['boulanger-7']);
	});
});

/** the point `km` away from `from` on the initial bearing `degrees` (sphere of the search's radius) */
function destination(from: { latitude: number; longitude: number }, km: number, degrees: number) {
	const R = 6371;
	const [φ1, λ1, θ, δ] = [(from.latitude * Math.PI) / 180, (from.longitude * Math.PI) / 180, (degrees * Math.PI) / 180, km / R];
	const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
	const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
	return { latitude: (φ2 * 180) / Math.PI, longitude: (λ2 * 180) / Math.PI };
}

describe('text and place in one index scan (grid cells, prefixes expanded to lexemes)', () => {
	// where the directory puts "Marseille" (the gazetteer's point), so distances are the search's own
	const MARSEILLE = resolvePlace('Marseille') as { latitude: number; longitude: number };
	const RADII = [5, 30, 100, 500];
	const BEARINGS = [0, 45, 90, 135, 180, 225, 270, 315];

	beforeAll(async () => {
		// for each radius, a cartographer just inside and one just outside, on eight bearings
		const rows = RADII.flatMap((radius) =>
			BEARINGS.flatMap((bearing) =>
				[
					{ side: 'in', km: radius - Math.max(0.05, radius * 0.002) },
					{ side: 'out', km: radius + Math.max(0.05, radius * 0.002) }
				].map(({ side, km }) => ({ slug: `carto-${radius}-${bearing}-${side}`, ...destination(MARSEILLE, km, bearing) }))
			)
		);
		// and sixty words starting "zq" (more than a prefix expands to), spread over three members
		const words = Array.from({ length: 60 }, (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`);
		await ctx.prisma.$executeRaw`
			INSERT INTO "Member"(id, email, "firstName", "lastName", slug, city, latitude, longitude, category, status, "visibleInDirectory", "createdAt", "updatedAt")
			SELECT gen_random_uuid(), r.slug || '@exemple.fr', 'Camille', 'Cartographe', r.slug, 'Marseille', r.lat, r.lng, 'freelance', 'active', true, now(), now()
			  FROM unnest(${rows.map((r) => r.slug)}::text[], ${rows.map((r) => r.latitude)}::float8[], ${rows.map((r) => r.longitude)}::float8[]) AS r(slug, lat, lng)`;
		await ctx.prisma.$executeRaw`
			INSERT INTO "Member"(id, email, "firstName", "lastName", slug, city, latitude, longitude, category, status, "visibleInDirectory", "createdAt", "updatedAt")
			SELECT gen_random_uuid(), 'zq' || i || '@exemple.fr', 'Zoé', 'Quentin', 'zq-' || i, 'Marseille', ${MARSEILLE.latitude}, ${MARSEILLE.longitude}, 'freelance', 'active', true, now(), now()
			  FROM generate_series(0, 2) AS i`;
		await ctx.prisma.$executeRaw`
			INSERT INTO "Profile"("memberId", headline, bio, "updatedAt")
			SELECT m.id, 'Géomaticien', array_to_string((${words}::text[])[(i * 20 + 1):(i * 20 + 20)], ' '), now()
			  FROM generate_series(0, 2) AS i JOIN "Member" m ON m.slug = 'zq-' || i`;
		const ids = await ctx.prisma.member.findMany({ where: { OR: [{ slug: { startsWith: 'carto-' } }, { slug: { startsWith: 'zq-' } }] }, select: { id: true } });
		await refreshMemberSearch(ids.map((m) => m.id));
	});

	it('places members in the same cells in SQL as in the code that asks for them', async () => {
		const points = [MARSEILLE, { latitude: 45.3, longitude: -0.45 }, { latitude: -21.1151, longitude: 55.5364 }, { latitude: 0, longitude: 0 }, { latitude: 48.8566, longitude: 2.3522 }];
		for (const p of points) {
			const [{ cells }] = await ctx.prisma.$queryRaw<{ cells: string[] }[]>`SELECT relais_geo_cells(${p.latitude}::float8, ${p.longitude}::float8) AS cells`;
			expect(cells).toEqual(cellsOf(p.latitude, p.longitude));
		}
		expect(coveringCells(MARSEILLE, 5).length).toBeLessThanOrEqual(MAX_COVERING_CELLS);
		expect(coveringCells(MARSEILLE, 500).length).toBeLessThanOrEqual(MAX_COVERING_CELLS);
	});

	it.each(RADII)('finds every member just inside %i km and none just outside, whichever cell size covers it', async (radius) => {
		const all: string[] = [];
		for (let page = 1; ; page++) {
			const found = await searchMembers(null, { q: 'cartographe', where: 'Marseille', radius: String(radius), page: String(page) });
			if (found.results.length === 0) break;
			all.push(...slugs(found));
			// every smaller radius' members are inside too
			expect(found.total).toBe(BEARINGS.length * (RADII.indexOf(radius) * 2 + 1));
		}
		expect(all.filter((s) => s.startsWith(`carto-${radius}-`)).sort()).toEqual(BEARINGS.map((b) => `carto-${radius}-${b}-in`).sort());
	});

	it('expands a prefix to the lexemes it starts, and keeps a prefix that starts too many', async () => {
		// "zqa" starts 3 of the words (zqaax, zqabx, zqacx): expanded; "zq" starts 60: stays a prefix
		expect(slugs(await searchMembers(null, { q: 'zqa' })).sort()).toEqual(['zq-0', 'zq-1', 'zq-2']);
		expect(slugs(await searchMembers(null, { q: 'zqab' })).sort()).toEqual(['zq-1']);
		expect(slugs(await searchMembers(null, { q: 'zq' })).sort()).toEqual(['zq-0', 'zq-1', 'zq-2']);
		expect(slugs(await searchMembers(null, { q: 'géomati' })).sort()).toEqual(['zq-0', 'zq-1', 'zq-2']);
		const [{ n }] = await ctx.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "SearchLexeme" WHERE lexeme LIKE 'zq%'`;
		expect(Number(n)).toBe(60);
	});
});

describe('the start of a server', () => {
	it('loads the directory index and rows into PostgreSQL memory (pg_prewarm), within half the shared buffers', async () => {
		const bytes = await prewarmDirectory(ctx.prisma);
		const [{ index, budget }] = await ctx.prisma.$queryRaw<{ index: bigint; budget: bigint }[]>`
			SELECT pg_relation_size('"MemberSearch_filters_first_idx"') + pg_relation_size('"MemberSearch_filters_rest_idx"') AS index,
			       (SELECT setting::bigint * current_setting('block_size')::bigint / 2 FROM pg_settings WHERE name = 'shared_buffers') AS budget`;
		expect(bytes).toBeGreaterThanOrEqual(Number(index));
		expect(bytes).toBeLessThanOrEqual(Number(budget));
	});
});
