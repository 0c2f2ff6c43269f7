import { describe, expect, it } from 'vitest';
import { clientAddress, isDirectLoopback, isLoopbackAddress, trustedProxyHops } from '../../src/lib/server/client-address.ts';
import { loadConfig } from '../../src/lib/server/config.ts';

describe('loopback peers', () => {
	it('knows loopback socket addresses, IPv4-mapped included, and nothing else', () => {
		for (const a of ['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1', 'localhost']) expect(isLoopbackAddress(a), a).toBe(true);
		for (const a of ['10.0.0.1', '192.168.1.4', '::ffff:10.0.0.1', 'fe80::1', '0.0.0.0', '', undefined, null, '1.2.3.4']) expect(isLoopbackAddress(a), String(a)).toBe(false);
	});
	it('a direct request is a loopback socket with no forwarding header at all', () => {
		expect(isDirectLoopback('127.0.0.1', {})).toBe(true);
		expect(isDirectLoopback('::ffff:127.0.0.1', { host: 'x' })).toBe(true);
		expect(isDirectLoopback('127.0.0.1', { 'x-forwarded-for': '1.2.3.4' })).toBe(false);
		expect(isDirectLoopback('127.0.0.1', { forwarded: 'for=1.2.3.4' })).toBe(false);
		expect(isDirectLoopback('127.0.0.1', { 'x-real-ip': '1.2.3.4' })).toBe(false);
		expect(isDirectLoopback('10.0.0.7', {})).toBe(false);
	});
});

describe('client address behind trusted proxies', () => {
	it('no proxy trusted: X-Forwarded-For is ignored entirely', () => {
		expect(clientAddress('::ffff:10.0.0.9', '1.2.3.4', 0)).toBe('10.0.0.9');
		expect(clientAddress('127.0.0.1', '127.0.0.1', 0)).toBe('127.0.0.1');
	});
	it('one proxy: the rightmost entry, never a spoofed leftmost one', () => {
		expect(clientAddress('127.0.0.1', '203.0.113.5', 1)).toBe('203.0.113.5');
		expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.5', 1)).toBe('203.0.113.5');
		expect(clientAddress('127.0.0.1', ['6.6.6.6', '203.0.113.5'], 1)).toBe('203.0.113.5');
		// a proxy that sent nothing: the peer itself
		expect(clientAddress('127.0.0.1', undefined, 1)).toBe('127.0.0.1');
	});
	it('two proxies: the entry two hops from the peer', () => {
		expect(clientAddress('127.0.0.1', '6.6.6.6, 198.51.100.7, 10.0.0.2', 2)).toBe('198.51.100.7');
		expect(clientAddress('127.0.0.1', '198.51.100.7', 2)).toBe('198.51.100.7');
	});
	it('TRUST_PROXY: unset/false → 0, true → 1, a number → that many; nonsense is refused', () => {
		expect(trustedProxyHops(undefined)).toBe(0);
		expect(trustedProxyHops('false')).toBe(0);
		expect(trustedProxyHops('true')).toBe(1);
		expect(trustedProxyHops('2')).toBe(2);
		expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxyHops).toBe(1);
		expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
	});
});
