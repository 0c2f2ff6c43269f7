import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { lookup as dnsLookup } from 'node:dns';
import { CalendarError } from './provider.ts';
import { calendarSettings } from './settings.ts';

/**
 * Outbound GET for URLs typed by members (iCal feeds): http/https only, every resolved address
 * checked (no loopback, private, link-local, unique-local, multicast… — also after each redirect and
 * at connect time, so DNS rebinding cannot slip through), a time-out and a size cap.
 */

const blocked = new BlockList();
for (const [net, prefix] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.0.2.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['198.51.100.0', 24],
	['203.0.113.0', 24],
	['224.0.0.0', 4],
	['240.0.0.0', 4]
] as const)
	blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
	['::', 128],
	['::1', 128],
	['fc00::', 7],
	['fe80::', 10],
	['fec0::', 10],
	['ff00::', 8],
	['2001:db8::', 32],
	['64:ff9b::', 96],
	['100::', 64]
] as const)
	blocked.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is not on the public internet. IPv4-mapped IPv6 addresses are checked as IPv4. */
export function isPrivateAddress(address: string): boolean {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return blocked.check(mapped[1]!, 'ipv4');
	const family = isIP(address);
	if (family === 4) return blocked.check(address, 'ipv4');
	if (family === 6) return blocked.check(address, 'ipv6');
	return true;
}

export interface SafeFetchOptions {
	headers?: Record<string, string>;
	maxBytes?: number;
	timeoutMs?: number;
	maxRedirects?: number;
	/** host:port pairs allowed although private (tests only; defaults to CALENDAR_FETCH_ALLOW) */
	allow?: ReadonlySet<string>;
}

export interface SafeResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
	url: string;
}

function hostPort(url: URL): string {
	const port = url.port || (url.protocol === 'https:' ? '443' : '80');
	return `${url.hostname.replace(/^\[|\]$/g, '').toLowerCase()}:${port}`;
}

/** Refuses a URL before any connection: scheme, credentials, literal private addresses. */
export function checkUrl(raw: string, allow: ReadonlySet<string> = calendarSettings().fetchAllow): URL {
	let url: URL;
	try {
		url = new URL(raw.replace(/^webcals?:\/\//i, (m) => (m.toLowerCase() === 'webcals://' ? 'https://' : 'http://')));
	} catch {
		throw new CalendarError('calendar.error.url_invalid');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CalendarError('calendar.error.url_invalid');
	if (url.username || url.password) throw new CalendarError('calendar.error.url_invalid');
	const host = url.hostname.replace(/^\[|\]$/g, '');
	if (isIP(host) && isPrivateAddress(host) && !allow.has(hostPort(url))) throw new CalendarError('calendar.error.url_forbidden');
	if (!isIP(host) && (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local')) && !allow.has(hostPort(url)))
		throw new CalendarError('calendar.error.url_forbidden');
	return url;
}

/** A DNS lookup that refuses private answers — used by the socket itself, so what is checked is what is dialled. */
function guardedLookup(allowed: boolean): LookupFunction {
	return (hostname, options, callback) => {
		dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
			if (error) return callback(error, '', 0);
			const list = addresses as unknown as { address: string; family: number }[];
			const bad = list.find((a) => isPrivateAddress(a.address));
			if (bad && !allowed) {
				const refusal = Object.assign(new Error(`refused private address ${bad.address}`), { code: 'ERR_PRIVATE_ADDRESS' });
				return callback(refusal, '', 0);
			}
			if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
			const first = list[0]!;
			callback(null, first.address, first.family);
		});
	};
}

function getOnce(url: URL, options: Required<Omit<SafeFetchOptions, 'allow'>> & { allowed: boolean }, deadline: number): Promise<SafeResponse> {
	return new Promise((resolve, reject) => {
		const client = url.protocol === 'https:' ? https : http;
		const remaining = Math.max(1, deadline - Date.now());
		const request = client.request(
			url,
			{ method: 'GET', headers: { 'user-agent': 'Relais-Calendar/1.0', accept: 'text/calendar, */*;q=0.5', ...options.headers }, lookup: guardedLookup(options.allowed), timeout: remaining },
			(response) => {
				const chunks: Buffer[] = [];
				let size = 0;
				const declared = Number(response.headers['content-length'] ?? 0);
				if (declared > options.maxBytes) {
					response.destroy();
					return reject(new CalendarError('calendar.error.feed_too_large'));
				}
				response.on('data', (chunk: Buffer) => {
					size += chunk.length;
					if (size > options.maxBytes) {
						response.destroy();
						request.destroy();
						reject(new CalendarError('calendar.error.feed_too_large'));
						return;
					}
					chunks.push(chunk);
				});
				response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), url: url.toString() }));
				response.on('error', (error) => reject(new CalendarError('calendar.error.feed_unreachable', false, error.message)));
			}
		);
		const timer = setTimeout(() => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), remaining);
		request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
		request.on('close', () => clearTimeout(timer));
		request.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code === 'ERR_PRIVATE_ADDRESS') reject(new CalendarError('calendar.error.url_forbidden'));
			else if (error.code === 'ETIMEDOUT') reject(new CalendarError('calendar.error.feed_timeout'));
			else reject(new CalendarError('calendar.error.feed_unreachable', false, error.message));
		});
		request.end();
	});
}

/** GET with redirects followed by hand (each target re-checked). */
export async function safeGet(raw: string, options: SafeFetchOptions = {}): Promise<SafeResponse> {
	const settings = calendarSettings();
	const allow = options.allow ?? settings.fetchAllow;
	const base = {
		headers: options.headers ?? {},
		maxBytes: options.maxBytes ?? settings.maxFeedBytes,
		timeoutMs: options.timeoutMs ?? settings.feedTimeoutMs,
		maxRedirects: options.maxRedirects ?? 3
	};
	const deadline = Date.now() + base.timeoutMs;
	let url = checkUrl(raw, allow);
	for (let hop = 0; ; hop++) {
		const response = await getOnce(url, { ...base, allowed: allow.has(hostPort(url)) }, deadline);
		if (response.status >= 300 && response.status < 400 && response.status !== 304 && response.headers.location) {
			if (hop >= base.maxRedirects) throw new CalendarError('calendar.error.feed_unreachable', false, 'too many redirects');
			url = checkUrl(new URL(response.headers.location, url).toString(), allow);
			continue;
		}
		return response;
	}
}
