import { z } from 'zod';
import { context } from '../context.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { requirePermission, requireMember, type ActorRef } from '../access/index.ts';
import { optionalText, parseInput, requiredText } from '../validation.ts';
import { recordEvent } from '../outbox/index.ts';
import { openDirect } from '../chat/index.ts';
import type { MentorshipStatus } from '../generated/prisma/enums.ts';

/**
 * Mentoring requests and mentorships (Datalumni part 2). "Solliciter comme mentor" with a
 * message → the mentor has two weeks to answer (a reminder after one week, then the request
 * expires and the mentee is told); accepting opens a 1:1 conversation between them (the chat's
 * own `openDirect`, as the mentor); declining may carry a message; either side ends a running
 * mentorship. Every side effect leaves as an outbox event (subscribers.ts).
 */
export const DAY_MS = 86_400_000;
export const ANSWER_DAYS = 14;
export const REMINDER_DAYS = 7;
export const MESSAGE_MAX = 2000;

const uuid = z.uuid({ error: 'mentoring.error.not_found' });

const requestInput = z.object({
	mentorId: uuid,
	message: requiredText(MESSAGE_MAX).refine((m) => m.length >= 20, { error: 'mentoring.error.message_short' })
});

/** "Solliciter comme mentor": one open request or mentorship per pair; the mentor must be active with a place left. */
export async function requestMentor(actor: ActorRef, raw: unknown, now = new Date()): Promise<{ id: string; expiresAt: string }> {
	const me = requireMember(await requirePermission(actor, 'mentoring.use'));
	const input = parseInput(requestInput, raw);
	if (input.mentorId === me) throw invalid('mentoring.error.self');
	const { db } = context();
	return db.$transaction(async (tx) => {
		// the mentor's row locked: two requests of one pair, or for the last place, are decided one after the other
		const [mentor] = await tx.$queryRaw<{ capacity: number; active: boolean; status: string }[]>`
			SELECT mp.capacity, mp.active, m.status::text AS status FROM "MentorProfile" mp JOIN "Member" m ON m.id = mp."memberId"
			WHERE mp."memberId" = ${input.mentorId}::uuid FOR UPDATE OF mp`;
		if (!mentor || !mentor.active || mentor.status !== 'active') throw notFound('mentoring.error.mentor_not_found');
		// a block either way: the mentor is not there for this member
		const blocked = await tx.memberBlock.count({ where: { OR: [{ blockerId: input.mentorId, blockedId: me }, { blockerId: me, blockedId: input.mentorId }] } });
		if (blocked) throw notFound('mentoring.error.mentor_not_found');
		const open = await tx.mentorship.findFirst({ where: { mentorId: input.mentorId, menteeId: me, status: { in: ['pending', 'accepted'] } }, select: { status: true } });
		if (open) throw conflict(open.status === 'pending' ? 'mentoring.error.already_requested' : 'mentoring.error.already_mentor');
		const running = await tx.mentorship.count({ where: { mentorId: input.mentorId, status: 'accepted' } });
		if (running >= mentor.capacity) throw conflict('mentoring.error.mentor_full');
		const expiresAt = new Date(now.getTime() + ANSWER_DAYS * DAY_MS);
		const row = await tx.mentorship.create({ data: { mentorId: input.mentorId, menteeId: me, message: input.message, requestedAt: now, expiresAt }, select: { id: true } });
		await recordEvent(tx, 'mentorship.requested', { mentorshipId: row.id, mentorId: input.mentorId, menteeId: me, requestedAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
		return { id: row.id, expiresAt: expiresAt.toISOString() };
	});
}

const answerInput = z.object({
	id: uuid,
	decision: z.enum(['accept', 'decline'], { error: 'error.invalid_form' }),
	message: optionalText(MESSAGE_MAX)
});

/**
 * The mentor's answer to a pending request (before it expires). Accepting needs a place left;
 * then the 1:1 conversation is opened as the mentor (so the mentee may always answer it) and
 * kept on the mentorship for the mail's button.
 */
export async function answerRequest(actor: ActorRef, raw: unknown, now = new Date()): Promise<{ status: MentorshipStatus; conversationId: string | null }> {
	const resolved = await requirePermission(actor, 'mentoring.use');
	const me = requireMember(resolved);
	const input = parseInput(answerInput, raw);
	const { db } = context();
	const result = await db.$transaction(async (tx) => {
		const [row] = await tx.$queryRaw<{ mentorId: string; menteeId: string; status: MentorshipStatus; expiresAt: Date }[]>`
			SELECT "mentorId", "menteeId", status, "expiresAt" FROM "Mentorship" WHERE id = ${input.id}::uuid FOR UPDATE`;
		if (!row || row.mentorId !== me) throw notFound('mentoring.error.not_found');
		if (row.status !== 'pending') throw conflict('mentoring.error.already_answered');
		if (row.expiresAt <= now) throw conflict('mentoring.error.expired');
		const status = input.decision === 'accept' ? ('accepted' as const) : ('declined' as const);
		if (status === 'accepted') {
			await tx.$queryRaw`SELECT 1 FROM "MentorProfile" WHERE "memberId" = ${me}::uuid FOR UPDATE`;
			const profile = await tx.mentorProfile.findUnique({ where: { memberId: me }, select: { capacity: true } });
			const running = await tx.mentorship.count({ where: { mentorId: me, status: 'accepted' } });
			if (running >= (profile?.capacity ?? 0)) throw conflict('mentoring.error.capacity_reached');
		}
		await tx.mentorship.update({ where: { id: input.id }, data: { status, answer: input.message ?? null, answeredAt: now } });
		await recordEvent(tx, status === 'accepted' ? 'mentorship.accepted' : 'mentorship.declined', { mentorshipId: input.id, mentorId: me, menteeId: row.menteeId });
		return { status, menteeId: row.menteeId };
	});
	if (result.status !== 'accepted') return { status: result.status, conversationId: null };
	const conversationId = await openConversation(resolved, result.menteeId);
	if (conversationId) await db.mentorship.update({ where: { id: input.id }, data: { conversationId } });
	return { status: result.status, conversationId };
}

/** The chat's 1:1 between the actor and the other party, or null when the chat refuses it (a block, closed messages). */
async function openConversation(actor: ActorRef, otherId: string): Promise<string | null> {
	try {
		return (await openDirect(actor as Parameters<typeof openDirect>[0], { memberId: otherId })).conversationId;
	} catch {
		return null;
	}
}

/**
 * The button of the acceptance mail ("Démarrer la conversation"): the mentorship's conversation,
 * opened now by the party who clicks when it could not be at acceptance.
 */
export async function mentorshipConversation(actor: ActorRef, id: string): Promise<string> {
	const resolved = await requirePermission(actor, 'mentoring.use');
	const me = requireMember(resolved);
	if (!uuid.safeParse(id).success) throw notFound('mentoring.error.not_found');
	const { db } = context();
	const row = await db.mentorship.findUnique({ where: { id }, select: { mentorId: true, menteeId: true, status: true, conversationId: true } });
	if (!row || (row.mentorId !== me && row.menteeId !== me)) throw notFound('mentoring.error.not_found');
	if (row.status !== 'accepted' && row.status !== 'ended') throw forbidden('mentoring.error.not_running');
	if (row.conversationId) {
		const still = await db.conversationMember.findFirst({ where: { conversationId: row.conversationId, memberId: me }, select: { memberId: true } });
		if (still) return row.conversationId;
	}
	const conversationId = await openConversation(resolved, me === row.mentorId ? row.menteeId : row.mentorId);
	if (!conversationId) throw forbidden('mentoring.error.conversation_closed');
	await db.mentorship.update({ where: { id }, data: { conversationId } });
	return conversationId;
}

const endInput = z.object({ id: uuid });

/** Either side ends a running mentorship; the mentee may also withdraw a request still pending. */
export async function endMentorship(actor: ActorRef, raw: unknown, now = new Date()): Promise<{ status: MentorshipStatus }> {
	const me = requireMember(await requirePermission(actor, 'mentoring.use'));
	const { id } = parseInput(endInput, raw);
	return context().db.$transaction(async (tx) => {
		const [row] = await tx.$queryRaw<{ mentorId: string; menteeId: string; status: MentorshipStatus }[]>`
			SELECT "mentorId", "menteeId", status FROM "Mentorship" WHERE id = ${id}::uuid FOR UPDATE`;
		if (!row || (row.mentorId !== me && row.menteeId !== me)) throw notFound('mentoring.error.not_found');
		const withdraw = row.status === 'pending' && row.menteeId === me;
		if (row.status !== 'accepted' && !withdraw) throw conflict('mentoring.error.not_running');
		const status = withdraw ? ('withdrawn' as const) : ('ended' as const);
		await tx.mentorship.update({ where: { id }, data: { status, endedAt: now, endedById: me } });
		await recordEvent(tx, 'mentorship.ended', { mentorshipId: id, mentorId: row.mentorId, menteeId: row.menteeId, endedBy: me, wasPending: withdraw });
		return { status };
	});
}

/**
 * Background work: the request still pending at its deadline expires (the job runs at
 * `expiresAt`); the mentee is told through the event. Idempotent: a later run finds it answered.
 */
export async function expireRequest(mentorshipId: string, now = new Date()): Promise<boolean> {
	return context().db.$transaction(async (tx) => {
		const [row] = await tx.$queryRaw<{ mentorId: string; menteeId: string; status: MentorshipStatus }[]>`
			SELECT "mentorId", "menteeId", status FROM "Mentorship" WHERE id = ${mentorshipId}::uuid FOR UPDATE`;
		if (!row || row.status !== 'pending') return false;
		await tx.mentorship.update({ where: { id: mentorshipId }, data: { status: 'expired', endedAt: now } });
		await recordEvent(tx, 'mentorship.expired', { mentorshipId, mentorId: row.mentorId, menteeId: row.menteeId });
		return true;
	});
}

export interface MentorshipItem {
	id: string;
	role: 'mentor' | 'mentee';
	status: MentorshipStatus;
	other: { name: string; slug: string };
	message: string;
	answer: string | null;
	requestedAt: string;
	expiresAt: string;
	answeredAt: string | null;
	endedAt: string | null;
	conversationId: string | null;
}

/** "Mes parrainages": requests and mentorships as mentor and as mentee, open ones first, newest first. */
export async function myMentorships(actor: ActorRef, now = new Date()): Promise<{ asMentor: MentorshipItem[]; asMentee: MentorshipItem[]; isMentor: boolean }> {
	const me = requireMember(await requirePermission(actor, 'mentoring.use'));
	const { db } = context();
	const person = { select: { firstName: true, lastName: true, slug: true } } as const;
	const [rows, profile] = await Promise.all([
		db.mentorship.findMany({ where: { OR: [{ mentorId: me }, { menteeId: me }] }, include: { mentor: person, mentee: person }, orderBy: { requestedAt: 'desc' }, take: 300 }),
		db.mentorProfile.findUnique({ where: { memberId: me }, select: { active: true } })
	]);
	const rank: Record<MentorshipStatus, number> = { pending: 0, accepted: 1, declined: 2, expired: 2, withdrawn: 2, ended: 2 };
	const items = rows.map((r): MentorshipItem => {
		const role = r.mentorId === me ? ('mentor' as const) : ('mentee' as const);
		const other = role === 'mentor' ? r.mentee : r.mentor;
		// a pending request past its deadline is expired for everyone, even before its job has run
		const status = r.status === 'pending' && r.expiresAt <= now ? 'expired' : r.status;
		return {
			id: r.id,
			role,
			status,
			other: { name: `${other.firstName} ${other.lastName}`, slug: other.slug },
			message: r.message,
			answer: r.answer,
			requestedAt: r.requestedAt.toISOString(),
			expiresAt: r.expiresAt.toISOString(),
			answeredAt: r.answeredAt?.toISOString() ?? null,
			endedAt: r.endedAt?.toISOString() ?? null,
			conversationId: r.status === 'accepted' ? r.conversationId : null
		};
	});
	const sorted = items.sort((a, b) => rank[a.status] - rank[b.status]);
	return { asMentor: sorted.filter((i) => i.role === 'mentor'), asMentee: sorted.filter((i) => i.role === 'mentee'), isMentor: !!profile?.active };
}
