import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { loadActor, type Role } from '../../src/lib/server/access/index.ts';
import { saveArticle } from '../../src/lib/server/blog/index.ts';
import { saveMentorSettings } from '../../src/lib/server/mentoring/index.ts';
import { load as homeLoad } from '../../src/routes/+page.server.ts';
import { load as layoutLoad } from '../../src/routes/+layout.server.ts';
import { load as blogLoad } from '../../src/routes/blog/+page.server.ts';
import { load as articleLoad } from '../../src/routes/blog/[slug]/+page.server.ts';
import { GET as feed } from '../../src/routes/blog/feed.xml/+server.ts';
import { load as draftsLoad } from '../../src/routes/blog/brouillons/+page.server.ts';
import { load as newArticleLoad } from '../../src/routes/blog/nouveau/+page.server.ts';
import { load as editorsLoad } from '../../src/routes/blog/redacteurs/+page.server.ts';
import { load as mentoringLoad } from '../../src/routes/mentorat/+page.server.ts';
import { load as mentorLoad } from '../../src/routes/mentorat/[slug]/+page.server.ts';
import { load as mentorshipsLoad } from '../../src/routes/mentorat/parrainages/+page.server.ts';
import { load as mentorSettingsLoad } from '../../src/routes/settings/mentorat/+page.server.ts';

/**
 * Who sees what (Datalumni part 1), through the pages themselves: visitors read home, about and
 * the blog; members also reach mentoring; recruiters only read home, about and the blog — never
 * mentoring; editors and admins also write the blog; admins name the editors.
 */
type Who = 'visitor' | 'member' | 'recruiter' | 'editor' | 'admin';
const WHO: Who[] = ['visitor', 'member', 'recruiter', 'editor', 'admin'];
const ROLES: Record<Exclude<Who, 'visitor'>, Role[]> = {
	member: ['member', 'alumni'],
	recruiter: ['member', 'recruiter'],
	editor: ['member', 'student', 'editor'],
	admin: ['member', 'admin']
};
let ctx: TestContext;
const ids = {} as Record<Exclude<Who, 'visitor'>, { id: string; slug: string }>;
let mentorSlug = '';
let articleSlug = '';

beforeAll(async () => {
	ctx = await useTestContext();
	let n = 0;
	for (const [who, roles] of Object.entries(ROLES) as [Exclude<Who, 'visitor'>, Role[]][]) {
		const i = ++n;
		ids[who] = await ctx.prisma.member.create({
			data: { email: `${who}.pages@exemple.fr`, firstName: who, lastName: `Pages${i}`, slug: `${who}-pages-${i}`, status: 'active', activatedAt: new Date(), roles },
			select: { id: true, slug: true }
		});
	}
	const mentor = await ctx.prisma.member.create({ data: { email: 'mentor.pages@exemple.fr', firstName: 'Mina', lastName: 'Mentor', slug: 'mina-mentor', status: 'active', activatedAt: new Date(), roles: ['member', 'alumni'] }, select: { id: true, slug: true } });
	await saveMentorSettings(await loadActor(mentor.id), { active: 'on', topics: 'data', capacity: '2' });
	mentorSlug = mentor.slug;
	articleSlug = (await saveArticle(await loadActor(ids.editor.id), null, { title: 'Bonjour', slug: 'bonjour-a-tous', body: '<p>Texte public.</p>', language: 'both', authorName: 'Rédaction', publishedAt: '2026-01-01T10:00' })).slug;
});
afterAll(async () => ctx?.close());

async function event(path: string, who: Who, params: Record<string, string> = {}, locale: 'fr' | 'en' = 'fr'): Promise<RequestEvent> {
	const url = new URL(path, 'http://127.0.0.1:3999');
	const actor = who === 'visitor' ? null : await loadActor(ids[who].id);
	const locals = { member: actor ? { id: actor.memberId, roles: actor.roles, firstName: who, lastName: '', slug: ids[who as Exclude<Who, 'visitor'>].slug, locale } : null, locale, sessionSecret: null };
	return { url, request: new Request(url), locals, params, cookies: { get: () => undefined }, getClientAddress: () => '127.0.0.1' } as unknown as RequestEvent;
}

/** 200, or the status (or redirect target) the load ended with */
async function outcome(run: () => unknown): Promise<string> {
	try {
		await run();
		return '200';
	} catch (e) {
		const thrown = e as { status?: number; location?: string };
		return thrown.location ? `${thrown.status} ${thrown.location.split('?')[0]}` : String(thrown.status ?? 500);
	}
}

const PAGES: [string, (who: Who) => Promise<unknown>, Record<Who, string>][] = [
	['/', async (w) => homeLoad((await event('/', w)) as never), { visitor: '200', member: '200', recruiter: '200', editor: '200', admin: '200' }],
	['/blog', async (w) => blogLoad((await event('/blog', w)) as never), { visitor: '200', member: '200', recruiter: '200', editor: '200', admin: '200' }],
	['/blog/<slug>', async (w) => articleLoad((await event(`/blog/${articleSlug}`, w, { slug: articleSlug })) as never), { visitor: '200', member: '200', recruiter: '200', editor: '200', admin: '200' }],
	['/blog/brouillons', async (w) => draftsLoad((await event('/blog/brouillons', w)) as never), { visitor: '303 /login', member: '403', recruiter: '403', editor: '200', admin: '200' }],
	['/blog/nouveau', async (w) => newArticleLoad((await event('/blog/nouveau', w)) as never), { visitor: '303 /login', member: '403', recruiter: '403', editor: '200', admin: '200' }],
	['/blog/redacteurs', async (w) => editorsLoad((await event('/blog/redacteurs', w)) as never), { visitor: '303 /login', member: '403', recruiter: '403', editor: '403', admin: '200' }],
	['/mentorat', async (w) => mentoringLoad((await event('/mentorat', w)) as never), { visitor: '303 /login', member: '200', recruiter: '403', editor: '200', admin: '200' }],
	['/mentorat/<slug>', async (w) => mentorLoad((await event(`/mentorat/${mentorSlug}`, w, { slug: mentorSlug })) as never), { visitor: '303 /login', member: '200', recruiter: '403', editor: '200', admin: '200' }],
	['/mentorat/parrainages', async (w) => mentorshipsLoad((await event('/mentorat/parrainages', w)) as never), { visitor: '303 /login', member: '200', recruiter: '403', editor: '200', admin: '200' }],
	['/settings/mentorat', async (w) => mentorSettingsLoad((await event('/settings/mentorat', w)) as never), { visitor: '303 /login', member: '200', recruiter: '403', editor: '200', admin: '200' }]
];

describe('who sees what, page by page', () => {
	for (const [path, run, expected] of PAGES) {
		it(path, async () => {
			const got: Record<string, string> = {};
			for (const who of WHO) got[who] = await outcome(() => run(who));
			expect(got).toEqual(expected);
		});
	}

	it('the Atom feed is public', async () => {
		const response = await feed((await event('/blog/feed.xml?lang=fr', 'visitor')) as never);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('application/atom+xml');
		expect(await response.text()).toContain('<title>Bonjour</title>');
	});

	it('the home page shows "À la une" to visitors and members alike', async () => {
		for (const who of ['visitor', 'recruiter', 'member'] as const) {
			const page = (await homeLoad((await event('/', who)) as never)) as { featured: { slug: string }[] };
			expect(page.featured.map((a) => a.slug), who).toContain(articleSlug);
		}
	});

	it('the navigation offers mentoring to members, not to recruiters only', async () => {
		const nav = async (who: Who) => ((await layoutLoad((await event('/', who)) as never)) as unknown as { member: { mentoring: boolean } | null }).member?.mentoring ?? null;
		expect(await nav('member')).toBe(true);
		expect(await nav('recruiter')).toBe(false);
		expect(await nav('visitor')).toBeNull();
	});

	it('the mentoring tab shows the banner to non-mentors only', async () => {
		const page = (await mentoringLoad((await event('/mentorat', 'member')) as never)) as { isMentor: boolean; search: { mentors: { slug: string }[] } };
		expect(page.isMentor).toBe(false);
		expect(page.search.mentors.map((m) => m.slug)).toContain(mentorSlug);
	});
});
