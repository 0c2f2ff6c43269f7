import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { seedDemo } from '../../prisma/seed/demo.ts';
import { loadActor } from '../../src/lib/server/access/index.ts';
import { latestArticles, listArticles, listDrafts } from '../../src/lib/server/blog/index.ts';
import { myMentorships, searchMentors } from '../../src/lib/server/mentoring/index.ts';

/** The demo data of mentoring and the blog: a newcomer sees both alive from the demo logins. */
let ctx: TestContext;
const id = async (email: string) => (await ctx.prisma.member.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;

beforeAll(async () => {
	ctx = await useTestContext();
	await seedDemo(ctx.prisma);
});
afterAll(async () => ctx?.close());

describe('demo mentoring', () => {
	it('has mentors with promotions, programmes and sectors, and requests in every state', async () => {
		const paul = await loadActor(await id('paul.bernard@exemple.fr'));
		const search = await searchMentors(paul, {});
		expect(search.mentors.length).toBeGreaterThanOrEqual(8);
		expect(search.promotions.length).toBeGreaterThanOrEqual(5);
		expect(search.sectors.length).toBeGreaterThanOrEqual(5);
		const statuses = new Set((await ctx.prisma.mentorship.findMany({ select: { status: true } })).map((m) => m.status));
		expect([...statuses].sort()).toEqual(['accepted', 'declined', 'ended', 'expired', 'pending']);
		// Claire mentors and has a request to answer; Paul is a mentee, not a mentor
		const claire = await myMentorships(await loadActor(await id('claire.martin@exemple.fr')));
		expect(claire.isMentor).toBe(true);
		expect(claire.asMentor.map((m) => m.status)).toEqual(expect.arrayContaining(['pending', 'accepted', 'declined']));
		const mine = await myMentorships(paul);
		expect(mine.isMentor).toBe(false);
		expect(mine.asMentee.map((m) => m.status).sort()).toEqual(['accepted', 'expired', 'pending']);
	});
});

describe('demo blog', () => {
	it('has articles in French, English and both, in categories, with drafts and a scheduled one', async () => {
		const fr = await listArticles(null, { locale: 'fr' });
		const en = await listArticles(null, { locale: 'en' });
		expect(fr.articles.length).toBeGreaterThanOrEqual(4);
		expect(en.articles.length).toBeGreaterThanOrEqual(3);
		expect(new Set(fr.articles.map((a) => a.language))).toEqual(new Set(['fr', 'both']));
		expect(new Set(en.articles.map((a) => a.language))).toEqual(new Set(['en', 'both']));
		expect(fr.categories.length).toBeGreaterThanOrEqual(3);
		const drafts = await listDrafts(await loadActor(await id('admin@exemple.fr')));
		expect(drafts.map((d) => d.state).sort()).toEqual(['draft', 'draft', 'scheduled']);
		expect((await latestArticles('fr', 3))[0]!.slug).toBe('rentree-2026-bienvenue-a-la-promotion-2029');
		const video = await ctx.prisma.blogArticle.findUniqueOrThrow({ where: { slug: 'mentorat-retour-sur-une-annee-d-accompagnement' } });
		expect(video.body).toContain('https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ');
	});
});
