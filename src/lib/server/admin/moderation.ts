import { z } from 'zod';
import { context } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { parseInput, requiredText } from '../validation.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { recordEvent } from '../outbox/index.ts';
import { memberSlug } from '../members/slug.ts';
import { linkMail } from '../mail/templates.ts';
import { issueToken } from '../auth/tokens.ts';
import { REGISTRATION_APPROVAL_SETTING, registrationApprovalRequired } from '../auth/registration.ts';
import { uuid } from './inputs.ts';

/**
 * Registration moderation (Datalumni part 1, "valider ou refuser une demande d'inscription"): the
 * setting, the queue, approve (the account is created, pending, and the usual activation link is
 * mailed) or refuse with a reason (mailed). Recruiters never wait (auth/registration.ts).
 */
export const REGISTRATION_MAIL_JOB = 'admin.registration_mail';

export async function registrationSettings(actor: ActorRef) {
	await requirePermission(actor, 'admin.members.manage');
	return { approvalRequired: await registrationApprovalRequired(context().db) };
}

export async function setRegistrationApproval(actor: ActorRef, on: boolean) {
	await requirePermission(actor, 'admin.members.manage');
	await context().db.platformSetting.upsert({ where: { key: REGISTRATION_APPROVAL_SETTING }, create: { key: REGISTRATION_APPROVAL_SETTING, value: on }, update: { value: on } });
}

export async function registrationQueue(actor: ActorRef, status: 'pending' | 'approved' | 'refused' = 'pending') {
	await requirePermission(actor, 'admin.registrations.moderate');
	return context().db.registrationRequest.findMany({
		where: { status },
		orderBy: { createdAt: status === 'pending' ? 'asc' : 'desc' },
		take: 200,
		select: { id: true, email: true, firstName: true, lastName: true, role: true, promotion: true, programme: true, category: true, createdAt: true, decidedAt: true, reason: true, decidedBy: { select: { firstName: true, lastName: true } } }
	});
}

const decisionInput = z.object({ requestId: uuid });
const refusalInput = z.object({ requestId: uuid, reason: requiredText(500) });

export async function approveRegistration(actor: ActorRef, raw: unknown): Promise<{ memberId: string }> {
	const moderator = (await requirePermission(actor, 'admin.registrations.moderate'))!;
	const { requestId } = parseInput(decisionInput, raw);
	return context().db.$transaction(async (tx) => {
		const request = await tx.registrationRequest.findFirst({ where: { id: requestId, status: 'pending' } });
		if (!request) throw notFound('admin.registration.error.not_found');
		if (await tx.member.findUnique({ where: { email: request.email }, select: { id: true } })) throw conflict('admin.registration.error.email_taken');
		const member = await tx.member.create({
			data: {
				email: request.email,
				passwordHash: request.passwordHash,
				firstName: request.firstName,
				lastName: request.lastName,
				slug: memberSlug(request.firstName, request.lastName),
				category: request.category,
				locale: request.locale,
				status: 'pending',
				roles: ['member', request.role],
				promotion: request.promotion,
				programme: request.programme,
				visibleInDirectory: request.category !== 'visitor'
			},
			select: { id: true }
		});
		await tx.registrationRequest.update({ where: { id: request.id }, data: { status: 'approved', decidedAt: new Date(), decidedById: moderator.memberId, memberId: member.id, passwordHash: null } });
		await recordEvent(tx, 'registration.decided', { requestId: request.id, approved: true });
		return { memberId: member.id };
	});
}

export async function refuseRegistration(actor: ActorRef, raw: unknown): Promise<void> {
	const moderator = (await requirePermission(actor, 'admin.registrations.moderate'))!;
	const { requestId, reason } = parseInput(refusalInput, raw);
	await context().db.$transaction(async (tx) => {
		const { count } = await tx.registrationRequest.updateMany({
			where: { id: requestId, status: 'pending' },
			data: { status: 'refused', reason, decidedAt: new Date(), decidedById: moderator.memberId, passwordHash: null }
		});
		if (count !== 1) throw notFound('admin.registration.error.not_found');
		await recordEvent(tx, 'registration.decided', { requestId, approved: false });
	});
}

/** The job: the "request received", "approved" (with the activation link) or "refused" (with the reason) mail. */
export async function sendRegistrationMail(payload: unknown): Promise<string> {
	const { requestId, kind } = z.object({ requestId: uuid, kind: z.enum(['received', 'approved', 'refused']) }).parse(payload);
	const { db, mailer, config } = context();
	const request = await db.registrationRequest.findUnique({ where: { id: requestId } });
	if (!request) return 'gone';
	const base = { to: request.email, locale: request.locale, name: request.firstName };
	if (kind === 'received') {
		await mailer.send(linkMail({ ...base, subject: 'admin.mail.registration.received_subject', body: 'admin.mail.registration.received_body' }));
	} else if (kind === 'refused') {
		await mailer.send(linkMail({ ...base, subject: 'admin.mail.registration.refused_subject', body: 'admin.mail.registration.refused_body', params: { reason: request.reason ?? '' } }));
	} else {
		if (!request.memberId) return 'no_member';
		const member = await db.member.findUnique({ where: { id: request.memberId }, select: { status: true } });
		if (member?.status !== 'pending') return 'already_active';
		const token = await issueToken(db, request.memberId, 'activation');
		await mailer.send(
			linkMail({ ...base, subject: 'admin.mail.registration.approved_subject', body: 'admin.mail.registration.approved_body', link: `${config.publicUrl}/activate?token=${encodeURIComponent(token)}` })
		);
	}
	return 'sent';
}
