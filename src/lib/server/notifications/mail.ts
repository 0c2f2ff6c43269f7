import { context } from '../context.ts';
import { escapeHtml } from '../mail/templates.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { translate, type Locale } from '../../i18n/index.ts';
import { notificationText, typeLabel } from './render.ts';
import { linkOf, type NotificationData, type NotificationType } from './types.ts';
import { scheduleGroupedMail } from './notify.ts';
import { unsubscribeUrl, type UnsubscribeScope } from './unsubscribe.ts';
import type { Tx } from './access.ts';

/**
 * E-mails of the notification centre, never one per event: the grouped mail of one type (what
 * arrived within the window) and the daily digest (every unread digest notification since the
 * last one). Rows are marked `mailedAt` in the transaction that sends, so a failed send is retried
 * and a sent one is never sent again.
 */

interface Row {
	id: string;
	type: string;
	data: unknown;
}

async function compose(member: { id: string; email: string; firstName: string; locale: Locale }, rows: Row[], scope: UnsubscribeScope): Promise<MailMessage> {
	const { publicUrl } = context().config;
	const t = (key: Parameters<typeof translate>[1], params: Record<string, string | number> = {}) => translate(member.locale, key, { name: member.firstName, ...params });
	const unsubscribe = await unsubscribeUrl(member.id, scope);
	const label = scope === 'digest' ? t('notifications.mail.digest_label') : typeLabel(member.locale, scope);
	const items = rows.map((r) => {
		const data = (r.data ?? {}) as NotificationData;
		return { text: notificationText(member.locale, r.type, data), link: `${publicUrl}${linkOf(r.type, data)}` };
	});
	const subject = scope === 'digest' ? t('notifications.mail.digest_subject', { count: rows.length }) : t(rows.length === 1 ? 'notifications.mail.subject_one' : 'notifications.mail.subject_many', { label, count: rows.length });
	const intro = scope === 'digest' ? t('notifications.mail.digest_intro', { count: rows.length }) : t('notifications.mail.intro', { label, count: rows.length });
	const settings = `${publicUrl}/settings/notifications`;
	const text = [
		t('mail.greeting'),
		intro,
		items.map((i) => `- ${i.text}\n  ${i.link}`).join('\n'),
		`${t('notifications.mail.all')} ${publicUrl}/notifications`,
		`${t('notifications.mail.settings')} ${settings}`,
		`${t('notifications.mail.unsubscribe', { label })} ${unsubscribe}`,
		t('mail.signature')
	].join('\n\n');
	const html = [
		`<p>${escapeHtml(t('mail.greeting'))}</p>`,
		`<p>${escapeHtml(intro)}</p>`,
		`<ul>${items.map((i) => `<li><a href="${escapeHtml(i.link)}">${escapeHtml(i.text)}</a></li>`).join('')}</ul>`,
		`<p><a href="${escapeHtml(`${publicUrl}/notifications`)}">${escapeHtml(t('notifications.mail.all'))}</a> · <a href="${escapeHtml(settings)}">${escapeHtml(t('notifications.mail.settings'))}</a></p>`,
		`<p><a href="${escapeHtml(unsubscribe)}">${escapeHtml(t('notifications.mail.unsubscribe', { label }))}</a></p>`,
		`<p>${escapeHtml(t('mail.signature'))}</p>`
	].join('\n');
	return {
		to: member.email,
		subject,
		text,
		html,
		headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
	};
}

/** Takes the rows to mail (locked: a second runner skips them) and the recipient, if still active. */
async function take(tx: Tx, memberId: string, where: { type?: string; channel: 'email' | 'digest' }) {
	const member = await tx.member.findUnique({ where: { id: memberId }, select: { id: true, email: true, firstName: true, locale: true, status: true } });
	if (member?.status !== 'active') return null;
	const rows = await tx.$queryRaw<Row[]>`
		SELECT "id", "type", "data" FROM "Notification"
		WHERE "recipientId" = ${memberId}::uuid AND "channel" = ${where.channel}::"NotificationChannel" AND "mailedAt" IS NULL AND "readAt" IS NULL
			AND (${where.type ?? null}::text IS NULL OR "type" = ${where.type ?? null})
		ORDER BY "createdAt", "id"
		FOR UPDATE SKIP LOCKED`;
	return rows.length ? { member, rows } : null;
}

/**
 * The grouped mail job of one member and type: every unread, unsent e-mail notification of that
 * type in one message. Returns how many notifications it carried (0: nothing left to send, e.g.
 * all read in the app meanwhile).
 */
export async function sendGroupedMail(memberId: string, type: NotificationType, now: Date = new Date()): Promise<number> {
	const { db, mailer } = context();
	const sent = await db.$transaction(
		async (tx) => {
			const taken = await take(tx, memberId, { type, channel: 'email' });
			if (!taken) return 0;
			await tx.notification.updateMany({ where: { id: { in: taken.rows.map((r) => r.id) } }, data: { mailedAt: now } });
			await mailer.send(await compose(taken.member, taken.rows, type));
			return taken.rows.length;
		},
		{ timeout: 30_000 }
	);
	// arrivals while this job ran could not enqueue (its key is held until it completes): they get their own window
	const left = await db.notification.count({ where: { recipientId: memberId, type, channel: 'email', mailedAt: null, readAt: null } });
	if (left > 0) await scheduleGroupedMail(memberId, type, now, `:after:${now.toISOString()}`);
	return sent;
}

/** The daily digest: one mail per member with every unread digest notification not yet mailed. Returns how many mails left. */
export async function sendDailyDigests(now: Date = new Date()): Promise<number> {
	const { db, mailer } = context();
	const members = await db.notification.findMany({ where: { channel: 'digest', mailedAt: null, readAt: null }, distinct: ['recipientId'], select: { recipientId: true } });
	let mails = 0;
	for (const { recipientId } of members) {
		const sent = await db.$transaction(
			async (tx) => {
				const taken = await take(tx, recipientId, { channel: 'digest' });
				if (!taken) return false;
				await tx.notification.updateMany({ where: { id: { in: taken.rows.map((r) => r.id) } }, data: { mailedAt: now } });
				await mailer.send(await compose(taken.member, taken.rows, 'digest'));
				return true;
			},
			{ timeout: 30_000 }
		);
		if (sent) mails++;
	}
	return mails;
}
