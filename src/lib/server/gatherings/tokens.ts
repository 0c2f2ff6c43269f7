import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { context } from '../context.ts';

/**
 * Signed, single-purpose tokens of the events domain: `join` (the "Participer" link of one
 * invitation) and `ticket` (the QR code of one registration). The key is generated once per
 * installation and kept in the database (AppSecret), so every node and restart agree. A token
 * names its purpose: a ticket is never a "Participer" link, and the reverse.
 */
export type TokenPurpose = 'join' | 'ticket';

const SECRET_NAME = 'gatherings.tokens';
const keys = new WeakMap<object, Promise<Buffer>>();

function signingKey(): Promise<Buffer> {
	const { db } = context();
	let key = keys.get(db);
	if (!key) {
		key = (async () => {
			await db.appSecret.createMany({ data: { name: SECRET_NAME, value: randomBytes(32).toString('base64') }, skipDuplicates: true });
			const row = await db.appSecret.findUniqueOrThrow({ where: { name: SECRET_NAME } });
			return Buffer.from(row.value, 'base64');
		})();
		key.catch(() => keys.delete(db));
		keys.set(db, key);
	}
	return key;
}

const mac = async (body: string) => createHmac('sha256', await signingKey()).update(body).digest('base64url').slice(0, 32);

export async function signToken(purpose: TokenPurpose, id: string): Promise<string> {
	const body = Buffer.from(`${purpose}:${id}`).toString('base64url');
	return `${body}.${await mac(body)}`;
}

/** The id a token of `purpose` names, or null (bad signature, other purpose, garbage). */
export async function readToken(purpose: TokenPurpose, token: unknown): Promise<string | null> {
	if (typeof token !== 'string' || token.length > 200) return null;
	const [body, given] = token.split('.');
	if (!body || !given) return null;
	const expected = Buffer.from(await mac(body));
	const actual = Buffer.from(given);
	if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
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
