import { z } from 'zod';
import { context } from '../context.ts';
import { enqueue } from '../jobs/queue.ts';
import { refundPayment } from '../payments/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { MemberRole } from '../generated/prisma/enums.ts';
import { changeMail, invitationMail, registrationMail, type GatheringForMail, type Recipient, type RegistrationMailKind } from './mail.ts';
import { expireUnpaidPlace } from './deadline.ts';
import { signToken } from './tokens.ts';

/**
 * The events' background work (pg-boss, handlers in server/jobs/gatherings.ts): invitations and
 * reminders in batches (each batch enqueues the next, so a failure retries one batch and a member
 * is never mailed twice), one job per registration mail, refunds of a cancelled event.
 */
export const GATHERING_JOBS = {
	invite: 'gatherings.invite',
	mail: 'gatherings.mail',
	reminder: 'gatherings.reminder',
	cancel: 'gatherings.cancel',
	refund: 'gatherings.refund',
	/** one member's mail about a new date or place (edit.ts) */
	changeMail: 'gatherings.change-mail',
	/** a promoted place unpaid at its deadline goes to the next waiting member (deadline.ts) */
	payDeadline: 'gatherings.pay-deadline'
} as const;
export const GATHERING_JOB_KINDS: readonly string[] = Object.values(GATHERING_JOBS);

export const INVITE_BATCH = 50;
const REMINDER_BEFORE_MS = 24 * 3600_000;

const gatheringSelect = {
	id: true,
	title: true,
	description: true,
	organiserName: true,
	organiserEmail: true,
	place: true,
	roomSlug: true,
	startAt: true,
	endAt: true,
	timezone: true,
	priceCents: true,
	currency: true,
	capacity: true,
	registrationDeadline: true,
	cancelledAt: true,
	audience: true,
	audienceRoles: true,
	audiencePromotions: true,
	audienceGroupIds: true,
	createdById: true,
	revision: true
} as const;
const recipientSelect = { id: true, email: true, firstName: true, lastName: true, locale: true, timezone: true } as const;

/** The members an event's invitation goes to (active accounts in its audience; never its creator). */
export function audienceWhere(g: { audience: string; audienceRoles: readonly MemberRole[]; audiencePromotions: number[]; audienceGroupIds: string[]; createdById: string }): Prisma.MemberWhereInput {
	const base: Prisma.MemberWhereInput = { status: 'active', id: { not: g.createdById } };
	switch (g.audience) {
		case 'roles':
			return { ...base, roles: { hasSome: [...g.audienceRoles] } };
		case 'promotions':
			return { ...base, promotion: { in: g.audiencePromotions } };
		case 'groups':
			return { ...base, contactGroupEntries: { some: { groupId: { in: g.audienceGroupIds } } } };
		default:
			// public and all-members events are announced to every member, except those who are only recruiters
			return { ...base, NOT: { AND: [{ roles: { has: 'recruiter' } }, { NOT: { roles: { hasSome: ['student', 'alumni', 'teacher', 'admin'] } } }] } };
	}
}

const invitePayload = z.object({ gatheringId: z.uuid(), after: z.uuid().optional() });

/** One batch of invitations: creates each invitation, mails it (once: sentAt), then enqueues the next batch. */
export async function sendInvitationBatch(payload: unknown, now: Date = new Date()): Promise<number> {
	const parsed = invitePayload.safeParse(payload);
	if (!parsed.success) return 0;
	const { gatheringId, after } = parsed.data;
	const { db, mailer } = context();
	const g = await db.gathering.findUnique({ where: { id: gatheringId }, select: gatheringSelect });
	if (!g || g.cancelledAt || g.startAt <= now) return 0;
	const members = await db.member.findMany({ where: { ...audienceWhere(g), ...(after ? { id: { gt: after, not: g.createdById } } : {}) }, orderBy: { id: 'asc' }, take: INVITE_BATCH, select: recipientSelect });
	const expiresAt = g.registrationDeadline && g.registrationDeadline < g.startAt ? g.registrationDeadline : g.startAt;
	let sent = 0;
	for (const m of members) {
		const invitation = await db.gatheringInvitation.upsert({ where: { gatheringId_memberId: { gatheringId, memberId: m.id } }, create: { gatheringId, memberId: m.id, expiresAt }, update: {} });
		if (invitation.sentAt) continue;
		const link = `${context().config.publicUrl}/evenements/participer/${await signToken('join', invitation.id)}`;
		await mailer.send(invitationMail(g, m as Recipient, link));
		await db.gatheringInvitation.update({ where: { id: invitation.id }, data: { sentAt: new Date() } });
		sent++;
	}
	if (members.length === INVITE_BATCH) await enqueue(GATHERING_JOBS.invite, { gatheringId, after: members.at(-1)!.id }, { uniqueKey: `${GATHERING_JOBS.invite}:${gatheringId}:${members.at(-1)!.id}` });
	else await db.gathering.update({ where: { id: gatheringId }, data: { invitationsSentAt: new Date() } });
	return sent;
}

const mailPayload = z.object({ registrationId: z.uuid(), kind: z.enum(['registered', 'waiting', 'promoted', 'unregistered', 'reminder', 'cancelled', 'payment_pending', 'lapsed']) });

async function loadForMail(registrationId: string) {
	return context().db.gatheringRegistration.findUnique({ where: { id: registrationId }, include: { gathering: { select: gatheringSelect }, member: { select: recipientSelect } } });
}

/** One registration mail (job `gatherings.mail`); a mail made stale by a later change sends nothing. */
export async function sendRegistrationMail(payload: unknown): Promise<void> {
	const parsed = mailPayload.safeParse(payload);
	if (!parsed.success) return;
	const { registrationId, kind } = parsed.data;
	const reg = await loadForMail(registrationId);
	if (!reg) return;
	const expected: Record<RegistrationMailKind, string[]> = {
		registered: ['registered'],
		promoted: ['registered', 'payment_pending'],
		waiting: ['waiting'],
		unregistered: ['cancelled'],
		cancelled: ['cancelled'],
		reminder: ['registered'],
		payment_pending: [],
		lapsed: ['cancelled']
	};
	if (!expected[kind].includes(reg.status)) return;
	await context().mailer.send(await registrationMail(reg.gathering as GatheringForMail, reg.member as Recipient, reg, kind));
}

const reminderPayload = z.object({ gatheringId: z.uuid(), start: z.string(), after: z.uuid().optional() });

/** The reminder 24 h before: one mail per registered member, in batches; a moved or cancelled event sends nothing. */
export async function sendReminderBatch(payload: unknown): Promise<number> {
	const parsed = reminderPayload.safeParse(payload);
	if (!parsed.success) return 0;
	const { gatheringId, start, after } = parsed.data;
	const { db, mailer } = context();
	const g = await db.gathering.findUnique({ where: { id: gatheringId }, select: gatheringSelect });
	if (!g || g.cancelledAt || g.startAt.toISOString() !== new Date(start).toISOString()) return 0;
	const regs = await db.gatheringRegistration.findMany({ where: { gatheringId, status: 'registered', ...(after ? { id: { gt: after } } : {}) }, orderBy: { id: 'asc' }, take: INVITE_BATCH, include: { member: { select: recipientSelect } } });
	for (const reg of regs) await mailer.send(await registrationMail(g, reg.member as Recipient, reg, 'reminder'));
	if (regs.length === INVITE_BATCH) await enqueue(GATHERING_JOBS.reminder, { gatheringId, start, after: regs.at(-1)!.id }, { uniqueKey: `${GATHERING_JOBS.reminder}:${gatheringId}:${regs.at(-1)!.id}` });
	return regs.length;
}

export function reminderRunAt(start: Date): Date {
	return new Date(start.getTime() - REMINDER_BEFORE_MS);
}

/** A cancelled event: each live registration ends, its member is told, online payments are refunded (one job each). */
export async function cancelRegistrations(payload: unknown): Promise<number> {
	const parsed = z.object({ gatheringId: z.uuid() }).safeParse(payload);
	if (!parsed.success) return 0;
	const { db } = context();
	const { gatheringId } = parsed.data;
	const g = await db.gathering.findUnique({ where: { id: gatheringId }, select: gatheringSelect });
	if (!g?.cancelledAt) return 0;
	let done = 0;
	for (;;) {
		const regs = await db.gatheringRegistration.findMany({ where: { gatheringId, status: { not: 'cancelled' } }, take: INVITE_BATCH, select: { id: true, payment: true, paymentId: true } });
		if (!regs.length) return done;
		for (const reg of regs) {
			// one transaction per registration: its end, its mail and its refund exist together or not at all
			await db.$transaction(async (tx) => {
				await tx.gatheringRegistration.update({ where: { id: reg.id }, data: { status: 'cancelled', waitPosition: null } });
				await enqueue(GATHERING_JOBS.mail, { registrationId: reg.id, kind: 'cancelled' }, { uniqueKey: `${GATHERING_JOBS.mail}:${reg.id}:cancelled`, tx });
				if (reg.payment === 'online_paid' && reg.paymentId) await enqueue(GATHERING_JOBS.refund, { registrationId: reg.id, paymentId: reg.paymentId }, { uniqueKey: `${GATHERING_JOBS.refund}:${reg.paymentId}`, tx });
			});
			done++;
		}
	}
}

/** Refunds one online payment of a cancelled event (retried by the queue while Stripe fails). */
export async function refundRegistration(payload: unknown): Promise<void> {
	const parsed = z.object({ registrationId: z.uuid(), paymentId: z.uuid() }).safeParse(payload);
	if (!parsed.success) return;
	await refundPayment(parsed.data.paymentId);
	await context().db.gatheringRegistration.updateMany({ where: { id: parsed.data.registrationId, paymentId: parsed.data.paymentId }, data: { payment: 'refunded' } });
}

const whenSchema = z.object({ fromStart: z.string(), fromEnd: z.string(), fromZone: z.string(), toStart: z.string(), toEnd: z.string(), toZone: z.string() });
const placeSchema = z.object({ from: z.string().nullable(), fromRoom: z.string().nullable(), to: z.string().nullable(), toRoom: z.string().nullable() });
export const changeMailPayload = z.object({ registrationId: z.uuid(), revision: z.number().int(), when: whenSchema.optional(), place: placeSchema.optional() });

/** One member's mail about a new date or place (job `gatherings.change-mail`); nothing for a cancelled event or a registration that ended. */
export async function sendChangeMail(payload: unknown): Promise<boolean> {
	const parsed = changeMailPayload.safeParse(payload);
	if (!parsed.success) return false;
	const reg = await loadForMail(parsed.data.registrationId);
	if (!reg || reg.status === 'cancelled' || reg.gathering.cancelledAt) return false;
	const { when, place } = parsed.data;
	await context().mailer.send(await changeMail(reg.gathering as GatheringForMail, reg.member as Recipient, reg, { when, place }));
	return true;
}

export async function runGatheringJob(kind: string, payload: unknown): Promise<void> {
	switch (kind) {
		case GATHERING_JOBS.changeMail:
			await sendChangeMail(payload);
			return;
		case GATHERING_JOBS.payDeadline:
			await expireUnpaidPlace(payload);
			return;
		case GATHERING_JOBS.invite:
			await sendInvitationBatch(payload);
			return;
		case GATHERING_JOBS.mail:
			await sendRegistrationMail(payload);
			return;
		case GATHERING_JOBS.reminder:
			await sendReminderBatch(payload);
			return;
		case GATHERING_JOBS.cancel:
			await cancelRegistrations(payload);
			return;
		case GATHERING_JOBS.refund:
			await refundRegistration(payload);
			return;
	}
}
