import './events.ts';
export { directPermission, participation, type MessagingMode, type MessagingPermission } from './access.ts';
export {
	addMembers,
	conversationDetail,
	createGroup,
	ensureRoomConversation,
	groupCandidates,
	leaveConversation,
	listConversations,
	messagingPermission,
	openDirect,
	removeMember,
	renameGroup,
	type ConversationDetail,
	type ConversationSummary
} from './conversations.ts';
export { deleteMessage, editMessage, history, markRead, messagesSince, sendMessage, typingAudience, unreadCounts } from './messages.ts';
export { openAttachment, uploadAttachment } from './attachments.ts';
export { blockMember, handleReport, isBlocked, listBlocked, listReports, report, unblockMember } from './moderation.ts';
export { answerVisitorMessage, leaveVisitorMessage, listVisitorMessages, markVisitorMessageRead, providerForContact, unreadVisitorMessages } from './visitor.ts';
export { DIGEST_JOB, runDigest, scheduleDigests, type DigestOutcome } from './digest.ts';
export { messagingSettings, updateMessagingSettings } from './settings-member.ts';
export { chatSettings, configureChat, checkChatEnv } from './settings.ts';
export { BODY_MAX, GROUP_NAME_MAX, MAX_ATTACHMENTS, REPORT_REASONS } from './inputs.ts';
export type { AttachmentView, MessageView, UnreadCounts } from './views.ts';
export { sessionState, type SessionState } from './session-state.ts';
