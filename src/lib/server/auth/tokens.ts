import type { Database } from '../db.ts';
import { invalid } from '../errors.ts';
import type { TokenPurpose } from '../generated/prisma/enums.ts';
import { hashSecret, newSecret } from './secrets.ts';

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
	activation: 48 * 3600_000,
	password_reset: 3600_000,
	email_change: 24 * 3600_000
};

type Tx = Pick<Database, 'accountToken'>;

/** Issues a single-use emailed token; earlier unused tokens of the same purpose stop working. */
export async function issueToken(tx: Tx, memberId: string, purpose: TokenPurpose, payload?: string): Promise<string> {
	const secret = newSecret();
	const now = new Date();
	await tx.accountToken.updateMany({ where: { memberId, purpose, usedAt: null }, data: { usedAt: now } });
	await tx.accountToken.create({
		data: { tokenHash: hashSecret(secret), memberId, purpose, payload, expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]) }
	});
	return secret;
}

/**
 * Marks the token used and returns it. The conditional update makes "use once" hold even when
 * the same link is opened twice at the same instant.
 */
export async function consumeToken(tx: Tx, secret: string, purpose: TokenPurpose) {
	const tokenHash = hashSecret(secret);
	const token = await tx.accountToken.findUnique({ where: { tokenHash } });
	if (!token || token.purpose !== purpose) throw invalid('error.token_invalid');
	if (token.usedAt) throw invalid('error.token_used');
	if (token.expiresAt.getTime() <= Date.now()) throw invalid('error.token_expired');
	const { count } = await tx.accountToken.updateMany({ where: { tokenHash, usedAt: null }, data: { usedAt: new Date() } });
	if (count !== 1) throw invalid('error.token_used');
	return token;
}
