import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { rejection } from '../helpers/errors.ts';
import { can, loadActor, type ActorRef, type Role } from '../../src/lib/server/access/index.ts';
import { articleForm, atomFeed, latestArticles, listArticles, listDrafts, readArticle, sanitizeArticle, saveArticle, setEditor, youtubeId } from '../../src/lib/server/blog/index.ts';
import { slugFromTitle } from '../../src/lib/blog-slug.ts';

/**
 * The blog ("Actualité"): who writes (admins, editors) and who reads (anyone), slug rules,
 * scheduled publishing against a clock, the language of the interface, the sanitizer.
 */
let ctx: TestContext;
let n = 0;
const who = {} as Record<'member' | 'recruiter' | 'editor' | 'admin', string>;
const HOUR = 3_600_000;

async function member(roles: Role[]) {
	const i = ++n;
	const row = await ctx.prisma.member.create({
		data: { email: `blog${i}@exemple.fr`, firstName: 'Blog', lastName: `Membre${i}`, slug: `blog-membre-${i}`, status: 'active', activatedAt: new Date(), roles, timezone: 'Europe/Paris' },
		select: { id: true }
	});
	return row.id;
}

const actor = (key: keyof typeof who): Promise<ActorRef> => loadActor(who[key]);

function article(over: Record<string, string> = {}) {
	return { title: 'Un titre', slug: `article-${++n}`, body: '<p>Un paragraphe de texte.</p>', language: 'fr', authorName: 'La rédaction', category: 'Vie de l’école', publishedAt: '', timezone: 'Europe/Paris', ...over };
}

/** a datetime-local value in Paris for an instant */
function paris(at: Date) {
	const f = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
	return f.format(at).replace(' ', 'T');
}

beforeAll(async () => {
	ctx = await useTestContext();
	who.member = await member(['member', 'alumni']);
	who.recruiter = await member(['member', 'recruiter']);
	who.editor = await member(['member', 'alumni', 'editor']);
	who.admin = await member(['member', 'admin']);
});
afterAll(async () => ctx?.close());

describe('who writes and who reads', () => {
	it('visitors, members and recruiters read; only editors and admins write or see drafts', async () => {
		for (const key of [null, 'member', 'recruiter', 'editor', 'admin'] as const) {
			const a = key ? await actor(key) : null;
			expect(await can(a, 'blog.read'), `${key} reads`).toBe(true);
			expect(await can(a, 'blog.write'), `${key} writes`).toBe(key === 'editor' || key === 'admin');
		}
		expect((await rejection(saveArticle(await actor('member'), null, article()))).kind).toBe('forbidden');
		expect((await rejection(saveArticle(null, null, article()))).kind).toBe('unauthenticated');
		expect((await rejection(listDrafts(await actor('recruiter')))).kind).toBe('forbidden');
		const saved = await saveArticle(await actor('editor'), null, article({ publishedAt: paris(new Date(Date.now() - HOUR)), title: 'Ouvert à tous' }));
		for (const key of [null, 'member', 'recruiter'] as const) {
			const a = key ? await actor(key) : null;
			expect((await readArticle(a, saved.slug, 'fr')).title).toBe('Ouvert à tous');
			expect((await listArticles(a, { locale: 'fr' })).articles.map((x) => x.slug)).toContain(saved.slug);
		}
	});

	it('an admin gives and takes back the editor role; a member cannot', async () => {
		expect((await rejection(setEditor(await actor('member'), { email: 'blog1@exemple.fr', editor: 'on' }))).kind).toBe('forbidden');
		await setEditor(await actor('admin'), { email: 'blog1@exemple.fr', editor: 'on' });
		expect(await can(await loadActor(who.member), 'blog.write')).toBe(true);
		await setEditor(await actor('admin'), { email: 'blog1@exemple.fr', editor: 'off' });
		expect(await can(await loadActor(who.member), 'blog.write')).toBe(false);
		expect((await rejection(setEditor(await actor('admin'), { email: 'personne@exemple.fr', editor: 'on' }))).key).toBe('blog.error.editor_unknown');
	});
});

describe('slugs', () => {
	it('are filled from the title without accents, spaces or punctuation', () => {
		expect(slugFromTitle("L'été à Lyon : 3 rencontres !")).toBe('l-ete-a-lyon-3-rencontres');
		expect(slugFromTitle('  Cœur --- de   promo 2020  ')).toBe('coeur-de-promo-2020');
	});

	it('are refused with a clear message when malformed, and must be unique', async () => {
		const editor = await actor('editor');
		for (const bad of ['Avec Majuscule', 'avec espace', 'accentué', '-debut', 'fin-', 'double--tiret', 'point.final']) {
			const error = await rejection(saveArticle(editor, null, article({ slug: bad })));
			expect(error.kind, bad).toBe('invalid');
			expect(error.fields.slug, bad).toBe('blog.error.slug_format');
		}
		expect((await rejection(saveArticle(editor, null, article({ slug: '' })))).fields.slug).toBe('blog.error.slug_required');
		expect((await rejection(saveArticle(editor, null, article({ slug: 'nouveau' })))).fields.slug).toBe('blog.error.slug_reserved');
		expect((await rejection(saveArticle(editor, null, article({ slug: 'a'.repeat(81) })))).fields.slug).toBe('blog.error.slug_too_long');
		await saveArticle(editor, null, article({ slug: 'rentree-2026' }));
		const taken = await rejection(saveArticle(editor, null, article({ slug: 'rentree-2026' })));
		expect(taken.kind).toBe('conflict');
		expect(taken.fields.slug).toBe('blog.error.slug_taken');
		// an article keeps its own slug when edited
		const own = await ctx.prisma.blogArticle.findUniqueOrThrow({ where: { slug: 'rentree-2026' } });
		await saveArticle(editor, own.id, article({ slug: 'rentree-2026', title: 'Rentrée 2026, modifiée' }));
		expect((await ctx.prisma.blogArticle.findUniqueOrThrow({ where: { id: own.id } })).title).toBe('Rentrée 2026, modifiée');
	});
});

describe('publication date: draft, scheduled, published', () => {
	it('an empty date is a draft, a future one is scheduled and appears at its time with no job; a new date brings an old article back on top', async () => {
		const editor = await actor('editor');
		const t0 = new Date();
		const draft = await saveArticle(editor, null, article({ title: 'Brouillon' }), null, t0);
		const scheduled = await saveArticle(editor, null, article({ title: 'Programmé', publishedAt: paris(new Date(t0.getTime() + 2 * 24 * HOUR)) }), null, t0);
		const old = await saveArticle(editor, null, article({ title: 'Ancien', publishedAt: paris(new Date(t0.getTime() - 30 * 24 * HOUR)) }), null, t0);
		expect([draft.state, scheduled.state, old.state]).toEqual(['draft', 'scheduled', 'published']);

		const visible = async (at: Date) => (await listArticles(null, { locale: 'fr' }, at)).articles.map((a) => a.slug);
		expect(await visible(t0)).not.toContain(draft.slug);
		expect(await visible(t0)).not.toContain(scheduled.slug);
		expect((await rejection(readArticle(null, scheduled.slug, 'fr', t0))).kind).toBe('not_found');
		// the editor previews both, and finds them in "Brouillons"
		expect((await readArticle(editor, scheduled.slug, 'fr', t0)).state).toBe('scheduled');
		expect((await listDrafts(editor, t0)).map((d) => d.slug)).toEqual(expect.arrayContaining([draft.slug, scheduled.slug]));

		const later = new Date(t0.getTime() + 2 * 24 * HOUR + 60_000);
		expect((await visible(later))[0]).toBe(scheduled.slug);
		expect((await latestArticles('fr', 3, later))[0]!.slug).toBe(scheduled.slug);
		expect((await listDrafts(editor, later)).map((d) => d.slug)).not.toContain(scheduled.slug);
		expect(await visible(later)).not.toContain(draft.slug);

		// "Ancien" gets a new date → back on top of "À la une"
		const form = await articleForm(editor, old.id, later);
		await saveArticle(editor, old.id, { ...form, category: form.category, publishedAt: paris(new Date(later.getTime() - 60_000)), timezone: 'Europe/Paris' }, null, later);
		expect((await latestArticles('fr', 3, later)).map((a) => a.slug)[0]).toBe(old.slug);
	});

	it('reads the date in the editor’s time zone', async () => {
		const saved = await saveArticle(await actor('editor'), null, article({ publishedAt: '2026-07-14T10:00', timezone: 'Europe/Paris' }));
		const row = await ctx.prisma.blogArticle.findUniqueOrThrow({ where: { id: saved.id } });
		expect(row.publishedAt!.toISOString()).toBe('2026-07-14T08:00:00.000Z');
		expect((await rejection(saveArticle(await actor('editor'), null, article({ publishedAt: '2026-02-30T10:00' })))).fields.publishedAt).toBe('blog.error.date');
	});
});

describe('language of the interface', () => {
	it('a French-only article is not shown in English, an English one not in French, "both" in both', async () => {
		const editor = await actor('editor');
		const past = paris(new Date(Date.now() - HOUR));
		const fr = await saveArticle(editor, null, article({ title: 'Seulement en français', language: 'fr', publishedAt: past }));
		const en = await saveArticle(editor, null, article({ title: 'English only', language: 'en', publishedAt: past }));
		const both = await saveArticle(editor, null, article({ title: 'Bilingue', language: 'both', publishedAt: past }));
		const slugs = async (locale: 'fr' | 'en') => (await listArticles(null, { locale })).articles.map((a) => a.slug);
		expect(await slugs('fr')).toEqual(expect.arrayContaining([fr.slug, both.slug]));
		expect(await slugs('fr')).not.toContain(en.slug);
		expect(await slugs('en')).toEqual(expect.arrayContaining([en.slug, both.slug]));
		expect(await slugs('en')).not.toContain(fr.slug);
		expect((await rejection(readArticle(null, fr.slug, 'en'))).kind).toBe('not_found');
		expect((await latestArticles('en', 20)).map((a) => a.slug)).not.toContain(fr.slug);
		const feed = await atomFeed('en', 'http://127.0.0.1:3999', 'News');
		expect(feed).toContain('English only');
		expect(feed).not.toContain('Seulement en français');
		expect(feed).toContain(`href="http://127.0.0.1:3999/blog/${both.slug}"`);
	});
});

describe('sanitizing the body', () => {
	it('strips scripts, handlers, styles and foreign iframes; keeps the formatting', () => {
		const dirty = `<h2 onclick="x()">Titre</h2><script>alert(1)</script><p style="color:red">Un <b>gras</b> et <i>italique</i> <a href="javascript:alert(1)">piège</a> <a href="https://exemple.fr">lien</a></p>
			<ul><li>un</li></ul><img src="https://tracker.example/pixel.gif" onerror="alert(1)"><iframe src="https://evil.example/embed"></iframe><svg><script>alert(2)</script></svg>`;
		const clean = sanitizeArticle(dirty);
		expect(clean).not.toMatch(/script|onclick|onerror|style=|javascript:|evil\.example|tracker\.example|<svg/i);
		expect(clean).toContain('<h2>Titre</h2>');
		expect(clean).toContain('<strong>gras</strong>');
		expect(clean).toContain('<em>italique</em>');
		expect(clean).toContain('<a href="https://exemple.fr" rel="noopener noreferrer nofollow">lien</a>');
		expect(clean).toContain('<ul><li>un</li></ul>');
	});

	it('allows YouTube only as a youtube-nocookie embed rebuilt from a valid video id', () => {
		expect(youtubeId('https://www.youtube.com/watch?v=dQw4w9WgXcQ')).toBe('dQw4w9WgXcQ');
		expect(youtubeId('https://youtu.be/dQw4w9WgXcQ?t=3')).toBe('dQw4w9WgXcQ');
		expect(youtubeId('https://www.youtube.com/embed/dQw4w9WgXcQ')).toBe('dQw4w9WgXcQ');
		expect(youtubeId('https://evil.example/watch?v=dQw4w9WgXcQ')).toBeNull();
		expect(youtubeId('https://www.youtube.com/watch?v=short')).toBeNull();
		const clean = sanitizeArticle('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1" onload="x()" srcdoc="<script>1</script>"></iframe>');
		expect(clean).toMatch(/^<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ"/);
		expect(clean).not.toMatch(/onload|srcdoc|autoplay|script/);
		expect(sanitizeArticle('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ%22%3E%3Cscript%3E"></iframe>')).toBe('');
		expect(sanitizeArticle('<iframe src="https://www.youtube-nocookie.com.evil.example/embed/dQw4w9WgXcQ"></iframe>')).toBe('');
	});

	it('keeps only our own uploaded images', () => {
		const own = '/media/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.webp';
		expect(sanitizeArticle(`<img src="${own}" alt="Promo">`)).toBe(`<img src="${own}" alt="Promo" loading="lazy" />`);
		expect(sanitizeArticle('<img src="/media/../../etc/passwd">')).toBe('');
	});

	it('what is stored is the sanitized body', async () => {
		const saved = await saveArticle(await actor('editor'), null, article({ body: '<p>Texte</p><script>alert(1)</script><img src=x onerror=alert(1)>' }));
		const row = await ctx.prisma.blogArticle.findUniqueOrThrow({ where: { id: saved.id } });
		expect(row.body).toBe('<p>Texte</p>');
		expect((await rejection(saveArticle(await actor('editor'), null, article({ body: '<script>alert(1)</script>' })))).fields.body).toBe('blog.error.body_required');
	});
});
