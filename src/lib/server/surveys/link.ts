import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { context } from '../context.ts';
import { invalid } from '../errors.ts';

/**
 * The personal link of a survey wave: works without an account (pre-registered members are surveyed
 * too). It names one invitation, signed with a key generated once per installation (AppSecret), so
 * every node agrees and reminders carry the same link.
 */
const SECRET_NAME = 'surveys.link';
const keys = new WeakMap<object, Promise<Buffer>>();

function signingKey(): Promise<Buffer> {
	const { db } = context();
	let key = keys.get(db);
	if (!key) {
		key = (async () => {
			await db.appSecret.createMany({ data: { name: SECRET_NAME, value: randomBytes(32).toString('base64') }, skipDuplicates: true });
			return Buffer.from((await db.appSecret.findUniqueOrThrow({ where: { name: SECRET_NAME } })).value, 'base64');
		})();
		key.catch(() => keys.delete(db));
		keys.set(db, key);
	}
	return key;
}

const sign = async (invitationId: string) => createHmac('sha256', await signingKey()).update(`survey:${invitationId}`).digest('base64url');

export async function surveyToken(invitationId: string): Promise<string> {
	return `${invitationId}.${await sign(invitationId)}`;
}

export async function surveyUrl(invitationId: string): Promise<string> {
	return `${context().config.publicUrl}/enquete/${await surveyToken(invitationId)}`;
}

/** The invitation a link names, if its signature holds (else a localized "link not valid"). */
export async function invitationOfToken(token: unknown): Promise<string> {
	const bad = () => invalid('survey.error.bad_link');
	if (typeof token !== 'string' || token.length > 200) throw bad();
	const [id, mac] = token.split('.');
	if (!id || !mac || !/^[0-9a-f-]{36}$/.test(id)) throw bad();
	const expected = Buffer.from(await sign(id));
	const given = Buffer.from(mac);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw bad();
	return id;
}
