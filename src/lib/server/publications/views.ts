import type { Prisma } from '../generated/prisma/client.ts';
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
