import { context } from '../context.ts';
import { enqueue } from '../jobs/queue.ts';
import { isOnline } from '../presence/index.ts';
import { translate, type Locale } from '../../i18n/index.ts';
import { chatSettings } from './settings.ts';

/**
 * The offline digest: when a member has unread messages and has not been online since they
 * arrived, ONE email after CHAT_DIGEST_DELAY_MINUTES, batching every unread conversation (and
 * visitors' messages); nothing if everything was read meanwhile; never for members who turned it off.
 * Scheduled as a `chat.digest` job with one pending job per member (uniqueKey).
 */
export const DIGEST_JOB = 'chat.digest';

// members whose digest job is already pending, to spare the database an insert per message
const pending = new Map<string, number>();

export async function scheduleDigests(memberIds: readonly string[], now = Date.now()): Promise<void> {
	const delay = chatSettings().digestDelayMs;
	for (const memberId of memberIds) {
		if (isOnline(memberId)) continue;
		const until = pending.get(memberId);
		if (until !== undefined && until > now) continue;
		const runAt = new Date(now + delay);
		await enqueue(DIGEST_JOB, { memberId }, { runAt, uniqueKey: `${DIGEST_JOB}:${memberId}` });
		pending.set(memberId, runAt.getTime());
	}
	if (pending.size > 10_000) for (const [id, until] of pending) if (until <= now) pending.delete(id);
}

export type DigestOutcome = 'sent' | 'nothing_unread' | 'online' | 'disabled';

interface UnreadRow {
	conversationId: string;
	kind: 'direct' | 'group';
	name: string | null;
	count: number;
	senders: string[];
}

export async function runDigest(memberId: string, now = new Date()): Promise<DigestOutcome> {
	pending.delete(memberId);
	const { db, mailer, config } = context();
	const member = await db.member.findUnique({
		where: { id: memberId },
		select: { email: true, firstName: true, locale: true, status: true, messageDigest: true, lastSeenAt: true }
	});
	if (!member || member.status !== 'active' || !member.messageDigest) return 'disabled';
	if (isOnline(memberId)) return 'online';
	const seen = member.lastSeenAt ?? new Date(0);
	return db.$transaction(
		async (tx) => {
			// one digest at a time per member, whatever the number of nodes
			await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`chat.digest:${memberId}`}, 0))`;
			const rows = await tx.$queryRaw<UnreadRow[]>`
				SELECT c."id" AS "conversationId", c."kind"::text AS kind, c."name",
					count(m."id")::int AS count,
					array_agg(DISTINCT s."firstName" || ' ' || s."lastName") FILTER (WHERE s."id" IS NOT NULL) AS senders
				FROM "ConversationMember" cm
				JOIN "Conversation" c ON c."id" = cm."conversationId"
				JOIN "Message" m ON m."conversationId" = cm."conversationId"
				LEFT JOIN "Member" s ON s."id" = m."senderId"
				WHERE cm."memberId" = ${memberId}::uuid AND cm."leftAt" IS NULL
					AND m."deletedAt" IS NULL
					AND (m."senderId" IS NULL OR m."senderId" <> ${memberId}::uuid)
					AND (cm."lastReadMessageId" IS NULL OR m."id" > cm."lastReadMessageId")
					AND m."createdAt" >= cm."joinedAt"
					AND m."createdAt" > ${seen}
					AND (cm."digestSentAt" IS NULL OR m."createdAt" > cm."digestSentAt")
				GROUP BY c."id", c."kind", c."name"
				ORDER BY max(m."createdAt") DESC`;
			const visitors = await tx.visitorMessage.count({ where: { providerId: memberId, readAt: null, createdAt: { gt: seen } } });
			if (rows.length === 0 && visitors === 0) return 'nothing_unread' as const;
			await tx.conversationMember.updateMany({
				where: { memberId, conversationId: { in: rows.map((r) => r.conversationId) } },
				data: { digestSentAt: now }
			});
			// sent inside the transaction: if the mail server refuses, nothing is marked and the job retries
			await mailer.send(digestMail(member.email, member.locale, member.firstName, rows, visitors, `${config.publicUrl}/messages`));
			return 'sent' as const;
		},
		{ timeout: 60_000 }
	);
}

function escapeHtml(text: string) {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function digestMail(to: string, locale: Locale, name: string, rows: UnreadRow[], visitors: number, link: string) {
	const total = rows.reduce((sum, r) => sum + r.count, 0);
	const lines = rows.map((r) => {
		const who = r.kind === 'group' ? `${r.name ?? ''} (${r.senders.join(', ')})` : r.senders.join(', ');
		return translate(locale, 'chat.digest.line', { who, count: r.count });
	});
	if (visitors > 0) lines.push(translate(locale, 'chat.digest.visitors', { count: visitors }));
	const paragraphs = [
		translate(locale, 'mail.greeting', { name }),
		translate(locale, 'chat.digest.intro', { count: total + visitors }),
		lines.map((l) => `• ${l}`).join('\n'),
		link,
		translate(locale, 'chat.digest.settings'),
		translate(locale, 'mail.signature')
	];
	const html = [
		`<p>${escapeHtml(paragraphs[0]!)}</p>`,
		`<p>${escapeHtml(paragraphs[1]!)}</p>`,
		`<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
		`<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
		`<p>${escapeHtml(paragraphs[4]!)}</p>`,
		`<p>${escapeHtml(paragraphs[5]!)}</p>`
	].join('\n');
	return { to, subject: translate(locale, 'chat.digest.subject', { count: total + visitors }), text: paragraphs.join('\n\n'), html };
}
