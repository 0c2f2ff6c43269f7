import type { Database } from '../db.ts';
import { invalid } from '../errors.ts';
import type { TokenPurpose } from '../generated/prisma/enums.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { hashSecret, newSecret } from './secrets.ts';

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
	activation: 48 * 3600_000,
	password_reset: 3600_000,
	email_change: 24 * 3600_000
};

/**
 * A newer link replaces the older ones for a password reset or an address change (only the last
 * one asked for can be used); activation links all keep working until one is used or they expire,
 * so the first mail still works after a resend.
 */
const REPLACES_EARLIER: Record<TokenPurpose, boolean> = { activation: false, password_reset: true, email_change: true };

type Tx = Pick<Database, 'accountToken'>;

export type TokenProblem = 'invalid' | 'expired' | 'used' | 'replaced';

/** The message saying exactly what is wrong with which link (activation, reset, address change). */
export function tokenError(purpose: TokenPurpose, problem: TokenProblem) {
	return invalid(`auth.token.${purpose}.${problem}` as MessageKey);
}

/** Issues a single-use emailed token. */
export async function issueToken(tx: Tx, memberId: string, purpose: TokenPurpose, payload?: string): Promise<string> {
	const secret = newSecret();
	const now = new Date();
	if (REPLACES_EARLIER[purpose]) {
		await tx.accountToken.updateMany({ where: { memberId, purpose, usedAt: null }, data: { usedAt: now, replacedAt: now } });
	}
	await tx.accountToken.create({
		data: { tokenHash: hashSecret(secret), memberId, purpose, payload, expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]) }
	});
	return secret;
}

const SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** What is wrong with a link, without using it (a page can say so before showing its form). */
export async function tokenProblem(tx: Tx, secret: unknown, purpose: TokenPurpose, now = new Date()): Promise<TokenProblem | null> {
	if (typeof secret !== 'string' || !SHAPE.test(secret)) return 'invalid';
	const token = await tx.accountToken.findUnique({ where: { tokenHash: hashSecret(secret) } });
	if (!token || token.purpose !== purpose) return 'invalid';
	if (token.replacedAt) return 'replaced';
	if (token.usedAt) return 'used';
	if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
	return null;
}

/**
 * Marks the token used and returns it. The conditional update makes "use once" hold even when
 * the same link is opened twice at the same instant.
 */
export async function consumeToken(tx: Tx, secret: unknown, purpose: TokenPurpose) {
	const problem = await tokenProblem(tx, secret, purpose);
	if (problem) throw tokenError(purpose, problem);
	const tokenHash = hashSecret(secret as string);
	const { count } = await tx.accountToken.updateMany({ where: { tokenHash, usedAt: null }, data: { usedAt: new Date() } });
	if (count !== 1) throw tokenError(purpose, 'used');
	return tx.accountToken.findUniqueOrThrow({ where: { tokenHash } });
}
