import { context } from '../context.ts';
import { throttled } from '../errors.ts';

/**
 * Login throttling per account and per IP, kept in PostgreSQL so it survives restarts and holds
 * across several nodes. A key is blocked for one window after too many failures inside it.
 */
export function throttleKeys(email: string, ip: string | null | undefined) {
	return { account: `account:${email}`, ip: ip ? `ip:${ip}` : null };
}

export async function assertNotThrottled(keys: { account: string; ip: string | null }) {
	const { db } = context();
	const rows = await db.loginThrottle.findMany({ where: { key: { in: [keys.account, ...(keys.ip ? [keys.ip] : [])] } } });
	const now = Date.now();
	const blockedUntil = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0));
	if (blockedUntil > now) throw throttled('error.throttled', { minutes: Math.ceil((blockedUntil - now) / 60_000) });
}

export async function recordLoginFailure(keys: { account: string; ip: string | null }) {
	const { db, config } = context();
	const windowMs = config.LOGIN_WINDOW_MINUTES * 60_000;
	const limits: [string, number][] = [[keys.account, config.LOGIN_MAX_FAILURES_ACCOUNT]];
	if (keys.ip) limits.push([keys.ip, config.LOGIN_MAX_FAILURES_IP]);
	const seconds = windowMs / 1000;
	for (const [key, max] of limits) {
		// one statement: concurrent failures cannot lose a count; the block starts on the failure
		// that reaches `max`, whether it opens a window or continues one
		await db.$executeRaw`
			INSERT INTO "LoginThrottle" ("key", "failures", "windowStart", "blockedUntil")
			VALUES (${key}::text, 1, now(), CASE WHEN 1 >= ${max}::int THEN now() + make_interval(secs => ${seconds}::float8) END)
			ON CONFLICT ("key") DO UPDATE SET
				"failures" = CASE WHEN "LoginThrottle"."windowStart" < now() - make_interval(secs => ${seconds}::float8) THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
				"windowStart" = CASE WHEN "LoginThrottle"."windowStart" < now() - make_interval(secs => ${seconds}::float8) THEN now() ELSE "LoginThrottle"."windowStart" END,
				"blockedUntil" = CASE
					WHEN (CASE WHEN "LoginThrottle"."windowStart" < now() - make_interval(secs => ${seconds}::float8) THEN 1 ELSE "LoginThrottle"."failures" + 1 END) >= ${max}::int
					THEN now() + make_interval(secs => ${seconds}::float8)
					ELSE "LoginThrottle"."blockedUntil" END`;
	}
}

export async function clearAccountFailures(account: string) {
	await context().db.loginThrottle.deleteMany({ where: { key: account } });
}
