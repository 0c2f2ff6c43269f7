import { randomBytes } from 'node:crypto';
import { sameSignature, signature } from '../signing.ts';

/**
 * Signed, single-purpose tokens of the events domain: `join` (the "Participer" link of one
 * invitation) and `ticket` (the QR code of one registration). The key is generated once per
 * installation and kept in the database (AppSecret), so every node and restart agree. A token
 * names its purpose: a ticket is never a "Participer" link, and the reverse.
 */
export type TokenPurpose = 'join' | 'ticket';

const SECRET_NAME = 'gatherings.tokens';
const mac = async (body: string) => (await signature(SECRET_NAME, body)).slice(0, 32);

export async function signToken(purpose: TokenPurpose, id: string): Promise<string> {
	const body = Buffer.from(`${purpose}:${id}`).toString('base64url');
	return `${body}.${await mac(body)}`;
}

/** The id a token of `purpose` names, or null (bad signature, other purpose, garbage). */
export async function readToken(purpose: TokenPurpose, token: unknown): Promise<string | null> {
	if (typeof token !== 'string' || token.length > 200) return null;
	const [body, given] = token.split('.');
	if (!body || !given) return null;
	if (!sameSignature(given, await mac(body))) return null;
	const [p, id] = Buffer.from(body, 'base64url').toString('utf8').split(':');
	if (p !== purpose || !id || !/^[0-9a-f-]{36}$/.test(id)) return null;
	return id;
}

/** The short code printed under a ticket's QR code (typed at the door): 8 characters, no look-alikes. */
export function newTicketCode(): string {
	const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const bytes = randomBytes(8);
	return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}
