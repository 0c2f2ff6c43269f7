import type { NextFunction, Request, Response } from 'express';
import { TokenBuckets } from './realtime/limits.ts';
import { parseCookie } from 'cookie';
import { localeFromAcceptLanguage, translate } from '../src/lib/i18n/index.ts';
import { resolveSession } from '../src/lib/server/auth/sessions.ts';
import { CLIENT_ADDRESS_HEADER } from '../src/lib/server/client-address.ts';
import { liveRedis, type LiveRedis } from '../src/lib/server/live/index.ts';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Requests without a session that write something (sign-up, forgotten password, a visitor's
 * message or booking…) each send mail or create rows: per IP they share one token bucket, so
 * nobody can bomb a mailbox or fill the database from one address. Members are throttled by the
 * domain (login) and per event on sockets. Several nodes (REDIS_URL): one window of `perMinute`
 * per IP in Redis, shared by the nodes (rate-limiter-flexible; memory stands in if Redis fails).
 */
export function visitorWriteThrottle(options: { perMinute: number; sessionCookies: string[] }) {
	const buckets = new TokenBuckets();
	const spec = { capacity: options.perMinute, perSecond: options.perMinute / 60 };
	const sweep = setInterval(() => buckets.sweep(), 5 * 60_000);
	sweep.unref();
	let shared: { live: LiveRedis; limiter: RateLimiterRedis } | null = null;
	const take = async (key: string): Promise<{ ok: boolean; retryMs: number }> => {
		const live = liveRedis();
		if (!live) return buckets.take(key, spec);
		if (shared?.live !== live) {
			const common = { keyPrefix: 'relais:rl:visitor', points: options.perMinute, duration: 60 };
			shared = { live, limiter: new RateLimiterRedis({ storeClient: live.client, ...common, insuranceLimiter: new RateLimiterMemory(common) }) };
		}
		try {
			await shared.limiter.consume(key);
			return { ok: true, retryMs: 0 };
		} catch (result) {
			return result instanceof RateLimiterRes ? { ok: false, retryMs: Math.max(1000, result.msBeforeNext) } : { ok: true, retryMs: 0 };
		}
	};
	return async (req: Request, res: Response, next: NextFunction) => {
		if (!WRITE_METHODS.has(req.method)) return next();
		try {
			// a real session, not just a cookie with the right name
			const cookies = parseCookie(req.headers.cookie ?? '');
			for (const name of options.sessionCookies) if (cookies[name] && (await resolveSession(cookies[name]))) return next();
		} catch {
			// the session store is unreachable: fall through to the visitor's limit
		}
		const { ok, retryMs } = await take(`ip:${req.headers[CLIENT_ADDRESS_HEADER] ?? 'unknown'}`);
		if (ok) return next();
		const minutes = Math.max(1, Math.ceil(retryMs / 60_000));
		res.setHeader('Retry-After', String(Math.ceil(retryMs / 1000)));
		res.status(429).type('text/plain; charset=utf-8').send(translate(localeFromAcceptLanguage(req.headers['accept-language']), 'error.throttled', { minutes }));
	};
}
