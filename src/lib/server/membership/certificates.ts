import { z } from 'zod';
import { context } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { optionalText, parseInput } from '../validation.ts';
import { requireMember, requirePermission, resolveActor, type ActorRef } from '../access/index.ts';
import { recordEvent } from '../outbox/index.ts';
import { acceptPdf, deleteUpload, openUpload, saveUpload } from '../uploads/index.ts';
import { translate, type MessageKey } from '../../i18n/index.ts';

/**
 * Students' enrolment certificate (ECE « fiche d'inscription »): a student attaches it (a PDF,
 * through the upload rules) before paying a student plan; a moderator checks it (approve, or refuse
 * with a reason) and the student is told by e-mail. The file is served only to moderators.
 */

export async function uploadCertificate(actorRef: ActorRef, bytes: Uint8Array | null): Promise<{ id: string }> {
	const me = requireMember(await resolveActor(actorRef));
	const pdf = await acceptPdf(bytes, 'certificate');
	const { db } = context();
	const previous = await db.enrolmentCertificate.findMany({ where: { memberId: me, status: { not: 'approved' } }, select: { id: true, storedName: true } });
	const storedName = await saveUpload(pdf.bytes, 'pdf', { private: true });
	const row = await db.$transaction(async (tx) => {
		await tx.enrolmentCertificate.deleteMany({ where: { id: { in: previous.map((p) => p.id) } } });
		return tx.enrolmentCertificate.create({ data: { memberId: me, storedName }, select: { id: true } });
	});
	for (const p of previous) await deleteUpload(p.storedName);
	return row;
}

/** The member's latest certificate, if any (shown on /cotiser). */
export async function certificateOf(memberId: string) {
	const row = await context().db.enrolmentCertificate.findFirst({ where: { memberId }, orderBy: { createdAt: 'desc' }, select: { status: true, reason: true, createdAt: true } });
	return row ? { status: row.status, reason: row.reason, createdAt: row.createdAt.toISOString() } : null;
}

/** A student plan needs a certificate waiting for review or approved. */
export async function hasUsableCertificate(memberId: string): Promise<boolean> {
	return (await context().db.enrolmentCertificate.count({ where: { memberId, status: { in: ['pending', 'approved'] } } })) > 0;
}

export async function pendingCertificates(actorRef: ActorRef) {
	await requirePermission(actorRef, 'membership.certificate.review');
	const rows = await context().db.enrolmentCertificate.findMany({
		where: { status: 'pending' },
		orderBy: { createdAt: 'asc' },
		take: 200,
		select: { id: true, createdAt: true, member: { select: { firstName: true, lastName: true, email: true, promotion: true, programme: true } } }
	});
	return rows.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), name: `${r.member.firstName} ${r.member.lastName}`, email: r.member.email, promotion: r.member.promotion, programme: r.member.programme }));
}

/** The PDF itself, for a moderator. */
export async function certificateFile(actorRef: ActorRef, id: string) {
	await requirePermission(actorRef, 'membership.certificate.review');
	const row = await context().db.enrolmentCertificate.findUnique({ where: { id }, select: { storedName: true } });
	const file = row ? await openUpload(row.storedName) : null;
	if (!file) throw notFound();
	return file;
}

const reviewInput = z.object({ decision: z.enum(['approved', 'refused'], { error: 'error.invalid_form' }), reason: optionalText(500) });

export async function reviewCertificate(actorRef: ActorRef, id: string, raw: unknown, now: Date = new Date()): Promise<void> {
	const moderator = await requirePermission(actorRef, 'membership.certificate.review');
	const input = parseInput(reviewInput, raw);
	await context().db.$transaction(async (tx) => {
		const { count } = await tx.enrolmentCertificate.updateMany({
			where: { id, status: 'pending' },
			data: { status: input.decision, reason: input.decision === 'refused' ? (input.reason ?? null) : null, reviewedById: moderator!.memberId, reviewedAt: now }
		});
		if (!count) throw conflict('membership.error.certificate_reviewed');
		await recordEvent(tx, 'membership.certificate_reviewed', { certificateId: id });
	});
}

/** The student's mail after the review (job `membership.certificate_mail`). */
export async function sendCertificateMail(payload: unknown): Promise<void> {
	const parsed = z.object({ certificateId: z.uuid() }).safeParse(payload);
	if (!parsed.success) return;
	const { db, mailer, config } = context();
	const row = await db.enrolmentCertificate.findUnique({ where: { id: parsed.data.certificateId }, include: { member: { select: { email: true, firstName: true, lastName: true, locale: true } } } });
	if (!row || row.status === 'pending') return;
	const m = row.member;
	const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(m.locale, key, params);
	const lines = [t('mail.greeting', { name: `${m.firstName} ${m.lastName}` }), t(row.status === 'approved' ? 'membership.mail.certificate.approved' : 'membership.mail.certificate.refused')];
	if (row.reason) lines.push(t('membership.mail.certificate.reason', { reason: row.reason }));
	lines.push(`${config.publicUrl}/cotiser`, t('mail.signature'));
	await mailer.send({ to: m.email, subject: t('membership.mail.certificate.subject'), text: lines.join('\n\n') });
}
