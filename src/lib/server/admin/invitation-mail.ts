import { context } from '../context.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { escapeHtml } from '../mail/templates.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { translate, type Locale, type MessageKey } from '../../i18n/index.ts';
import { invitationLink, optOutLink } from './invitations.ts';

/** The job kind that sends one batch of invitation mails (server/jobs/admin.ts). */
export const INVITATION_MAIL_JOB = 'admin.invitation_mails';

const CHUNK = 200;
const MAIL_CONCURRENCY = 4;

interface SendRow {
	id: string;
	kind: 'invitation' | 'reminder' | 'manual';
	invitation: {
		id: string;
		kind: 'admin' | 'member';
		email: string;
		firstName: string;
		lastName: string;
		message: string | null;
		relation: 'follow' | 'contact' | null;
		acceptedAt: Date | null;
		cancelledAt: Date | null;
		firstSentAt: Date | null;
		inviter: { firstName: string; lastName: string } | null;
		member: { status: string; locale: Locale; promotion: number | null; programme: string | null } | null;
	};
}

async function compose(row: SendRow, now: Date): Promise<MailMessage> {
	const inv = row.invitation;
	const locale: Locale = inv.member?.locale ?? 'fr';
	const inviter = inv.inviter ? `${inv.inviter.firstName} ${inv.inviter.lastName}`.trim() : translate(locale, 'app.name');
	const params = { name: inv.firstName || inv.email, inviter, app: translate(locale, 'app.name') };
	const t = (key: MessageKey) => translate(locale, key, params);
	const reminder = row.kind !== 'invitation';
	const link = await invitationLink(inv.id, now);
	const unsubscribe = await optOutLink(inv.email);
	const paragraphs: { text: string; link?: boolean; quote?: boolean }[] = [];
	if (inv.kind === 'admin') {
		paragraphs.push({ text: t('mail.greeting') });
		paragraphs.push({ text: t(reminder ? 'admin.mail.invite.reminder_body' : 'admin.mail.invite.body') });
		if (inv.member?.promotion || inv.member?.programme) {
			paragraphs.push({ text: [inv.member.programme, inv.member.promotion ? `${translate(locale, 'admin.field.promotion')} ${inv.member.promotion}` : null].filter(Boolean).join(' · ') });
		}
	} else {
		paragraphs.push({ text: translate(locale, 'admin.mail.member_invite.greeting') });
		paragraphs.push({ text: t(inv.relation === 'contact' ? 'admin.mail.member_invite.body_contact' : 'admin.mail.member_invite.body_follow') });
		if (inv.message) paragraphs.push({ text: inv.message, quote: true });
	}
	paragraphs.push({ text: link, link: true });
	paragraphs.push({ text: t('admin.mail.invite.unsubscribe') });
	paragraphs.push({ text: unsubscribe, link: true });
	paragraphs.push({ text: t('mail.signature') });
	const subjectKey: MessageKey =
		inv.kind === 'admin' ? (reminder ? 'admin.mail.invite.reminder_subject' : 'admin.mail.invite.subject') : reminder ? 'admin.mail.member_invite.reminder_subject' : 'admin.mail.member_invite.subject';
	const html = paragraphs
		.map((p) => (p.link ? `<p><a href="${escapeHtml(p.text)}">${escapeHtml(p.text)}</a></p>` : p.quote ? `<blockquote>${escapeHtml(p.text)}</blockquote>` : `<p>${escapeHtml(p.text)}</p>`))
		.join('\n');
	return {
		to: inv.email,
		subject: t(subjectKey),
		text: paragraphs.map((p) => (p.quote ? `« ${p.text} »` : p.text)).join('\n\n'),
		html,
		headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
	};
}

function skipReason(row: SendRow, optedOut: Set<string>): string | null {
	const inv = row.invitation;
	if (inv.cancelledAt) return 'cancelled';
	if (optedOut.has(inv.email)) return 'opted_out';
	if (inv.acceptedAt) return 'accepted';
	if (inv.kind === 'admin' && inv.member?.status !== 'pending') return 'accepted';
	return null;
}

/**
 * The job behind `invitation.queued`: mails every unsent row of the batch, a chunk at a time, and
 * marks each sent (or skipped: opted out, already accepted, cancelled) — a retry resumes where a
 * failure stopped. Returns how many mails left.
 */
export async function sendInvitationBatch(batch: string, now: () => Date = () => new Date()): Promise<number> {
	const { db, mailer } = context();
	let sent = 0;
	for (;;) {
		const rows = (await db.invitationSend.findMany({
			where: { batch, sentAt: null, skipped: null },
			orderBy: { id: 'asc' },
			take: CHUNK,
			select: {
				id: true,
				kind: true,
				invitation: {
					select: {
						id: true,
						kind: true,
						email: true,
						firstName: true,
						lastName: true,
						message: true,
						relation: true,
						acceptedAt: true,
						cancelledAt: true,
						firstSentAt: true,
						inviter: { select: { firstName: true, lastName: true } },
						member: { select: { status: true, locale: true, promotion: true, programme: true } }
					}
				}
			}
		})) as SendRow[];
		if (rows.length === 0) return sent;
		const optedOut = new Set((await db.invitationOptOut.findMany({ where: { email: { in: rows.map((r) => r.invitation.email) } } })).map((o) => o.email));
		// a few mails at a time (the SMTP pool or the outbox take them concurrently); each row is marked as soon as its mail left
		let next = 0;
		const worker = async () => {
			while (next < rows.length) {
				const row = rows[next++]!;
				const reason = skipReason(row, optedOut);
				if (reason) {
					await db.invitationSend.update({ where: { id: row.id }, data: { skipped: reason } });
					continue;
				}
				const at = now();
				await mailer.send(await compose(row, at));
				// one statement marks the row sent and dates the invitation (first and last mail)
				await db.$executeRaw(Prisma.sql`
					WITH sent AS (UPDATE "InvitationSend" SET "sentAt" = ${at} WHERE "id" = ${row.id}::uuid RETURNING "invitationId")
					UPDATE "Invitation" i SET "lastSentAt" = ${at}, "firstSentAt" = coalesce(i."firstSentAt", ${at}) FROM sent WHERE i."id" = sent."invitationId"`);
				sent++;
			}
		};
		await Promise.all(Array.from({ length: MAIL_CONCURRENCY }, worker));
	}
}
