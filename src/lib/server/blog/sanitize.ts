import sanitizeHtml from 'sanitize-html';
import { isStoredName } from '../uploads/index.ts';

/**
 * The article body as the editor's toolbar makes it (headings, bold, italic, lists, links,
 * images, YouTube videos), kept to an allow-list on the server whatever the browser sent:
 * - links: http(s) and mailto only, opened with rel="noopener noreferrer nofollow";
 * - images: only our own uploads (/media/<generated name>) — the page's CSP loads no other;
 * - videos: only a YouTube player rebuilt from a validated video id, on youtube-nocookie.com;
 *   any other iframe (or a YouTube one whose id does not check out) is dropped;
 * - no script, style, event handler, form, object or inline style survives.
 */
export const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const EMBED_ORIGIN = 'https://www.youtube-nocookie.com';

/** The video id of a YouTube address (watch, youtu.be, embed, shorts, nocookie), or null. */
export function youtubeId(src: string): string | null {
	let url: URL;
	try {
		url = new URL(src.trim(), 'https://invalid.example');
	} catch {
		return null;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
	const host = url.hostname.toLowerCase().replace(/^(www\.|m\.)/, '');
	let id: string | null = null;
	if (host === 'youtu.be') id = url.pathname.slice(1).split('/')[0] ?? null;
	else if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
		const embed = url.pathname.match(/^\/(?:embed|shorts|live)\/([^/]+)/);
		id = embed ? embed[1]! : url.pathname === '/watch' ? url.searchParams.get('v') : null;
	}
	return id && YOUTUBE_ID.test(id) ? id : null;
}

export function youtubeEmbedUrl(id: string): string {
	return `${EMBED_ORIGIN}/embed/${id}`;
}

const DROP = 'relais-dropped';

const OPTIONS: sanitizeHtml.IOptions = {
	allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'a', 'img', 'blockquote', 'figure', 'figcaption', 'iframe', 'div'],
	allowedAttributes: {
		a: ['href', 'rel', 'target'],
		img: ['src', 'alt', 'width', 'height', 'loading'],
		iframe: ['src', 'title', 'width', 'height', 'allow', 'allowfullscreen', 'loading', 'referrerpolicy', 'frameborder'],
		div: ['class']
	},
	allowedClasses: { div: ['video'] },
	allowedSchemes: ['http', 'https', 'mailto'],
	allowedSchemesByTag: { img: [] },
	allowedSchemesAppliedToAttributes: ['href', 'src'],
	allowProtocolRelative: false,
	allowedIframeHostnames: ['www.youtube-nocookie.com'],
	allowIframeRelativeUrls: false,
	disallowedTagsMode: 'discard',
	nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', DROP],
	transformTags: {
		a: (tagName, attribs) => ({ tagName, attribs: { href: attribs.href ?? '', rel: 'noopener noreferrer nofollow', ...(attribs.target === '_blank' ? { target: '_blank' } : {}) } }),
		b: 'strong',
		i: 'em',
		img: (tagName, attribs): sanitizeHtml.Tag => {
			const name = (attribs.src ?? '').match(/^\/media\/([^/?#]+)$/)?.[1];
			if (!name || !isStoredName(name)) return { tagName: DROP, attribs: {} };
			return { tagName, attribs: { src: `/media/${name}`, alt: (attribs.alt ?? '').slice(0, 300), loading: 'lazy' } };
		},
		iframe: (_tagName, attribs): sanitizeHtml.Tag => {
			const id = youtubeId(attribs.src ?? '');
			if (!id) return { tagName: DROP, attribs: {} };
			return {
				tagName: 'iframe',
				attribs: {
					src: youtubeEmbedUrl(id),
					title: (attribs.title ?? 'YouTube').slice(0, 200),
					width: '560',
					height: '315',
					loading: 'lazy',
					referrerpolicy: 'strict-origin-when-cross-origin',
					allow: 'encrypted-media; picture-in-picture',
					allowfullscreen: ''
				}
			};
		}
	},
	exclusiveFilter: (frame) => frame.tag === DROP
};

/** The body to store: the allow-list applied (see above). */
export function sanitizeArticle(html: string): string {
	// iframes carry no content: keep the tag (rebuilt above), never what a browser would ignore inside it
	return sanitizeHtml(html, { ...OPTIONS, nonTextTags: OPTIONS.nonTextTags!.filter((t) => t !== 'iframe') }).trim();
}

/** Plain text of a body (excerpt, OpenGraph description, feed summary). */
export function plainText(html: string, max = 280): string {
	const text = sanitizeHtml(html.replace(/<\/(p|h[2-4]|li|div|blockquote|figcaption)>|<br\s*\/?>/gi, ' $&'), { allowedTags: [], allowedAttributes: {} })
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
