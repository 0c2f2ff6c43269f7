import { escapeHtml } from '../mail/templates.ts';
import { feedArticles, type UiLocale } from './articles.ts';

/**
 * The blog's Atom feed (RFC 4287) for one interface language: the published articles, newest
 * first, with their sanitized body as HTML content. `base` is the site's public origin.
 */
export async function atomFeed(locale: UiLocale, base: string, title: string, now = new Date()): Promise<string> {
	const entries = await feedArticles(locale, now);
	const origin = base.replace(/\/+$/, '');
	const updated = entries.reduce((max, e) => (e.updatedAt > max ? e.updatedAt : max), entries[0]?.publishedAt ?? now.toISOString());
	const x = (s: string) => escapeHtml(s);
	const absolute = (html: string) => html.replace(/(src|href)="\/(?!\/)/g, `$1="${origin}/`);
	const items = entries
		.map(
			(e) => `  <entry>
    <id>urn:uuid:${e.id}</id>
    <title>${x(e.title)}</title>
    <link rel="alternate" type="text/html" href="${x(`${origin}/blog/${e.slug}`)}"/>
    <published>${e.publishedAt}</published>
    <updated>${e.publishedAt! > e.updatedAt ? e.publishedAt : e.updatedAt}</updated>
    <author><name>${x(e.authorName)}</name></author>
${e.category ? `    <category term="${x(e.category)}"/>\n` : ''}    <summary>${x(e.excerpt)}</summary>
    <content type="html">${x(absolute(e.body))}</content>
  </entry>`
		)
		.join('\n');
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${x(`${origin}/blog/feed.xml?lang=${locale}`)}</id>
  <title>${x(title)}</title>
  <link rel="self" type="application/atom+xml" href="${x(`${origin}/blog/feed.xml?lang=${locale}`)}"/>
  <link rel="alternate" type="text/html" href="${x(`${origin}/blog`)}"/>
  <updated>${updated}</updated>
${items}
</feed>
`;
}
