import { fileTypeFromBuffer } from 'file-type';
import { context } from '../context.ts';
import { invalid, notFound, throttled } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { acceptImage, acceptPdf, openUpload, saveUpload } from '../uploads/index.ts';
import { participation, requireMember, type Actor } from './access.ts';
import { conversationTarget } from './inputs.ts';
import { attachmentView, type AttachmentView } from './views.ts';

/**
 * Attachments go through the uploads module (type by content, images re-encoded to WebP, PDFs
 * checked, generated names). Uploaded first into a conversation, then linked to one message by
 * its sender (sendMessage's attachmentIds); served only to the conversation's members.
 */
const UPLOADS_PER_HOUR = 60;

export async function uploadAttachment(actor: Actor, raw: unknown, bytes: Uint8Array | null, title?: string | null): Promise<AttachmentView> {
	const me = requireMember(actor);
	const { conversationId } = parseInput(conversationTarget, raw);
	await participation(me, conversationId);
	const { db } = context();
	const recent = await db.messageAttachment.count({ where: { uploaderId: me, createdAt: { gt: new Date(Date.now() - 3600_000) } } });
	if (recent >= UPLOADS_PER_HOUR) throw throttled('chat.error.rate_limited');
	if (!bytes) throw invalid('error.upload_empty', { file: 'error.upload_empty' });
	const type = await fileTypeFromBuffer(bytes);
	const accepted = type?.mime === 'application/pdf' ? await acceptPdf(bytes) : await acceptImage(bytes, 'attachment');
	const storedName = await saveUpload(accepted.bytes, accepted.mimeType === 'application/pdf' ? 'pdf' : 'webp', { private: true });
	const cleanTitle = title?.replace(/[\u0000-\u001f\u007f/\\]/g, '').trim().slice(0, 120) || null;
	const row = await db.messageAttachment.create({
		data: { conversationId, uploaderId: me, storedName, mimeType: accepted.mimeType, sizeBytes: accepted.bytes.byteLength, title: cleanTitle },
		select: { id: true, mimeType: true, title: true, sizeBytes: true }
	});
	return attachmentView(row);
}

/** The file of an attachment, for a member of its conversation (or its uploader before sending). */
export async function openAttachment(actor: Actor, attachmentId: string) {
	const me = requireMember(actor);
	if (!/^[0-9a-f-]{36}$/i.test(attachmentId)) throw notFound('chat.error.attachment_not_found');
	const row = await context().db.messageAttachment.findFirst({
		where: {
			id: attachmentId,
			conversation: { members: { some: { memberId: me, leftAt: null } } },
			OR: [{ messageId: { not: null } }, { uploaderId: me }]
		},
		select: { storedName: true, mimeType: true, title: true }
	});
	if (!row) throw notFound('chat.error.attachment_not_found');
	const file = await openUpload(row.storedName);
	if (!file) throw notFound('chat.error.attachment_not_found');
	return { ...file, mimeType: row.mimeType, title: row.title };
}
