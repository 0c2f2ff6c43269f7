import { z } from 'zod';
import { context } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { optionalText, parseInput, requiredText } from '../validation.ts';
import { can, requireMember, requirePermission, type ActorRef } from '../access/index.ts';
import { recordEvent } from '../outbox/index.ts';
import { acceptDocument, bytesOf, deleteUpload, openUpload, saveUpload, type StoredExtension } from '../uploads/index.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { endOfParisDay, parisClosingDate } from './clock.ts';
import { enqueue } from '../jobs/queue.ts';
import { REFERENCING_JOBS } from './job-kinds.ts';

const date = z.string({ error: 'error.required' }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'referencing.error.date' });
const recordIds = z.preprocess((v) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []), z.array(z.uuid({ error: 'referencing.error.not_found' })).min(1, { error: 'referencing.error.recipients_required' }).max(50, { error: 'referencing.error.too_many' }));
export const consultationInput = z.object({
	title: requiredText(160),
	closingDate: date,
	budget: optionalText(120),
	location: optionalText(160),
	description: requiredText(10000),
	recipients: recordIds
});
const amount = z.preprocess(
	(v) => (typeof v === 'string' ? v.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.') : v),
	z.string({ error: 'error.required' }).min(1, { error: 'error.required' }).regex(/^\d{1,10}(\.\d{1,2})?$/, { error: 'referencing.error.amount' })
);
const quoteInput = z.object({ amount, message: requiredText(5000) });
const declineInput = z.object({ reason: optionalText(2000) });
const extendInput = z.object({ closingDate: date });
const id = z.uuid({ error: 'referencing.error.not_found' });

/** Who the sender is to the recipients: their record's name and consultation address, or their account and institution. */
async function senderIdentity(memberId: string) {
	const { db } = context();
	const member = await db.member.findUniqueOrThrow({
		where: { id: memberId },
		select: { email: true, firstName: true, lastName: true, buyerProfile: { select: { institution: true } }, cooperativeRecords: { select: { consultationEmail: true, status: true, company: { select: { title: true } } }, take: 1 } }
	});
	const record = member.cooperativeRecords[0];
	const person = `${member.firstName} ${member.lastName}`.trim();
	const organisation = member.buyerProfile?.institution ?? record?.company?.title;
	return { email: record?.consultationEmail ?? member.email, name: organisation ? `${person} (${organisation})` : person };
}

/** The approved records a consultation can go to (the form's recipients), minus the sender's own. */
export async function consultationRecipients(actor: ActorRef, raw: unknown) {
	const resolved = await requirePermission(actor, 'consultation.send');
	const ids = parseInput(recordIds, raw);
	const rows = await context().db.cooperativeRecord.findMany({ where: { id: { in: ids }, status: 'approved', NOT: { ownerId: resolved!.memberId } }, select: { id: true, company: { select: { title: true, city: true } } } });
	return rows.map((r) => ({ id: r.id, name: r.company?.title ?? '—', city: r.company?.city ?? null }));
}

async function storeAttachment(file: unknown, field: string): Promise<{ path: string; name: string } | null> {
	const bytes = await bytesOf(file);
	if (!bytes) return null;
	const doc = await acceptDocument(bytes, field);
	return { path: await saveUpload(doc.bytes, doc.extension as StoredExtension, { private: true }), name: `${field === 'attachment' ? 'consultation' : 'devis'}.${doc.extension}` };
}

/**
 * Sends a consultation (title, closing date, budget, location, description, one attachment) to
 * approved records: one recipient row each, with the record's consultation address as it is now.
 * The e-mails, the reminder and the automatic closing leave through `consultation.sent`.
 */
export async function sendConsultation(actor: ActorRef, raw: unknown, file: unknown, now = new Date()): Promise<{ id: string }> {
	const resolved = await requirePermission(actor, 'consultation.send');
	const memberId = resolved!.memberId;
	const input = parseInput(consultationInput, raw);
	const closingAt = endOfParisDay(input.closingDate);
	if (Number.isNaN(closingAt.getTime()) || closingAt.getTime() <= now.getTime() + 3600_000) throw invalid('referencing.error.closing_past', { closingDate: 'referencing.error.closing_past' });
	const { db } = context();
	const records = await db.cooperativeRecord.findMany({ where: { id: { in: input.recipients }, status: 'approved', NOT: { ownerId: memberId } }, select: { id: true, consultationEmail: true, owner: { select: { email: true } } } });
	if (records.length !== new Set(input.recipients).size) throw invalid('referencing.error.recipient_unlisted', { recipients: 'referencing.error.recipient_unlisted' });
	const sender = await senderIdentity(memberId);
	const attachment = await storeAttachment(file, 'attachment');
	try {
		return await db.$transaction(async (tx) => {
			const consultation = await tx.consultation.create({
				data: {
					senderId: memberId,
					senderEmail: sender.email,
					senderName: sender.name,
					title: input.title,
					closingAt,
					budget: input.budget ?? null,
					location: input.location ?? null,
					description: input.description,
					attachmentPath: attachment?.path ?? null,
					attachmentName: attachment?.name ?? null,
					createdAt: now,
					recipients: { create: records.map((r) => ({ recordId: r.id, email: r.consultationEmail ?? r.owner?.email ?? '' })) }
				},
				select: { id: true }
			});
			await recordEvent(tx, 'consultation.sent', { consultationId: consultation.id, closingAt: closingAt.toISOString() });
			return consultation;
		});
	} catch (error) {
		await deleteUpload(attachment?.path);
		throw error;
	}
}

async function accessOf(actor: ActorRef, consultationId: unknown) {
	const memberId = requireMember(actor);
	const cid = parseInput(id, consultationId);
	const consultation = await context().db.consultation.findUnique({
		where: { id: cid },
		include: { recipients: { include: { record: { select: { id: true, ownerId: true, company: { select: { title: true, city: true } } } } }, orderBy: { id: 'asc' } } }
	});
	if (!consultation) throw notFound('referencing.error.not_found');
	await requirePermission(actor, 'consultation.view', { senderId: consultation.senderId, recipientOwnerIds: consultation.recipients.map((r) => r.record.ownerId).filter((o): o is string => !!o) });
	const own = consultation.recipients.find((r) => r.record.ownerId === memberId) ?? null;
	return { memberId, consultation, own, isSender: consultation.senderId === memberId };
}

/** "Mes consultations": sent and received, newest first. */
export async function myConsultations(actor: ActorRef) {
	const memberId = requireMember(actor);
	const { db } = context();
	const sent = await db.consultation.findMany({
		where: { senderId: memberId },
		orderBy: { createdAt: 'desc' },
		include: { recipients: { select: { status: true, record: { select: { company: { select: { title: true } } } } } } }
	});
	const received = await db.consultationRecipient.findMany({
		where: { record: { ownerId: memberId } },
		orderBy: { consultation: { createdAt: 'desc' } },
		include: { consultation: true }
	});
	return {
		sent: sent.map((c) => ({ id: c.id, title: c.title, createdAt: c.createdAt, closingAt: c.closingAt, closingDate: parisClosingDate(c.closingAt), state: c.state, budget: c.budget, description: c.description, recipients: c.recipients.map((r) => ({ name: r.record.company?.title ?? '—', status: r.status })) })),
		received: received.map((r) => ({ id: r.consultation.id, title: r.consultation.title, createdAt: r.consultation.createdAt, closingAt: r.consultation.closingAt, closingDate: parisClosingDate(r.consultation.closingAt), state: r.consultation.state, budget: r.consultation.budget, description: r.consultation.description, sender: r.consultation.senderName, status: r.status }))
	};
}

/**
 * One consultation as its reader may see it: the sender sees every recipient, status and quote;
 * a recipient sees the consultation and their own answer only (opening it marks it read).
 */
export async function consultationView(actor: ActorRef, consultationId: unknown, now = new Date()) {
	const { consultation: c, own, isSender } = await accessOf(actor, consultationId);
	const { db } = context();
	if (own && own.status === 'sent') {
		await db.consultationRecipient.updateMany({ where: { id: own.id, status: 'sent' }, data: { status: 'read', readAt: now } });
		own.status = 'read';
	}
	const quotes = await Promise.all(
		c.recipients.map(async (r) => ((await can(actor, 'consultation.quote.view', { senderId: c.senderId, authorId: r.record.ownerId ?? '' })) ? r : null))
	);
	const visible = quotes.filter((r): r is NonNullable<typeof r> => !!r && (r.status === 'answered' || r.status === 'declined'));
	return {
		id: c.id,
		title: c.title,
		createdAt: c.createdAt,
		closingAt: c.closingAt,
		closingDate: parisClosingDate(c.closingAt),
		state: c.state,
		budget: c.budget,
		location: c.location,
		description: c.description,
		sender: { name: c.senderName, email: c.senderEmail },
		attachment: c.attachmentName,
		isSender,
		open: c.state === 'open' && c.closingAt > now,
		recipients: isSender ? c.recipients.map((r) => ({ id: r.id, recordId: r.record.id, name: r.record.company?.title ?? '—', city: r.record.company?.city ?? null, email: r.email, status: r.status, readAt: r.readAt, answeredAt: r.answeredAt })) : [],
		quotes: visible.map((r) => ({ recipientId: r.id, name: r.record.company?.title ?? '—', status: r.status, amount: r.quoteAmount?.toFixed(2) ?? null, message: r.quoteMessage, attachment: r.quoteAttachmentName, declineReason: r.declineReason, answeredAt: r.answeredAt })),
		own: own ? { id: own.id, status: own.status } : null
	};
}

async function openOwnRecipient(actor: ActorRef, consultationId: unknown, now: Date) {
	const { consultation, own } = await accessOf(actor, consultationId);
	if (!own) throw notFound('referencing.error.not_found');
	await requirePermission(actor, 'consultation.answer', { ownerId: own.record.ownerId });
	if (consultation.state !== 'open' || consultation.closingAt <= now) throw conflict('referencing.error.consultation_closed');
	return { consultation, own };
}

/** A recipient answers with a quote (amount, message, one attachment): seen by the sender only. */
export async function answerConsultation(actor: ActorRef, consultationId: unknown, raw: unknown, file: unknown, now = new Date()): Promise<void> {
	const input = parseInput(quoteInput, raw);
	const { consultation, own } = await openOwnRecipient(actor, consultationId, now);
	const attachment = await storeAttachment(file, 'quoteAttachment');
	const { db } = context();
	try {
		await db.$transaction(async (tx) => {
			await tx.consultationRecipient.update({
				where: { id: own.id },
				data: { status: 'answered', answeredAt: now, readAt: own.readAt ?? now, quoteAmount: new Prisma.Decimal(input.amount), quoteMessage: input.message, declineReason: null, ...(attachment ? { quoteAttachmentPath: attachment.path, quoteAttachmentName: attachment.name } : {}) }
			});
			await recordEvent(tx, 'consultation.answered', { consultationId: consultation.id, recipientId: own.id, declined: false });
		});
	} catch (error) {
		await deleteUpload(attachment?.path);
		throw error;
	}
	if (attachment) await deleteUpload(own.quoteAttachmentPath);
}

export async function declineConsultation(actor: ActorRef, consultationId: unknown, raw: unknown, now = new Date()): Promise<void> {
	const input = parseInput(declineInput, raw);
	const { consultation, own } = await openOwnRecipient(actor, consultationId, now);
	await context().db.$transaction(async (tx) => {
		await tx.consultationRecipient.update({ where: { id: own.id }, data: { status: 'declined', answeredAt: now, readAt: own.readAt ?? now, declineReason: input.reason ?? null } });
		await recordEvent(tx, 'consultation.answered', { consultationId: consultation.id, recipientId: own.id, declined: true });
	});
}

async function openOwnConsultation(actor: ActorRef, consultationId: unknown) {
	const { consultation } = await accessOf(actor, consultationId);
	await requirePermission(actor, 'consultation.manage', { senderId: consultation.senderId });
	if (consultation.state !== 'open') throw conflict('referencing.error.consultation_closed');
	return consultation;
}

/** The sender cancels an open consultation; the recipients are told. */
export async function cancelConsultation(actor: ActorRef, consultationId: unknown, now = new Date()): Promise<void> {
	const consultation = await openOwnConsultation(actor, consultationId);
	await context().db.$transaction(async (tx) => {
		const updated = await tx.consultation.updateMany({ where: { id: consultation.id, state: 'open' }, data: { state: 'cancelled', cancelledAt: now } });
		if (updated.count) await recordEvent(tx, 'consultation.cancelled', { consultationId: consultation.id });
	});
}

/** The sender moves the closing date later; the recipients are told, the closing and reminder follow. */
export async function extendConsultation(actor: ActorRef, consultationId: unknown, raw: unknown, now = new Date()): Promise<void> {
	const consultation = await openOwnConsultation(actor, consultationId);
	const { closingDate } = parseInput(extendInput, raw);
	const closingAt = endOfParisDay(closingDate);
	if (Number.isNaN(closingAt.getTime()) || closingAt <= consultation.closingAt || closingAt.getTime() <= now.getTime()) throw invalid('referencing.error.extend_later', { closingDate: 'referencing.error.extend_later' });
	await context().db.$transaction(async (tx) => {
		await tx.consultation.update({ where: { id: consultation.id }, data: { closingAt } });
		// recipients who were reminded for the old date are reminded again for the new one
		await tx.consultationRecipient.updateMany({ where: { consultationId: consultation.id }, data: { remindedAt: null } });
		await recordEvent(tx, 'consultation.extended', { consultationId: consultation.id, closingAt: closingAt.toISOString() });
	});
}

/**
 * The closing job (queued for the closing instant, Europe/Paris end of day): closes the consultation
 * if it is still open with that closing time — an extension or a cancellation makes it a no-op.
 */
export async function closeConsultation(consultationId: string, closingAt: string, now = new Date()): Promise<'closed' | 'skipped'> {
	const due = new Date(closingAt);
	return context().db.$transaction(async (tx) => {
		const updated = await tx.consultation.updateMany({ where: { id: consultationId, state: 'open', closingAt: due }, data: { state: 'closed', closedAt: now } });
		if (!updated.count) return 'skipped';
		await recordEvent(tx, 'consultation.closed', { consultationId });
		return 'closed';
	});
}

/** The reminder job (two days before closing): the recipients who neither answered nor declined, once. */
export async function remindingRecipients(consultationId: string, closingAt: string, now = new Date()): Promise<string[]> {
	return context().db.$transaction(async (tx) => {
		const consultation = await tx.consultation.findUnique({ where: { id: consultationId }, select: { state: true, closingAt: true } });
		if (!consultation || consultation.state !== 'open' || consultation.closingAt.toISOString() !== new Date(closingAt).toISOString()) return [];
		const rows = await tx.consultationRecipient.findMany({ where: { consultationId, status: { in: ['sent', 'read'] }, remindedAt: null }, select: { id: true } });
		await tx.consultationRecipient.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { remindedAt: now } });
		// one mail job each, queued with the mark: both happen or neither
		for (const { id: recipientId } of rows) await enqueue(REFERENCING_JOBS.mail, { kind: 'reminder', consultationId, recipientId }, { tx, uniqueKey: `${REFERENCING_JOBS.mail}:reminder:${recipientId}:${closingAt}` });
		return rows.map((r) => r.id);
	});
}

/** An attachment for a reader allowed to see it: the consultation's (sender and recipients), a quote's (its sender and author). */
export async function consultationFile(actor: ActorRef, consultationId: unknown, which: 'consultation' | string) {
	const { consultation } = await accessOf(actor, consultationId);
	let path: string | null;
	let name: string | null;
	if (which === 'consultation') {
		path = consultation.attachmentPath;
		name = consultation.attachmentName;
	} else {
		const r = consultation.recipients.find((x) => x.id === which);
		if (!r || !(await can(actor, 'consultation.quote.view', { senderId: consultation.senderId, authorId: r.record.ownerId ?? '' }))) throw notFound('referencing.error.not_found');
		path = r.quoteAttachmentPath;
		name = r.quoteAttachmentName;
	}
	const file = path ? await openUpload(path) : null;
	if (!file || !name) throw notFound('referencing.error.not_found');
	return { ...file, name };
}
