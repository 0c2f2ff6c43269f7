import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { refreshAllMemberSearch, refreshMemberSearch, searchMembers, type MemberSearchPage } from '../../src/lib/server/directory/index.ts';
import { MAX_COUNTED } from '../../src/lib/server/directory/query.ts';
import { PAGE_SIZE } from '../../src/lib/server/directory/search.ts';

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
