import { context } from '../context.ts';
import type { UnreadCounts } from './views.ts';

/**
 * Unread messages per conversation for one member: messages of others, not deleted, after the
 * member's read mark and since they joined.
 */
export async function unreadCounts(memberId: string, conversationId?: string): Promise<UnreadCounts> {
	const rows = await context().db.$queryRaw<{ id: string; n: number }[]>`
		SELECT cm."conversationId" AS id, count(m."id")::int AS n
		FROM "ConversationMember" cm
		JOIN "Message" m ON m."conversationId" = cm."conversationId"
		WHERE cm."memberId" = ${memberId}::uuid AND cm."leftAt" IS NULL
			AND (${conversationId ?? null}::uuid IS NULL OR cm."conversationId" = ${conversationId ?? null}::uuid)
			AND m."deletedAt" IS NULL
			AND (m."senderId" IS NULL OR m."senderId" <> ${memberId}::uuid)
			AND (cm."lastReadMessageId" IS NULL OR m."id" > cm."lastReadMessageId")
			AND m."createdAt" >= cm."joinedAt"
		GROUP BY cm."conversationId"`;
	const byConversation: Record<string, number> = {};
	let total = 0;
	for (const row of rows) {
		byConversation[row.id] = row.n;
		total += row.n;
	}
	return { total, byConversation };
}
