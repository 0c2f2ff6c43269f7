import type { Prisma } from '../generated/prisma/client.ts';

/** What transports send about messages: plain JSON, dates as ISO strings. */
export interface AttachmentView {
	id: string;
	kind: 'image' | 'pdf';
	title: string | null;
	sizeBytes: number;
	url: string;
}

export interface MessageView {
	id: string;
	conversationId: string;
	senderId: string | null;
	clientId: string | null;
	body: string;
	attachments: AttachmentView[];
	createdAt: string;
	editedAt: string | null;
	deletedAt: string | null;
}

export interface UnreadCounts {
	total: number;
	byConversation: Record<string, number>;
}

export const messageSelect = {
	id: true,
	conversationId: true,
	senderId: true,
	clientId: true,
	body: true,
	createdAt: true,
	editedAt: true,
	deletedAt: true,
	attachments: { select: { id: true, mimeType: true, title: true, sizeBytes: true }, orderBy: { createdAt: 'asc' } }
} satisfies Prisma.MessageSelect;

export type MessageRow = Prisma.MessageGetPayload<{ select: typeof messageSelect }>;

export function attachmentView(a: { id: string; mimeType: string; title: string | null; sizeBytes: number }): AttachmentView {
	return { id: a.id, kind: a.mimeType === 'application/pdf' ? 'pdf' : 'image', title: a.title, sizeBytes: a.sizeBytes, url: `/messages/attachments/${a.id}` };
}

export function messageView(row: MessageRow): MessageView {
	const deleted = row.deletedAt !== null;
	return {
		id: row.id,
		conversationId: row.conversationId,
		senderId: row.senderId,
		clientId: row.clientId,
		body: deleted ? '' : row.body,
		attachments: deleted ? [] : row.attachments.map(attachmentView),
		createdAt: row.createdAt.toISOString(),
		editedAt: row.editedAt?.toISOString() ?? null,
		deletedAt: row.deletedAt?.toISOString() ?? null
	};
}
