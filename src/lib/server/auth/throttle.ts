import { context } from '../context.ts';
import { throttled } from '../errors.ts';

/**
 * Login throttling, kept in PostgreSQL so it survives restarts and holds across several nodes.
 *
 * - Per account, a progressive delay rather than a lock-out (an attacker must not be able to lock
 *   an owner out): from the LOGIN_MAX_FAILURES_ACCOUNT-th failure on, each failure makes the next
 *   attempt wait 1, 2, 4, 8… seconds, at most LOGIN_DELAY_MAX_SECONDS. Attempts during the delay are
 *   refused unchecked and not counted; once it has passed the right password gets in. Failures are
 *   forgotten LOGIN_WINDOW_MINUTES after the last one, and on a successful login.
 * - Per IP, a block: LOGIN_MAX_FAILURES_IP failures within LOGIN_WINDOW_MINUTES block that IP for
 *   LOGIN_WINDOW_MINUTES.
 */
export function throttleKeys(email: string, ip: string | null | undefined) {
	return { account: `account:${email}`, ip: ip ? `ip:${ip}` : null };
}

type Keys = { account: string; ip: string | null };

export async function assertNotThrottled(keys: Keys, now = new Date()) {
	const { db } = context();
	const rows = await db.loginThrottle.findMany({ where: { key: { in: [keys.account, ...(keys.ip ? [keys.ip] : [])] } } });
	const waitMs = (key: string | null) => {
		const until = rows.find((r) => r.key === key)?.blockedUntil?.getTime() ?? 0;
		return until - now.getTime();
	};
	const ipWait = waitMs(keys.ip);
	if (ipWait > 0) throw throttled('error.throttled', { minutes: Math.ceil(ipWait / 60_000) });
	const accountWait = waitMs(keys.account);
	if (accountWait > 0) throw throttled('auth.error.login_delayed', { seconds: Math.ceil(accountWait / 1000) });
}

export async function recordLoginFailure(keys: Keys, now = new Date()) {
	const { db, config } = context();
	const windowSeconds = config.LOGIN_WINDOW_MINUTES * 60;
	const forgotten = new Date(now.getTime() - windowSeconds * 1000);
	const free = config.LOGIN_MAX_FAILURES_ACCOUNT;
	const cap = config.LOGIN_DELAY_MAX_SECONDS;
	// one statement each: concurrent failures cannot lose a count. For the account, "windowStart"
	// is the time of the last failure; the delay doubles with every failure past the free ones.
	await db.$executeRaw`
		INSERT INTO "LoginThrottle" ("key", "failures", "windowStart", "blockedUntil")
		VALUES (${keys.account}::text, 1, ${now}::timestamp, CASE WHEN 1 >= ${free}::int THEN ${now}::timestamp + make_interval(secs => LEAST(${cap}::float8, 1)) END)
		ON CONFLICT ("key") DO UPDATE SET
			"failures" = CASE WHEN "LoginThrottle"."windowStart" < ${forgotten}::timestamp THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
			"windowStart" = ${now}::timestamp,
			"blockedUntil" = CASE
				WHEN (CASE WHEN "LoginThrottle"."windowStart" < ${forgotten}::timestamp THEN 1 ELSE "LoginThrottle"."failures" + 1 END) >= ${free}::int
				THEN ${now}::timestamp + make_interval(secs => LEAST(${cap}::float8, power(2, LEAST(30, (CASE WHEN "LoginThrottle"."windowStart" < ${forgotten}::timestamp THEN 1 ELSE "LoginThrottle"."failures" + 1 END) - ${free}::int))::float8))
				ELSE NULL END`;
	if (!keys.ip) return;
	const max = config.LOGIN_MAX_FAILURES_IP;
	const blockedUntil = new Date(now.getTime() + windowSeconds * 1000);
	// the block starts on the failure that reaches `max`, whether it opens a window or continues one
	await db.$executeRaw`
		INSERT INTO "LoginThrottle" ("key", "failures", "windowStart", "blockedUntil")
		VALUES (${keys.ip}::text, 1, ${now}::timestamp, CASE WHEN 1 >= ${max}::int THEN ${blockedUntil}::timestamp END)
		ON CONFLICT ("key") DO UPDATE SET
			"failures" = CASE WHEN "LoginThrottle"."windowStart" < ${forgotten}::timestamp THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
			"windowStart" = CASE WHEN "LoginThrottle"."windowStart" < ${forgotten}::timestamp THEN ${now}::timestamp ELSE "LoginThrottle"."windowStart" END,
			"blockedUntil" = CASE
				WHEN (CASE WHEN "LoginThrottle"."windowStart" < ${forgotten}::timestamp THEN 1 ELSE "LoginThrottle"."failures" + 1 END) >= ${max}::int
				THEN ${blockedUntil}::timestamp
				ELSE "LoginThrottle"."blockedUntil" END`;
}

export async function clearAccountFailures(account: string) {
	await context().db.loginThrottle.deleteMany({ where: { key: account } });
}
