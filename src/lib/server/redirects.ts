const BASE = 'http://relais.invalid';

/**
 * Only same-site paths: an attacker's ?redirectTo=https://evil.example must land on the home page.
 * Control characters are refused outright — browsers drop tabs and newlines from URLs, so
 * "/\t/evil.example" would become "//evil.example", and they cannot go into a Location header —
 * as are backslashes ("/\evil.example" is "//evil.example" to a browser). What passes is
 * re-serialized by the URL parser, so the header only ever carries percent-encoded ASCII.
 */
export function safeRedirectTarget(value: string | null | undefined): string {
	if (!value || value.length > 500 || !value.startsWith('/') || value.startsWith('//')) return '/';
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
	let url: URL;
	try {
		url = new URL(value, BASE);
	} catch {
		return '/';
	}
	if (url.origin !== BASE) return '/';
	return `${url.pathname}${url.search}${url.hash}`;
}
