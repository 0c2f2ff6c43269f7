import { context } from '../context.ts';
import { sameSignature, signature } from '../signing.ts';
import { invalid } from '../errors.ts';

/**
 * The personal link of a survey wave: works without an account (pre-registered members are surveyed
 * too). It names one invitation, signed with a key generated once per installation (AppSecret), so
 * every node agrees and reminders carry the same link.
 */
const SECRET_NAME = 'surveys.link';
const sign = (invitationId: string) => signature(SECRET_NAME, `survey:${invitationId}`);

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
	if (!sameSignature(mac, await sign(id))) throw bad();
	return id;
}
