import { isIP } from 'node:net';

/**
 * Who is on the other end of a request. One rule for express, SvelteKit (through the private
 * header below, read by adapter-node as ADDRESS_HEADER) and socket.io:
 *
 * - with `hops` trusted reverse proxies (TRUST_PROXY), the client is the entry `hops` places from
 *   the right of [ …X-Forwarded-For, socket peer ] — the rightmost entry no trusted proxy wrote
 *   is never the leftmost, which any client can put there itself;
 * - with no trusted proxy, X-Forwarded-For is ignored entirely: the socket peer is the client.
 */

/** Set by server/app.ts on every request (client-sent values are overwritten). */
export const CLIENT_ADDRESS_HEADER = 'x-relais-client-address';
/** '1' when the request came straight from a loopback socket, with no proxy in between. */
export const DIRECT_LOOPBACK_HEADER = 'x-relais-direct-loopback';

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/** `::ffff:127.0.0.1` → `127.0.0.1`; anything else unchanged (trimmed). */
export function normalizeAddress(address: string): string {
	const trimmed = address.trim();
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
	return mapped ? mapped[1]! : trimmed;
}

export function isLoopbackAddress(address: string | null | undefined): boolean {
	if (!address) return false;
	const a = normalizeAddress(address).toLowerCase();
	if (a === 'localhost') return true;
	if (isIP(a) === 4) return a.startsWith('127.');
	if (isIP(a) === 6) return a === '::1' || a === '0:0:0:0:0:0:0:1';
	return false;
}

/** TRUST_PROXY: unset/`false`/`0` → no proxy; `true` → one; `N` → N proxies in a row. */
export function trustedProxyHops(value: string | undefined): number {
	const v = (value ?? '').trim().toLowerCase();
	if (v === '' || v === 'false' || v === 'off') return 0;
	if (v === 'true' || v === 'on') return 1;
	if (/^\d{1,2}$/.test(v)) return Number(v);
	throw new Error(`TRUST_PROXY must be true, false or a number of proxies (got "${value}")`);
}

function forwardedList(header: string | string[] | undefined): string[] {
	const joined = Array.isArray(header) ? header.join(',') : (header ?? '');
	return joined
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
}

export function clientAddress(remoteAddress: string | null | undefined, forwardedFor: string | string[] | undefined, hops: number): string {
	const peer = normalizeAddress(remoteAddress ?? '');
	if (hops <= 0) return peer;
	// right to left: the socket peer, then what each trusted proxy appended
	const chain = [peer, ...forwardedList(forwardedFor).reverse().map(normalizeAddress)];
	return chain[Math.min(hops, chain.length - 1)]!;
}

/** A request from this very machine, not relayed by any proxy (which would add a forwarding header). */
export function isDirectLoopback(remoteAddress: string | null | undefined, headers: Record<string, string | string[] | undefined>): boolean {
	return isLoopbackAddress(remoteAddress) && FORWARDING_HEADERS.every((name) => headers[name] === undefined);
}
