import type { PrivacyContributor } from '../contributor.ts';

/**
 * Conversations and messages. The messages the member wrote stay in the conversations of the other
 * participants, without their author (sender null: shown as a deleted member) — the others' history
 * is theirs too. Attachments the member uploaded are removed with their files. Reports the member
 * made stay for moderation, without the reporter.
 */
export const chat: PrivacyContributor = {
	name: 'chat',
	models: ['Conversation', 'ConversationMember', 'Message', 'MessageAttachment', 'VisitorMessage', 'Report'],
	async export(memberId, tx) {
		return {
			conversations: await tx.conversationMember.findMany({
				where: { memberId },
				select: {
					role: true,
					joinedAt: true,
					leftAt: true,
					lastReadAt: true,
					conversation: { select: { id: true, kind: true, name: true, createdAt: true, members: { select: { member: { select: { firstName: true, lastName: true } } } } } }
				},
				orderBy: { joinedAt: 'asc' }
			}),
			messagesWritten: await tx.message.findMany({
				where: { senderId: memberId },
				select: { id: true, conversationId: true, body: true, createdAt: true, editedAt: true, deletedAt: true },
				orderBy: { id: 'asc' }
			}),
			attachmentsUploaded: await tx.messageAttachment.findMany({
				where: { uploaderId: memberId },
				select: { id: true, conversationId: true, messageId: true, storedName: true, mimeType: true, sizeBytes: true, title: true, createdAt: true }
			}),
			// "Laisser un message": what visitors wrote to the member as a provider
			visitorMessages: await tx.visitorMessage.findMany({ where: { providerId: memberId }, select: { name: true, email: true, body: true, createdAt: true, readAt: true, answeredAt: true } }),
			reportsMade: await tx.report.findMany({ where: { reporterId: memberId }, select: { reason: true, details: true, status: true, createdAt: true, handledAt: true } }),
			// about the member: the reasons and outcome, never who reported
			reportsAboutMe: await tx.report.findMany({ where: { memberId }, select: { reason: true, status: true, createdAt: true, handledAt: true } })
		};
	},
	async erase(memberId, tx) {
		// retries de-duplication key: meaningless once the author is gone
		await tx.message.updateMany({ where: { senderId: memberId }, data: { clientId: null } });
		// a direct conversation's key names both members; nobody can open a new one with a deleted member
		await tx.conversation.updateMany({ where: { kind: 'direct', directKey: { contains: memberId } }, data: { directKey: null } });
		// the reporter's own words about someone else stay for the moderators; their name does not (SetNull)
		// ConversationMember, MessageAttachment, VisitorMessage, reports about the member: Cascade
	},
	async files(memberId, tx) {
		return (await tx.messageAttachment.findMany({ where: { uploaderId: memberId }, select: { storedName: true } })).map((a) => a.storedName);
	},
	kept: ['privacy.kept.messages', 'privacy.kept.reports']
};
