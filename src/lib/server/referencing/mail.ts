import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { context } from '../context.ts';
import { escapeHtml } from '../mail/templates.ts';
import type { MailAttachment, MailMessage } from '../mail/mailer.ts';
import { isStoredName } from '../uploads/index.ts';
import { translate, type Locale, type MessageKey } from '../../i18n/index.ts';
import { parisClosingDate } from './clock.ts';

/**
 * The referencing's mails, one job each (`referencing.mail`, retried by the queue): the payload
 * names what to write about; the job reads the rows when it runs, so a mail says what is true then.
 */
export const mailPayload = z.object({
	kind: z.enum(['invitation', 'submitted_owner', 'submitted_moderator', 'moderated', 'updated_moderator', 'received', 'reminder', 'cancelled', 'extended', 'answered', 'closed']),
	recordId: z.uuid().optional(),
	consultationId: z.uuid().optional(),
	recipientId: z.uuid().optional(),
	memberId: z.uuid().optional(),
	secret: z.string().optional()
});
export type ReferencingMail = z.infer<typeof mailPayload>;

function compose(to: string, locale: Locale, name: string, subject: MessageKey, lines: (string | null)[], params: Record<string, string | number>, link: string | null, attachments?: MailAttachment[], headers?: Record<string, string>): MailMessage {
	const t = (key: MessageKey) => translate(locale, key, { name, ...params });
	const paragraphs = [t('mail.greeting'), ...lines.filter((l): l is string => !!l), link ?? '', t('mail.signature')].filter(Boolean);
	const html = paragraphs.map((p) => (p === link ? `<p><a href="${escapeHtml(p)}">${escapeHtml(p)}</a></p>` : `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)).join('\n');
	return { to, subject: t(subject), text: paragraphs.join('\n\n'), html, attachments, headers };
}

const CONTENT_TYPES: Record<string, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	odt: 'application/vnd.oasis.opendocument.text',
	ods: 'application/vnd.oasis.opendocument.spreadsheet',
	odp: 'application/vnd.oasis.opendocument.presentation'
};

async function attachmentOf(stored: string | null, name: string | null): Promise<MailAttachment[] | undefined> {
	if (!stored || !name || !isStoredName(stored)) return undefined;
	const bytes = await readFile(path.join(context().uploadsDir, stored));
	const ext = stored.slice(stored.lastIndexOf('.') + 1);
	return [{ filename: name, contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream', content: bytes.toString('base64'), encoding: 'base64' }];
}

async function moderators() {
	const { db } = context();
	const mods = await db.member.findMany({ where: { status: 'active', roles: { has: 'moderator' } }, select: { email: true, firstName: true, locale: true } });
	return mods.length ? mods : db.member.findMany({ where: { status: 'active', roles: { has: 'admin' } }, select: { email: true, firstName: true, locale: true } });
}

/** The messages one job sends (usually one; the moderators' notices one per moderator). */
export async function referencingMails(raw: unknown): Promise<MailMessage[]> {
	const job = mailPayload.parse(raw);
	const { db, config } = context();
	const url = (p: string) => `${config.publicUrl}${p}`;
	if (job.recordId) {
		const record = await db.cooperativeRecord.findUnique({ where: { id: job.recordId }, include: { company: { select: { title: true } }, owner: { select: { email: true, firstName: true, locale: true } } } });
		if (!record) return [];
		const company = record.company?.title ?? '—';
		const owner = record.owner;
		switch (job.kind) {
			case 'invitation':
				if (!owner || !job.secret) return [];
				return [compose(owner.email, owner.locale, company, 'referencing.mail.invitation.subject', [translate(owner.locale, 'referencing.mail.invitation.body', { company })], {}, url(`/referencement/invitation?token=${encodeURIComponent(job.secret)}`))];
			case 'submitted_owner':
				return owner ? [compose(owner.email, owner.locale, owner.firstName, 'referencing.mail.submitted.subject', [translate(owner.locale, 'referencing.mail.submitted.body', { company })], {}, url('/referencement/cooperative'))] : [];
			case 'submitted_moderator':
			case 'updated_moderator':
				return (await moderators()).map((m) =>
					compose(m.email, m.locale, m.firstName, job.kind === 'submitted_moderator' ? 'referencing.mail.to_moderate.subject' : 'referencing.mail.updated.subject', [translate(m.locale, job.kind === 'submitted_moderator' ? 'referencing.mail.to_moderate.body' : 'referencing.mail.updated.body', { company })], { company }, url(job.kind === 'submitted_moderator' ? '/referencement/moderation' : `/referencement/entreprises/${record.id}`))
				);
			case 'moderated': {
				if (!owner) return [];
				const key = record.status === 'approved' ? 'approved' : record.status === 'refused' ? 'refused' : 'changes';
				return [
					compose(owner.email, owner.locale, owner.firstName, `referencing.mail.${key}.subject` as MessageKey, [translate(owner.locale, `referencing.mail.${key}.body` as MessageKey, { company }), record.moderationReason ? `« ${record.moderationReason} »` : null], {}, url(record.status === 'approved' ? `/referencement/entreprises/${record.id}` : '/referencement/cooperative'))
				];
			}
			default:
				return [];
		}
	}
	if (!job.consultationId) return [];
	const c = await db.consultation.findUnique({ where: { id: job.consultationId }, include: { sender: { select: { email: true, firstName: true, locale: true } } } });
	if (!c) return [];
	const link = url(`/referencement/consultations/${c.id}`);
	const base = { title: c.title, closing: parisClosingDate(c.closingAt), sender: c.senderName };
	if (job.kind === 'answered' || job.kind === 'closed') {
		const r = job.recipientId ? await db.consultationRecipient.findUnique({ where: { id: job.recipientId }, include: { record: { select: { company: { select: { title: true } } } } } }) : null;
		const locale = c.sender.locale;
		const body = job.kind === 'closed' ? translate(locale, 'referencing.mail.closed.body', base) : translate(locale, r?.status === 'declined' ? 'referencing.mail.declined.body' : 'referencing.mail.answered.body', { ...base, company: r?.record.company?.title ?? '—' });
		return [compose(c.senderEmail, locale, c.sender.firstName, job.kind === 'closed' ? 'referencing.mail.closed.subject' : 'referencing.mail.answered.subject', [body], base, link)];
	}
	const recipients = await db.consultationRecipient.findMany({ where: { consultationId: c.id, ...(job.recipientId ? { id: job.recipientId } : {}) }, include: { record: { select: { company: { select: { title: true } }, owner: { select: { locale: true } } } } } });
	const attachments = job.kind === 'received' ? await attachmentOf(c.attachmentPath, c.attachmentName) : undefined;
	return recipients
		.filter((r) => r.email)
		.map((r) => {
			const locale = r.record.owner?.locale ?? 'fr';
			const name = r.record.company?.title ?? '';
			const lines =
				job.kind === 'received'
					? [
							translate(locale, 'referencing.mail.received.body', base),
							`${c.title}\n${translate(locale, 'referencing.consultation.closing')} : ${base.closing}${c.budget ? `\n${translate(locale, 'referencing.consultation.budget')} : ${c.budget}` : ''}${c.location ? `\n${translate(locale, 'referencing.consultation.location')} : ${c.location}` : ''}`,
							c.description,
							translate(locale, 'referencing.mail.received.reply', { email: c.senderEmail })
						]
					: [translate(locale, `referencing.mail.${job.kind}.body` as MessageKey, base)];
			return compose(r.email, locale, name, `referencing.mail.${job.kind}.subject` as MessageKey, lines, base, link, attachments, { 'Reply-To': c.senderEmail });
		});
}

export async function sendReferencingMail(raw: unknown): Promise<number> {
	const messages = await referencingMails(raw);
	for (const message of messages) await context().mailer.send(message);
	return messages.length;
}
