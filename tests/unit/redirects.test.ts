import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from '../../src/lib/server/redirects.ts';

describe('safeRedirectTarget (login / language switch redirectTo)', () => {
	it.each([
		['/messages', '/messages'],
		['/search?q=plombier&where=Lyon#r', '/search?q=plombier&where=Lyon#r'],
		['/m/léa-rousseau', '/m/l%C3%A9a-rousseau']
	])('keeps the same-site path %s', (value, expected) => {
		expect(safeRedirectTarget(value)).toBe(expected);
	});

	it.each([
		['a tab', '/\t/evil.example'],
		['a newline', '/settings\nSet-Cookie: x=1'],
		['a carriage return', '/settings\r\n'],
		['a NUL', '/a\u0000b'],
		['DEL', '/a\u007fb'],
		['a protocol-relative URL', '//evil.example'],
		['a backslash', '/\\evil.example'],
		['a backslash later on', '/a\\b'],
		['an absolute URL', 'https://evil.example/'],
		['a javascript: URL', 'javascript:alert(1)'],
		['an empty value', ''],
		['an oversized value', `/${'a'.repeat(600)}`]
	])('falls back to the home page for %s', (_label, value) => {
		expect(safeRedirectTarget(value)).toBe('/');
	});

	it('only ever returns something a Location header can carry', () => {
		for (const value of ['/caf\u00e9', '/\u{1F600}', '/a b', '/%0d%0a']) expect(safeRedirectTarget(value)).toMatch(/^\/[\x21-\x7e]*$/);
	});
});
