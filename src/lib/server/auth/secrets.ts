import { createHash, randomBytes } from 'node:crypto';

/** 256 bits, URL-safe: what goes into cookies and emailed links. */
export function newSecret(): string {
	return randomBytes(32).toString('base64url');
}

/** Only hashes are stored, so a database leak does not hand out live sessions or links. */
export function hashSecret(secret: string): string {
	return createHash('sha256').update(secret).digest('hex');
}
