import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { context } from '../context.ts';

/**
 * Signed links of the administration area (invitation links, one-click unsubscribe from
 * invitation mails): `body.mac`, HMAC-SHA256 with a key generated once per installation and kept in
 * the database (AppSecret), so every node and restart agree and nothing needs configuring.
 */
const SECRET_NAME = 'admin.invitations';
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

const mac = async (body: string) => createHmac('sha256', await signingKey()).update(body).digest('base64url');

/** `parts` joined and signed; `purpose` keeps a token of one kind from being used as another. */
export async function signParts(purpose: string, parts: string[]): Promise<string> {
	const body = Buffer.from([purpose, ...parts].join('\n')).toString('base64url');
	return `${body}.${await mac(body)}`;
}

/** The parts of a token signed for `purpose`, or null when it is malformed or forged. */
export async function readSigned(purpose: string, token: unknown): Promise<string[] | null> {
	if (typeof token !== 'string' || token.length > 600) return null;
	const [body, given, extra] = token.split('.');
	if (!body || !given || extra !== undefined) return null;
	const expected = Buffer.from(await mac(body));
	const got = Buffer.from(given);
	if (got.length !== expected.length || !timingSafeEqual(got, expected)) return null;
	const [head, ...parts] = Buffer.from(body, 'base64url').toString('utf8').split('\n');
	return head === purpose ? parts : null;
}
