import { z } from 'zod';

/** Inputs of the chat's domain functions (socket payloads and forms alike), with message keys as errors. */
export const uuid = z.uuid({ error: 'chat.error.invalid_id' });
export const BODY_MAX = 4000;
export const GROUP_NAME_MAX = 80;
export const GROUP_MAX_MEMBERS = 50;
export const MAX_ATTACHMENTS = 5;

export const conversationTarget = z.object({ conversationId: uuid }).strict();
export const memberTarget = z.object({ memberId: uuid }).strict();
export const messageTarget = z.object({ messageId: uuid }).strict();

export const createGroupInput = z
	.object({
		name: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(GROUP_NAME_MAX, { error: 'error.too_long' }),
		memberIds: z.array(uuid, { error: 'chat.error.members_required' }).min(1, { error: 'chat.error.members_required' }).max(GROUP_MAX_MEMBERS - 1, { error: 'chat.error.group_too_large' })
	})
	.strict();

export const addMembersInput = z
	.object({ conversationId: uuid, memberIds: z.array(uuid).min(1, { error: 'chat.error.members_required' }).max(GROUP_MAX_MEMBERS, { error: 'chat.error.group_too_large' }) })
	.strict();

export const renameInput = z
	.object({ conversationId: uuid, name: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(GROUP_NAME_MAX, { error: 'error.too_long' }) })
	.strict();

export const removeMemberInput = z.object({ conversationId: uuid, memberId: uuid }).strict();

export const clientIdSchema = z.string({ error: 'chat.error.invalid_client_id' }).regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'chat.error.invalid_client_id' });

export const sendInput = z
	.object({
		conversationId: uuid,
		clientId: clientIdSchema,
		body: z.string({ error: 'chat.error.empty' }).max(BODY_MAX, { error: 'chat.error.too_long' }).default(''),
		attachmentIds: z.array(uuid).max(MAX_ATTACHMENTS, { error: 'chat.error.too_many_attachments' }).default([])
	})
	.strict()
	.transform((v) => ({ ...v, body: v.body.trim() }))
	.refine((v) => v.body.length > 0 || v.attachmentIds.length > 0, { error: 'chat.error.empty', path: ['body'] });

export const editInput = z
	.object({ messageId: uuid, body: z.string({ error: 'chat.error.empty' }).trim().min(1, { error: 'chat.error.empty' }).max(BODY_MAX, { error: 'chat.error.too_long' }) })
	.strict();

export const historyInput = z
	.object({ conversationId: uuid, before: uuid.optional(), limit: z.number().int().min(1).max(100).default(30) })
	.strict();

export const sinceInput = z.object({ after: uuid, limit: z.number().int().min(1).max(500).default(200) }).strict();

export const readInput = z.object({ conversationId: uuid, messageId: uuid }).strict();

export const REPORT_REASONS = ['abuse', 'scam', 'spam', 'other'] as const;

export const reportInput = z
	.object({
		messageId: uuid.optional(),
		memberId: uuid.optional(),
		reason: z.enum(REPORT_REASONS, { error: 'chat.error.report_reason' }),
		details: z
			.string()
			.trim()
			.max(2000, { error: 'error.too_long' })
			.optional()
			.transform((v) => (v ? v : undefined))
	})
	.strict()
	.refine((v) => (v.messageId ? 1 : 0) + (v.memberId ? 1 : 0) === 1, { error: 'chat.error.report_target', path: ['_'] });

export const handleReportInput = z.object({ reportId: uuid, status: z.enum(['resolved', 'dismissed', 'open'], { error: 'error.invalid_form' }) }).strict();
