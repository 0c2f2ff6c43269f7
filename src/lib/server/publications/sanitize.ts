import sanitizeHtml from 'sanitize-html';

/**
 * The formatted text of a publication, cleaned on the server whatever the editor sent: an
 * allow-list of paragraphs, line breaks, bold, italic, lists and links (http, https, mailto only,
 * opened with rel="nofollow noopener noreferrer"). Scripts, styles, event handlers (on*), images,
 * iframes and every other attribute are dropped; script/style contents disappear with them.
 * Plain text (no tag at all) becomes paragraphs, one per blank-line-separated block.
 */
const OPTIONS: sanitizeHtml.IOptions = {
	allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a'],
	// transformTags runs first: the attributes below are those of the transformed tag
	allowedAttributes: { a: ['href', 'rel', 'target'] },
	allowedSchemes: ['http', 'https', 'mailto'],
	allowedSchemesAppliedToAttributes: ['href'],
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title'],
	transformTags: {
		b: 'strong',
		i: 'em',
		// only href comes from the input; a link without one keeps its text only
		a: (tagName, attribs): sanitizeHtml.Tag =>
			attribs.href ? { tagName, attribs: { href: attribs.href, rel: 'nofollow noopener noreferrer', target: '_blank' } } : { tagName: 'span', attribs: {} as Record<string, string> }
	}
};

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Plain text with no markup: paragraphs from blank lines, line breaks kept. */
function paragraphs(text: string): string {
	return text
		.split(/\r?\n\s*\r?\n/)
		.map((block) => block.trim())
		.filter(Boolean)
		.map((block) => `<p>${escapeText(block).replace(/\r?\n/g, '<br>')}</p>`)
		.join('');
}

export function sanitizeBody(input: string): string {
	const html = /<[a-z!/][^>]*>/i.test(input) ? input : paragraphs(input);
	return sanitizeHtml(html, OPTIONS).trim();
}

/** The text alone (previews, mails, OpenGraph descriptions, search). */
export function plainText(html: string, max = 300): string {
	const text = sanitizeHtml(html.replace(/<\/(p|li)>|<br\s*\/?>/gi, ' '), { allowedTags: [], allowedAttributes: {} })
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
