import { context } from '../context.ts';
import { sameSignature, signature } from '../signing.ts';
import { invalid } from '../errors.ts';
import { savePreference } from './preferences.ts';
import { isNotificationType, NOTIFICATION_TYPES, TYPE_NAMES, type NotificationType } from './types.ts';

/**
 * One-click unsubscribe (RFC 8058) without logging in: the link carries the member and the scope
 * (one type, or `digest`: every type currently in the daily digest), signed with a key generated
 * once per installation and kept in the database (AppSecret), so every node and restart agree.
 */
export type UnsubscribeScope = NotificationType | 'digest';

const SECRET_NAME = 'notifications.unsubscribe';
const sign = (body: string) => signature(SECRET_NAME, body);

export async function unsubscribeToken(memberId: string, scope: UnsubscribeScope): Promise<string> {
	const body = Buffer.from(`${memberId}:${scope}`).toString('base64url');
	return `${body}.${await sign(body)}`;
}

export async function unsubscribeUrl(memberId: string, scope: UnsubscribeScope): Promise<string> {
	return `${context().config.publicUrl}/notifications/unsubscribe/${await unsubscribeToken(memberId, scope)}`;
}

const badLink = () => invalid('notifications.error.bad_link');

/** The member and scope a link names, if its signature holds. */
async function readToken(token: unknown): Promise<{ memberId: string; scope: UnsubscribeScope }> {
	if (typeof token !== 'string' || token.length > 300) throw badLink();
	const [body, mac] = token.split('.');
	if (!body || !mac) throw badLink();
	if (!sameSignature(mac, await sign(body))) throw badLink();
	const [memberId, scope] = Buffer.from(body, 'base64url').toString('utf8').split(':');
	if (!memberId || !(scope === 'digest' || isNotificationType(scope))) throw badLink();
	return { memberId, scope: scope as UnsubscribeScope };
}

/** What the confirmation page shows: the scope and whether it is already off. */
export async function unsubscribeState(token: unknown): Promise<{ scope: UnsubscribeScope; off: boolean }> {
	const { memberId, scope } = await readToken(token);
	const rows = await context().db.notificationPreference.findMany({ where: { memberId }, select: { type: true, channel: true } });
	const channelOf = (type: NotificationType) => rows.find((r) => r.type === type)?.channel ?? NOTIFICATION_TYPES[type];
	const off = scope === 'digest' ? !TYPE_NAMES.some((t) => channelOf(t) === 'digest') : channelOf(scope) === 'off';
	return { scope, off };
}

/** The one-click POST: the type (or every digest type) is set to `off`. Idempotent. */
export async function unsubscribe(token: unknown): Promise<{ scope: UnsubscribeScope }> {
	const { memberId, scope } = await readToken(token);
	const { db } = context();
	if (!(await db.member.findUnique({ where: { id: memberId }, select: { id: true } }))) throw badLink();
	await db.$transaction(async (tx) => {
		if (scope !== 'digest') return savePreference(tx, memberId, scope, 'off');
		const rows = await tx.notificationPreference.findMany({ where: { memberId }, select: { type: true, channel: true } });
		for (const type of TYPE_NAMES) {
			const channel = rows.find((r) => r.type === type)?.channel ?? NOTIFICATION_TYPES[type];
			if (channel === 'digest') await savePreference(tx, memberId, type, 'off');
		}
	});
	return { scope };
}
