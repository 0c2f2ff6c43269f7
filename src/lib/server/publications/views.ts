import { Prisma } from '../generated/prisma/client.ts';
import { context } from '../context.ts';
import { mediaUrl } from '../uploads/index.ts';
import { plainText } from './sanitize.ts';

/** What every list (feed, tabs, the author's list, the API) shows of a publication. */
export const cardSelect = {
	id: true,
	kind: true,
	audience: true,
	state: true,
	title: true,
	body: true,
	photos: true,
	city: true,
	postcode: true,
	departement: true,
	priceCents: true,
	expiresAt: true,
	hiddenAt: true,
	publishedAt: true,
	updatedAt: true,
	authorId: true,
	companyId: true,
	author: { select: { id: true, slug: true, firstName: true, lastName: true, photoPath: true, category: true } },
	company: { select: { id: true, slug: true, title: true, logoPath: true } }
} as const satisfies Prisma.PublicationSelect;

export type CardRow = Prisma.PublicationGetPayload<{ select: typeof cardSelect }>;

/**
 * The card rows of these ids in ONE statement (the post with its author and company joined): what
 * the feed and the tabs show, loaded beside — not instead of — the visibility check.
 */
export async function cardRows(ids: readonly string[]): Promise<Map<string, CardRow>> {
	if (!ids.length) return new Map();
	const rows = await context().db.$queryRaw<(Omit<CardRow, 'author' | 'company'> & { aSlug: string; aFirst: string; aLast: string; aPhoto: string | null; aCategory: CardRow['author']['category']; cSlug: string | null; cTitle: string | null; cLogo: string | null })[]>(Prisma.sql`
		SELECT p.id, p.kind::text AS kind, p.audience::text AS audience, p.state::text AS state, p.title, p.body, p.photos, p.city, p.postcode, p.departement,
		       p."priceCents", p."expiresAt", p."hiddenAt", p."publishedAt", p."updatedAt", p."authorId", p."companyId",
		       a.slug AS "aSlug", a."firstName" AS "aFirst", a."lastName" AS "aLast", a."photoPath" AS "aPhoto", a.category::text AS "aCategory",
		       c.slug AS "cSlug", c.title AS "cTitle", c."logoPath" AS "cLogo"
		  FROM "Publication" p JOIN "Member" a ON a.id = p."authorId" LEFT JOIN "Company" c ON c.id = p."companyId"
		 WHERE p.id = ANY(${ids as string[]}::uuid[])`);
	return new Map(
		rows.map((r) => [
			r.id,
			{
				...r,
				author: { id: r.authorId, slug: r.aSlug, firstName: r.aFirst, lastName: r.aLast, photoPath: r.aPhoto, category: r.aCategory },
				company: r.companyId && r.cSlug ? { id: r.companyId, slug: r.cSlug, title: r.cTitle ?? '', logoPath: r.cLogo } : null
			} as CardRow
		])
	);
}

export interface PublicationCard {
	id: string;
	kind: 'news' | 'offer' | 'demand' | 'job';
	audience: 'public' | 'members' | 'contacts' | 'selected';
	state: string;
	title: string;
	/** sanitized HTML (allow-list), safe to render as is */
	bodyHtml: string;
	excerpt: string;
	photos: string[];
	place: string | null;
	departement: string | null;
	latitude?: number | null;
	priceCents: number | null;
	expiresAt: string | null;
	expired: boolean;
	hidden: boolean;
	publishedAt: string;
	author: { id: string; slug: string; name: string; photoUrl: string | null; category: string };
	company: { slug: string; title: string; logoUrl: string | null } | null;
}

export function toCard(row: CardRow, now: Date): PublicationCard {
	return {
		id: row.id,
		kind: row.kind,
		audience: row.audience,
		state: row.state,
		title: row.title,
		bodyHtml: row.body,
		excerpt: plainText(row.body, 280),
		photos: row.photos.map((p) => mediaUrl(p)).filter((u): u is string => !!u),
		place: row.city ? `${row.city}${row.postcode ? ` (${row.postcode})` : row.departement ? ` (${row.departement})` : ''}` : null,
		departement: row.departement,
		priceCents: row.priceCents,
		expiresAt: row.expiresAt?.toISOString() ?? null,
		expired: !!row.expiresAt && row.expiresAt <= now,
		hidden: !!row.hiddenAt,
		publishedAt: row.publishedAt.toISOString(),
		author: { id: row.author.id, slug: row.author.slug, name: `${row.author.firstName} ${row.author.lastName}`.trim(), photoUrl: mediaUrl(row.author.photoPath), category: row.author.category },
		company: row.company ? { slug: row.company.slug, title: row.company.title, logoUrl: mediaUrl(row.company.logoPath) } : null
	};
}

/** The API's shape: public fields only (no audience details, no state beyond what the reader may see). */
export function apiItem(card: PublicationCard, publicUrl: string) {
	return {
		id: card.id,
		type: card.kind,
		audience: card.audience,
		title: card.title,
		html: card.bodyHtml,
		text: card.excerpt,
		photos: card.photos.map((p) => `${publicUrl}${p}`),
		place: card.place,
		departement: card.departement,
		price: card.priceCents === null ? null : card.priceCents / 100,
		expiresAt: card.expiresAt,
		publishedAt: card.publishedAt,
		author: { name: card.author.name, url: `${publicUrl}/m/${card.author.slug}` },
		company: card.company ? { name: card.company.title, url: `${publicUrl}/c/${card.company.slug}` } : null,
		url: `${publicUrl}/publications/${card.id}`
	};
}

/** Opaque keyset cursor: the last item's (publishedAt, id). */
export function encodeCursor(item: { publishedAt: string | Date; id: string }): string {
	const at = typeof item.publishedAt === 'string' ? item.publishedAt : item.publishedAt.toISOString();
	return Buffer.from(`${at}|${item.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null | 'bad' {
	if (!cursor) return null;
	const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
	const date = new Date(at ?? '');
	if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) return 'bad';
	return { at: date, id };
}
