import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { context } from './context.ts';

/**
 * Signatures for links that work without logging in (unsubscribe, invitations, one-click answers,
 * survey links, tickets). Each use names its own key; the key is generated once per installation
 * and kept in the database (AppSecret), so every node and every restart agree and nothing needs
 * configuring. Keys are cached per database client (tests open a database per file).
 */
const keys = new WeakMap<object, Map<string, Promise<Buffer>>>();

function installationKey(name: string): Promise<Buffer> {
	const { db } = context();
	let byName = keys.get(db);
	if (!byName) keys.set(db, (byName = new Map()));
	let key = byName.get(name);
	if (!key) {
		key = (async () => {
			await db.appSecret.createMany({ data: { name, value: randomBytes(32).toString('base64') }, skipDuplicates: true });
			const row = await db.appSecret.findUniqueOrThrow({ where: { name } });
			return Buffer.from(row.value, 'base64');
		})();
		key.catch(() => byName.delete(name));
		byName.set(name, key);
	}
	return key;
}

/** HMAC-SHA256 of `body` with the installation's key `name`, base64url. */
export async function signature(name: string, body: string): Promise<string> {
	return createHmac('sha256', await installationKey(name)).update(body).digest('base64url');
}

/** Whether `given` is the signature `expected` (constant time). */
export function sameSignature(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}
