import { sameSignature, signature } from '../signing.ts';

/**
 * Signed links of the administration area (invitation links, one-click unsubscribe from
 * invitation mails): `body.mac`, HMAC-SHA256 with the installation's key `admin.invitations` (signing.ts).
 */
const SECRET_NAME = 'admin.invitations';
const mac = (body: string) => signature(SECRET_NAME, body);

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
	if (!sameSignature(given, await mac(body))) return null;
	const [head, ...parts] = Buffer.from(body, 'base64url').toString('utf8').split('\n');
	return head === purpose ? parts : null;
}
