import { context } from '../context.ts';
import { throttled } from '../errors.ts';
import type { MessageKey } from '../../i18n/index.ts';

/**
 * Fixed-window counters in PostgreSQL (table "RateCounter"), so that a limit holds across
 * restarts and across every process of a cluster. `consumeRates` counts one hit on each rule's
 * key, all or nothing: when one key is over its limit nothing is counted (a refused request does
 * not push the others further) and a typed `throttled` error says when to come back.
 */
export interface RateRule {
	key: string;
	limit: number;
}

export async function consumeRates(rules: RateRule[], options: { windowMs: number; now?: Date; message?: MessageKey }): Promise<void> {
	if (rules.length === 0) return;
	const now = options.now ?? new Date();
	const expired = new Date(now.getTime() - options.windowMs);
	await context().db.$transaction(async (tx) => {
		for (const rule of rules) {
			const counted = await tx.$queryRaw<{ hits: number }[]>`
				INSERT INTO "RateCounter" ("key", "hits", "windowStart") VALUES (${rule.key}, 1, ${now})
				ON CONFLICT ("key") DO UPDATE SET
					"hits" = CASE WHEN "RateCounter"."windowStart" <= ${expired} THEN 1 ELSE "RateCounter"."hits" + 1 END,
					"windowStart" = CASE WHEN "RateCounter"."windowStart" <= ${expired} THEN ${now} ELSE "RateCounter"."windowStart" END
				WHERE "RateCounter"."windowStart" <= ${expired} OR "RateCounter"."hits" < ${rule.limit}
				RETURNING "hits"`;
			if (counted.length > 0) continue;
			const row = await tx.rateCounter.findUnique({ where: { key: rule.key }, select: { windowStart: true } });
			const retryMs = (row?.windowStart.getTime() ?? now.getTime()) + options.windowMs - now.getTime();
			// thrown inside the transaction: the hits already counted on other keys are rolled back
			throw throttled(options.message ?? 'auth.error.rate_limited', { minutes: Math.max(1, Math.ceil(retryMs / 60_000)) });
		}
	});
}

/** Who asks for a mail: the client's IP and, when logged in, the member — whatever the session. */
export interface MailRequester {
	ip?: string | null;
	memberId?: string | null;
}

/**
 * Every action that sends a mail: at most MAIL_LIMIT_PER_ADDRESS mails of one kind to one address,
 * MAIL_LIMIT_PER_IP mail-sending actions per IP and MAIL_LIMIT_PER_MEMBER per member, each per
 * MAIL_LIMIT_WINDOW_MINUTES.
 */
export async function limitMail(kind: string, to: string | null, requester: MailRequester = {}, now?: Date): Promise<void> {
	const { config } = context();
	const rules: RateRule[] = [];
	if (to) rules.push({ key: `${kind}:to:${to}`, limit: config.MAIL_LIMIT_PER_ADDRESS });
	if (requester.ip) rules.push({ key: `mail:ip:${requester.ip}`, limit: config.MAIL_LIMIT_PER_IP });
	if (requester.memberId) rules.push({ key: `mail:member:${requester.memberId}`, limit: config.MAIL_LIMIT_PER_MEMBER });
	await consumeRates(rules, { windowMs: config.MAIL_LIMIT_WINDOW_MINUTES * 60_000, now });
}
