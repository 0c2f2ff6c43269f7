// Domain events of the chat, added to the bus's map (src/lib/server/events.ts) by declaration merging.
import type { MessageView, UnreadCounts } from './views.ts';

declare module '../events.ts' {
	interface DomainEventMap {
		/** a new message; `memberIds`: the conversation's current members (sender included) */
		'message.created': { message: MessageView; memberIds: string[] };
		/** edited or deleted */
		'message.updated': { message: MessageView; memberIds: string[] };
		/** read receipt: `memberId` has read up to `messageId`; `unread` is the reader's new count */
		'conversation.read': { conversationId: string; memberId: string; messageId: string; memberIds: string[]; unread: UnreadCounts };
		/** created, members added/removed/left, renamed */
		'conversation.changed': { conversationId: string; memberIds: string[]; removedIds: string[] };
		/** a visitor left a message to a provider */
		'visitor_message.created': { providerId: string };
	}
}

export {};
