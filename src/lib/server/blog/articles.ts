import { z } from 'zod';
import { context } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { can, requirePermission, requireMember, type ActorRef } from '../access/index.ts';
import { parseInput, requiredText, optionalText } from '../validation.ts';
import { acceptImage, deleteUpload, mediaUrl, saveUpload } from '../uploads/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { BlogLanguage } from '../generated/prisma/enums.ts';
import { SLUG_MAX, SLUG_PATTERN } from '../../blog-slug.ts';
import { plainText, sanitizeArticle } from './sanitize.ts';
import { localToUtc, utcToLocalInput } from './time.ts';

/**
 * The blog ("Actualité", Datalumni part 3). An article is a draft while it has no publication
 * date, scheduled while that date is in the future, published once it is past: every query
 * compares with `now`, so a scheduled article appears on time with no job. The newest
 * publication date comes first everywhere ("À la une" included): giving an old article a new
 * date brings it back to the top. An interface shows the articles in its language (fr, en) and
 * those written for both.
 */
export type UiLocale = 'fr' | 'en';
export const LANGUAGES = ['fr', 'en', 'both'] as const satisfies readonly BlogLanguage[];
export const PAGE_SIZE = 12;

export interface ArticleCard {
	slug: string;
	title: string;
	excerpt: string;
	category: string | null;
	authorName: string;
	coverUrl: string | null;
	language: BlogLanguage;
	publishedAt: string | null;
}

export interface ArticleView extends ArticleCard {
	id: string;
	body: string;
	updatedAt: string;
	/** scheduled (future date) or draft (none): only editors see it, with a notice */
	state: 'published' | 'scheduled' | 'draft';
	canEdit: boolean;
}

const cardSelect = { slug: true, title: true, excerpt: true, category: true, authorName: true, coverPath: true, language: true, publishedAt: true } as const;
type CardRow = Prisma.BlogArticleGetPayload<{ select: typeof cardSelect }>;

function card(row: CardRow): ArticleCard {
	return {
		slug: row.slug,
		title: row.title,
		excerpt: row.excerpt,
		category: row.category,
		authorName: row.authorName,
		coverUrl: mediaUrl(row.coverPath),
		language: row.language,
		publishedAt: row.publishedAt?.toISOString() ?? null
	};
}

/** Published by `now`, in the interface's language (or both). */
export function publishedWhere(locale: UiLocale, now: Date): Prisma.BlogArticleWhereInput {
	return { publishedAt: { lte: now }, language: { in: [locale, 'both'] } };
}

export function stateOf(publishedAt: Date | null, now: Date): ArticleView['state'] {
	return !publishedAt ? 'draft' : publishedAt > now ? 'scheduled' : 'published';
}

/** /blog: the published articles, newest first, optionally of one category. */
export async function listArticles(actor: ActorRef, options: { locale: UiLocale; category?: string | null; page?: number }, now = new Date()) {
	await requirePermission(actor, 'blog.read');
	const { db } = context();
	const page = Math.max(1, Math.min(1000, Math.floor(options.page ?? 1)));
	const where: Prisma.BlogArticleWhereInput = { ...publishedWhere(options.locale, now), ...(options.category ? { category: options.category } : {}) };
	const [rows, total, categories] = await Promise.all([
		db.blogArticle.findMany({ where, select: cardSelect, orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
		db.blogArticle.count({ where }),
		db.blogArticle.findMany({ where: { ...publishedWhere(options.locale, now), category: { not: null } }, distinct: ['category'], select: { category: true }, orderBy: { category: 'asc' } })
	]);
	return {
		articles: rows.map(card),
		page,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		categories: categories.map((c) => c.category!).filter(Boolean),
		canWrite: await can(actor, 'blog.write')
	};
}

/** The home page's "À la une": the latest published articles of the interface's language. */
export async function latestArticles(locale: UiLocale, limit = 3, now = new Date()): Promise<ArticleCard[]> {
	const rows = await context().db.blogArticle.findMany({ where: publishedWhere(locale, now), select: cardSelect, orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }], take: Math.min(limit, 20) });
	return rows.map(card);
}

/** The Atom feed's entries (published, the interface's language, newest first). */
export async function feedArticles(locale: UiLocale, now = new Date()) {
	const rows = await context().db.blogArticle.findMany({
		where: publishedWhere(locale, now),
		select: { ...cardSelect, id: true, body: true, updatedAt: true },
		orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
		take: 30
	});
	return rows.map((r) => ({ ...card(r), id: r.id, body: r.body, updatedAt: r.updatedAt.toISOString() }));
}

/**
 * /blog/<slug>: a published article in the interface's language — for anyone. Editors also open
 * drafts, scheduled articles and those of the other language (a preview, marked as such).
 */
export async function readArticle(actor: ActorRef, slug: string, locale: UiLocale, now = new Date()): Promise<ArticleView> {
	await requirePermission(actor, 'blog.read');
	if (!SLUG_PATTERN.test(slug) || slug.length > SLUG_MAX) throw notFound('blog.error.not_found');
	const row = await context().db.blogArticle.findUnique({ where: { slug }, select: { ...cardSelect, id: true, body: true, updatedAt: true } });
	if (!row) throw notFound('blog.error.not_found');
	const editor = await can(actor, 'blog.write');
	const state = stateOf(row.publishedAt, now);
	const visible = state === 'published' && (row.language === 'both' || row.language === locale);
	if (!visible && !editor) throw notFound('blog.error.not_found');
	return { ...card(row), id: row.id, body: row.body, updatedAt: row.updatedAt.toISOString(), state, canEdit: editor };
}

/** The "Brouillons" tab: drafts and scheduled articles (editors), the soonest scheduled first, then drafts by last change. */
export async function listDrafts(actor: ActorRef, now = new Date()) {
	await requirePermission(actor, 'blog.write');
	const rows = await context().db.blogArticle.findMany({
		where: { OR: [{ publishedAt: null }, { publishedAt: { gt: now } }] },
		select: { ...cardSelect, id: true, updatedAt: true },
		orderBy: [{ publishedAt: { sort: 'asc', nulls: 'last' } }, { updatedAt: 'desc' }],
		take: 200
	});
	return rows.map((r) => ({ ...card(r), id: r.id, state: stateOf(r.publishedAt, now), updatedAt: r.updatedAt.toISOString() }));
}

/** addresses of the blog's own pages (/blog/nouveau…): an article cannot take them */
export const RESERVED_SLUGS: readonly string[] = ['nouveau', 'brouillons', 'modifier', 'redacteurs', 'images', 'feed', 'feed-xml'];

const articleInput = z.object({
	title: requiredText(200),
	slug: z
		.string({ error: 'blog.error.slug_required' })
		.trim()
		.min(1, { error: 'blog.error.slug_required' })
		.max(SLUG_MAX, { error: 'blog.error.slug_too_long' })
		.regex(SLUG_PATTERN, { error: 'blog.error.slug_format' })
		.refine((slug) => !RESERVED_SLUGS.includes(slug), { error: 'blog.error.slug_reserved' }),
	body: z.string({ error: 'error.required' }).max(200_000, { error: 'error.too_long' }),
	language: z.enum(LANGUAGES, { error: 'blog.error.language' }),
	authorName: requiredText(120),
	category: optionalText(60),
	/** datetime-local in the editor's time zone; blank = draft */
	publishedAt: optionalText(40),
	timezone: optionalText(60),
	removeCover: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()).optional()
});

export interface ArticleForm {
	id: string | null;
	title: string;
	slug: string;
	body: string;
	language: BlogLanguage;
	authorName: string;
	category: string;
	/** datetime-local value in `timezone` */
	publishedAt: string;
	timezone: string;
	coverUrl: string | null;
	state: ArticleView['state'];
}

async function editorZone(memberId: string, given: string | undefined): Promise<string> {
	if (given && isZone(given)) return given;
	const m = await context().db.member.findUnique({ where: { id: memberId }, select: { timezone: true } });
	return m?.timezone ?? 'Europe/Paris';
}

function isZone(zone: string) {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/** The editor form of a new article (author prefilled) or of an existing one. */
export async function articleForm(actor: ActorRef, id: string | null, now = new Date()): Promise<ArticleForm> {
	const resolved = await requirePermission(actor, 'blog.write');
	const me = requireMember(resolved);
	const { db } = context();
	const timezone = await editorZone(me, undefined);
	if (!id) {
		const m = await db.member.findUnique({ where: { id: me }, select: { firstName: true, lastName: true } });
		return { id: null, title: '', slug: '', body: '', language: 'fr', authorName: m ? `${m.firstName} ${m.lastName}` : '', category: '', publishedAt: '', timezone, coverUrl: null, state: 'draft' };
	}
	const row = await db.blogArticle.findUnique({ where: { id } });
	if (!row) throw notFound('blog.error.not_found');
	return {
		id: row.id,
		title: row.title,
		slug: row.slug,
		body: row.body,
		language: row.language,
		authorName: row.authorName,
		category: row.category ?? '',
		publishedAt: row.publishedAt ? utcToLocalInput(row.publishedAt, timezone) : '',
		timezone,
		coverUrl: mediaUrl(row.coverPath),
		state: stateOf(row.publishedAt, now)
	};
}

function isUniqueViolation(error: unknown) {
	return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002';
}

/**
 * Creates (`id` null) or updates an article: slug checked (format, then unique), body sanitized,
 * date read in the editor's zone (blank = draft), cover re-encoded through the upload rules.
 */
export async function saveArticle(actor: ActorRef, id: string | null, raw: Record<string, unknown>, cover: Uint8Array | null = null, now = new Date()): Promise<{ id: string; slug: string; state: ArticleView['state'] }> {
	const resolved = await requirePermission(actor, 'blog.write');
	const me = requireMember(resolved);
	const input = parseInput(articleInput, raw);
	const body = sanitizeArticle(input.body);
	if (!plainText(body) && !/<(img|iframe)\b/.test(body)) throw invalid('blog.error.body_required', { body: 'blog.error.body_required' });
	let publishedAt: Date | null = null;
	if (input.publishedAt) {
		publishedAt = localToUtc(input.publishedAt, await editorZone(me, input.timezone));
		if (!publishedAt) throw invalid('blog.error.date', { publishedAt: 'blog.error.date' });
	}
	const { db } = context();
	const taken = await db.blogArticle.findUnique({ where: { slug: input.slug }, select: { id: true } });
	if (taken && taken.id !== id) throw conflict('blog.error.slug_taken', { slug: 'blog.error.slug_taken' });
	const previous = id ? await db.blogArticle.findUnique({ where: { id }, select: { coverPath: true } }) : null;
	if (id && !previous) throw notFound('blog.error.not_found');
	const coverPath = cover ? await saveUpload((await acceptImage(cover, 'gallery', 'cover')).bytes, 'webp') : input.removeCover ? null : (previous?.coverPath ?? null);
	const data = {
		title: input.title,
		slug: input.slug,
		body,
		excerpt: plainText(body, 280),
		language: input.language,
		authorName: input.authorName,
		category: input.category ?? null,
		publishedAt,
		coverPath
	};
	try {
		const saved = id ? await db.blogArticle.update({ where: { id }, data, select: { id: true, slug: true } }) : await db.blogArticle.create({ data: { ...data, createdById: me }, select: { id: true, slug: true } });
		if (previous?.coverPath && previous.coverPath !== coverPath) await deleteUpload(previous.coverPath);
		return { ...saved, state: stateOf(publishedAt, now) };
	} catch (error) {
		if (cover && coverPath) await deleteUpload(coverPath);
		if (isUniqueViolation(error)) throw conflict('blog.error.slug_taken', { slug: 'blog.error.slug_taken' });
		throw error;
	}
}

export async function deleteArticle(actor: ActorRef, id: string): Promise<void> {
	await requirePermission(actor, 'blog.write');
	const { db } = context();
	const row = await db.blogArticle.findUnique({ where: { id }, select: { coverPath: true } });
	if (!row) throw notFound('blog.error.not_found');
	await db.blogArticle.delete({ where: { id } });
	await deleteUpload(row.coverPath);
}

/** An image placed in an article's body from the toolbar: stored through the upload rules; its address goes in the body. */
export async function uploadArticleImage(actor: ActorRef, bytes: Uint8Array | null): Promise<{ url: string }> {
	await requirePermission(actor, 'blog.write');
	const image = await acceptImage(bytes, 'gallery', 'image');
	return { url: mediaUrl(await saveUpload(image.bytes, 'webp'))! };
}
