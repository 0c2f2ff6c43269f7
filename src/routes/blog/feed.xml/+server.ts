import type { RequestHandler } from './$types';
import { atomFeed } from '#lib/server/blog/index.ts';
import { context } from '#lib/server/context.ts';
import { isLocale, translate } from '#lib/i18n/index.ts';

/** The blog's Atom feed: ?lang=fr|en (default: the visitor's interface language). */
export const GET: RequestHandler = async ({ url, locals }) => {
	const asked = url.searchParams.get('lang');
	const locale = isLocale(asked) ? asked : locals.locale;
	const xml = await atomFeed(locale, context().config.publicUrl, translate(locale, 'blog.feed_title'));
	return new Response(xml, { headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300' } });
};
