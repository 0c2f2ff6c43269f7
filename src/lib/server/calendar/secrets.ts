import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { calendarSettings } from './settings.ts';

/**
 * AES-256-GCM for what must stay secret at rest: Google refresh tokens and iCal feed URLs (a
 * "secret address" is a credential). Format: `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */

let warned = false;

function key(): Buffer {
	const settings = calendarSettings();
	const raw = settings.encryptionKey;
	if (raw) {
		const bytes = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
		if (bytes.length !== 32) throw new Error('CALENDAR_ENCRYPTION_KEY must be 32 bytes (64 hex digits or base64)');
		return bytes;
	}
	if (settings.production) throw new Error('CALENDAR_ENCRYPTION_KEY is required in production to store calendar credentials');
	if (!warned) {
		warned = true;
		console.warn('[calendar] CALENDAR_ENCRYPTION_KEY is not set: using a development key (never in production)');
	}
	return createHash('sha256').update('relais-development-calendar-key').digest();
}

export function encryptSecret(plain: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key(), iv);
	const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
	return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decryptSecret(sealed: string): string {
	const [version, iv, tag, body] = sealed.split('.');
	if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown secret format');
	const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
	decipher.setAuthTag(Buffer.from(tag, 'base64url'));
	return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
