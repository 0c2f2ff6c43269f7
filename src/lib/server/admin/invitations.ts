import { context } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { memberSlug } from '../members/slug.ts';
import { hashPassword } from '../auth/password.ts';
import { openSession, type SessionMeta } from '../auth/sessions.ts';
import { signUp } from '../auth/accounts.ts';
import { consentOf } from '../auth/inputs.ts';
import { consumeRates, limitMail, type MailRequester } from '../auth/rate-limit.ts';
import { recordEvent } from '../outbox/index.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { MemberRole } from '../generated/prisma/enums.ts';
import type { Locale } from '../../i18n/index.ts';
import { acceptInvitationInput, addMemberInput, joinInput, memberInviteInput, uuid } from './inputs.ts';
import { queueSends } from './sends.ts';
import { readSigned, signParts } from './signing.ts';
import { adminSettings } from './settings.ts';

/**
 * One Invitation concept, two doors:
 * - `admin` ("Ajouter un utilisateur", CSV imports): the person exists at once as a pre-registered
 *   member (status pending, no password, "non inscrit") and is mailed a signed link to choose a
 *   password; automatic reminders follow (reminders.ts) until the account is finished.
 * - `member` (PROETHEEC point 6): a member invites a client, prospect or supporter with a personal
 *   message and the relation offered (follower or contact); when the invitee's account becomes
 *   active, the relation is made (subscribers.ts). One reminder at most, by the inviter.
 * Nobody who opted out (one-click link in every invitation mail) is ever invited or reminded.
 */

const LINK = 'invite';
const OPT_OUT = 'optout';

export async function invitationLink(invitationId: string, now = new Date()): Promise<string> {
	return `${context().config.publicUrl}/invitation/${await signParts(LINK, [invitationId, String(now.getTime())])}`;
}

export async function optOutLink(email: string): Promise<string> {
	return `${context().config.publicUrl}/invitation/unsubscribe/${await signParts(OPT_OUT, [email])}`;
}

export const withMemberRole = (roles: readonly MemberRole[]): MemberRole[] => ['member', ...roles.filter((r) => r !== 'member')];

function isUniqueViolation(error: unknown) {
	return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** "Ajouter un utilisateur": the member exists at once as "non inscrit" and the invitation mail is queued. */
export async function addMember(actor: ActorRef, raw: unknown): Promise<{ memberId: string; invitationId: string }> {
	const admin = await requirePermission(actor, 'admin.members.manage');
	const input = parseInput(addMemberInput, raw);
	const { db } = context();
	if (await db.member.findUnique({ where: { email: input.email }, select: { id: true } })) throw conflict('admin.error.email_taken', { email: 'admin.error.email_taken' });
	if (input.externalRef && (await db.member.findUnique({ where: { externalRef: input.externalRef }, select: { id: true } }))) {
		throw conflict('admin.error.external_ref_taken', { externalRef: 'admin.error.external_ref_taken' });
	}
	try {
		return await db.$transaction(async (tx) => {
			const member = await tx.member.create({
				data: {
					email: input.email,
					firstName: input.firstName,
					lastName: input.lastName,
					slug: memberSlug(input.firstName, input.lastName),
					status: 'pending',
					roles: withMemberRole(input.roles),
					promotion: input.promotion ?? null,
					programme: input.programme ?? null,
					campus: input.campus ?? null,
					externalRef: input.externalRef ?? null
				},
				select: { id: true }
			});
			const invitation = await tx.invitation.create({
				data: { kind: 'admin', email: input.email, firstName: input.firstName, lastName: input.lastName, inviterId: admin!.memberId, memberId: member.id },
				select: { id: true }
			});
			await queueSends(tx, [invitation.id], 'invitation');
			return { memberId: member.id, invitationId: invitation.id };
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw conflict('admin.error.email_taken', { email: 'admin.error.email_taken' });
		throw error;
	}
}

/**
 * "Envoyer une nouvelle invitation" to these members: those still "non inscrits" get a new mail
 * (their admin invitation, created if they had none); active or deactivated members and addresses
 * that opted out are counted, not mailed.
 */
export async function reinviteMembers(actor: ActorRef, memberIds: readonly string[]): Promise<{ queued: number; alreadyActive: number; optedOut: number }> {
	const admin = await requirePermission(actor, 'admin.members.manage');
	const { db } = context();
	const ids = [...new Set(memberIds)];
	const members = await db.member.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, firstName: true, lastName: true, status: true, passwordHash: true } });
	const optedOut = new Set((await db.invitationOptOut.findMany({ where: { email: { in: members.map((m) => m.email) } }, select: { email: true } })).map((o) => o.email));
	const pending = members.filter((m) => m.status === 'pending' && !optedOut.has(m.email));
	return db.$transaction(
		async (tx) => {
			const existing = await tx.invitation.findMany({
				where: { kind: 'admin', memberId: { in: pending.map((m) => m.id) }, acceptedAt: null, cancelledAt: null },
				orderBy: { createdAt: 'desc' },
				select: { id: true, memberId: true }
			});
			const byMember = new Map<string, string>();
			for (const inv of existing) if (inv.memberId && !byMember.has(inv.memberId)) byMember.set(inv.memberId, inv.id);
			const missing = pending.filter((m) => !byMember.has(m.id));
			if (missing.length) {
				const created = await tx.invitation.createManyAndReturn({
					data: missing.map((m) => ({ kind: 'admin' as const, email: m.email, firstName: m.firstName, lastName: m.lastName, inviterId: admin!.memberId, memberId: m.id })),
					select: { id: true, memberId: true }
				});
				for (const inv of created) byMember.set(inv.memberId!, inv.id);
			}
			await queueSends(tx, [...byMember.values()], 'manual');
			return { queued: byMember.size, alreadyActive: members.filter((m) => m.status !== 'pending').length, optedOut: members.filter((m) => m.status === 'pending' && optedOut.has(m.email)).length };
		},
		{ timeout: 60_000 }
	);
}

// ── the link ──────────────────────────────────────────────────────────────────────────────

export type InvitationState = 'open' | 'accepted' | 'expired' | 'cancelled';

async function invitationOf(token: unknown, now: Date) {
	const parts = await readSigned(LINK, token);
	if (!parts || parts.length !== 2 || !uuid.safeParse(parts[0]).success) throw invalid('admin.invite.error.bad_link');
	const [id, issued] = parts;
	const invitation = await context().db.invitation.findUnique({
		where: { id },
		select: {
			id: true,
			kind: true,
			email: true,
			firstName: true,
			lastName: true,
			message: true,
			relation: true,
			acceptedAt: true,
			cancelledAt: true,
			memberId: true,
			inviter: { select: { firstName: true, lastName: true } },
			member: { select: { status: true } }
		}
	});
	if (!invitation) throw invalid('admin.invite.error.bad_link');
	let state: InvitationState = 'open';
	if (invitation.cancelledAt) state = 'cancelled';
	else if (invitation.acceptedAt || (invitation.kind === 'admin' && invitation.member?.status !== 'pending')) state = 'accepted';
	else if (Number(issued) + adminSettings().linkMs < now.getTime()) state = 'expired';
	return { ...invitation, state };
}

/** What the invitation page shows before its form. */
export async function invitationPage(token: unknown, now = new Date()) {
	const inv = await invitationOf(token, now);
	return {
		kind: inv.kind,
		state: inv.state,
		email: inv.email,
		firstName: inv.firstName,
		lastName: inv.lastName,
		message: inv.message,
		relation: inv.relation,
		inviterName: inv.inviter ? `${inv.inviter.firstName} ${inv.inviter.lastName}`.trim() : null
	};
}

function refuseState(state: InvitationState) {
	if (state === 'accepted') throw conflict('admin.invite.error.already_accepted');
	if (state === 'expired') throw invalid('admin.invite.error.expired');
	if (state === 'cancelled') throw invalid('admin.invite.error.cancelled');
}

/**
 * An administrator's invitation: the invitee chooses a password; the account becomes active
 * (`member.activated`, as an activation link would) and the invitee is logged in.
 */
export async function acceptInvitation(token: unknown, raw: unknown, meta: SessionMeta, now = new Date()) {
	const inv = await invitationOf(token, now);
	if (inv.kind !== 'admin' || !inv.memberId) throw invalid('admin.invite.error.bad_link');
	refuseState(inv.state);
	const input = parseInput(acceptInvitationInput, raw);
	const passwordHash = await hashPassword(input.password);
	const { db, events } = context();
	await db.$transaction(async (tx) => {
		const { count } = await tx.member.updateMany({
			where: { id: inv.memberId!, status: 'pending' },
			data: { passwordHash, status: 'active', activatedAt: now, lastLoginAt: now }
		});
		if (count !== 1) throw conflict('admin.invite.error.already_accepted');
		await tx.invitation.updateMany({ where: { memberId: inv.memberId!, kind: 'admin', acceptedAt: null }, data: { acceptedAt: now } });
		await recordEvent(tx, 'member.activated', { memberId: inv.memberId!, via: 'activation' });
	});
	events.emit('member.activated', { memberId: inv.memberId });
	return { memberId: inv.memberId, session: await openSession(inv.memberId, meta) };
}

/**
 * A member's invitation: the invitee signs up (the usual sign-up, activation mail included). When
 * the address was free, the invitation is tied to the new account; the relation is made once the
 * account is active (subscribers.ts), whichever address it was finished with.
 */
export async function joinThroughInvitation(token: unknown, raw: unknown, locale: Locale, requester: MailRequester = {}, now = new Date()) {
	const inv = await invitationOf(token, now);
	if (inv.kind !== 'member') throw invalid('admin.invite.error.bad_link');
	refuseState(inv.state);
	const input = parseInput(joinInput, raw);
	const { db } = context();
	const existed = await db.member.findUnique({ where: { email: input.email }, select: { id: true } });
	const result = await signUp({ ...input, acceptTerms: consentOf(raw) }, locale, requester);
	if (!existed && result.memberId) await db.invitation.updateMany({ where: { id: inv.id, memberId: null }, data: { memberId: result.memberId } });
	return { email: result.email };
}

// ── opting out ────────────────────────────────────────────────────────────────────────────

async function optOutAddress(token: unknown): Promise<string> {
	const parts = await readSigned(OPT_OUT, token);
	if (!parts || parts.length !== 1 || !parts[0]) throw invalid('admin.invite.error.bad_link');
	return parts[0];
}

export async function optOutState(token: unknown): Promise<{ email: string; optedOut: boolean }> {
	const email = await optOutAddress(token);
	return { email, optedOut: !!(await context().db.invitationOptOut.findUnique({ where: { email } })) };
}

/** The one-click POST (RFC 8058) or the page's button: no invitation nor reminder ever again. Idempotent. */
export async function optOut(token: unknown): Promise<{ email: string }> {
	const email = await optOutAddress(token);
	await context().db.invitationOptOut.createMany({ data: [{ email }], skipDuplicates: true });
	return { email };
}

// ── member to member (PROETHEEC point 6) ──────────────────────────────────────────────────

export type InviteSkip = 'invalid' | 'already_member' | 'opted_out' | 'already_invited';

/** A member invites up to 20 addresses; each is checked and reported (sent, or why not). Throttled per member and per address. */
export async function inviteContacts(actor: ActorRef, raw: unknown, requester: MailRequester = {}, now = new Date()) {
	const resolved = await requirePermission(actor, 'invitation.send');
	const inviterId = resolved!.memberId;
	const input = parseInput(memberInviteInput, raw);
	const { db } = context();
	const sent: string[] = [];
	const skipped: { email: string; reason: InviteSkip }[] = [];
	const emailCheck = addMemberInput.shape.email;
	for (const address of input.emails) {
		const parsed = emailCheck.safeParse(address);
		if (!parsed.success) {
			skipped.push({ email: address, reason: 'invalid' });
			continue;
		}
		const email = parsed.data;
		if (await db.member.findUnique({ where: { email }, select: { id: true } })) {
			skipped.push({ email, reason: 'already_member' });
			continue;
		}
		if (await db.invitationOptOut.findUnique({ where: { email } })) {
			skipped.push({ email, reason: 'opted_out' });
			continue;
		}
		if (await db.invitation.findFirst({ where: { kind: 'member', inviterId, email, cancelledAt: null }, select: { id: true } })) {
			skipped.push({ email, reason: 'already_invited' });
			continue;
		}
		// a day's quota per member, then the mail limits of the accounts (per address, IP and member)
		await consumeRates([{ key: `invite:member:${inviterId}`, limit: adminSettings().memberInvitesPerDay }], { windowMs: 86_400_000, now, message: 'admin.invite.error.quota' });
		await limitMail('invitation', email, { ...requester, memberId: inviterId }, now);
		await db.$transaction(async (tx) => {
			const invitation = await tx.invitation.create({
				data: { kind: 'member', email, inviterId, relation: input.relation, message: input.message ?? null },
				select: { id: true }
			});
			await queueSends(tx, [invitation.id], 'invitation');
		});
		sent.push(email);
	}
	return { sent, skipped };
}

/** The inviter's list: who was invited, when, reminded or not, who joined. */
export async function myInvitations(actor: ActorRef) {
	const resolved = await requirePermission(actor, 'invitation.send');
	const rows = await context().db.invitation.findMany({
		where: { kind: 'member', inviterId: resolved!.memberId, cancelledAt: null },
		orderBy: { createdAt: 'desc' },
		take: 200,
		select: {
			id: true,
			email: true,
			relation: true,
			createdAt: true,
			firstSentAt: true,
			acceptedAt: true,
			member: { select: { firstName: true, lastName: true, slug: true, status: true } },
			sends: { where: { kind: { in: ['reminder', 'manual'] } }, select: { sentAt: true, queuedAt: true } }
		}
	});
	const optedOut = new Set((await context().db.invitationOptOut.findMany({ where: { email: { in: rows.map((r) => r.email) } } })).map((o) => o.email));
	return rows.map((r) => ({
		id: r.id,
		email: r.email,
		relation: r.relation,
		invitedAt: r.firstSentAt ?? r.createdAt,
		remindedAt: r.sends[0] ? (r.sends[0].sentAt ?? r.sends[0].queuedAt) : null,
		joinedAt: r.acceptedAt,
		joined: r.acceptedAt && r.member ? { name: `${r.member.firstName} ${r.member.lastName}`, slug: r.member.status === 'active' ? r.member.slug : null } : null,
		optedOut: optedOut.has(r.email),
		canRemind: !r.acceptedAt && r.sends.length === 0 && !optedOut.has(r.email)
	}));
}

/** The one reminder a member may send for an invitation not yet answered. */
export async function remindInvitation(actor: ActorRef, invitationId: unknown, requester: MailRequester = {}, now = new Date()) {
	const resolved = await requirePermission(actor, 'invitation.send');
	const id = uuid.safeParse(invitationId);
	if (!id.success) throw notFound('admin.invite.error.not_found');
	const { db } = context();
	const inv = await db.invitation.findFirst({
		where: { id: id.data, kind: 'member', inviterId: resolved!.memberId, cancelledAt: null },
		select: { id: true, email: true, acceptedAt: true, sends: { where: { kind: { in: ['reminder', 'manual'] } }, select: { id: true } } }
	});
	if (!inv) throw notFound('admin.invite.error.not_found');
	if (inv.acceptedAt) throw conflict('admin.invite.error.already_joined');
	if (inv.sends.length > 0) throw conflict('admin.invite.error.already_reminded');
	if (await db.invitationOptOut.findUnique({ where: { email: inv.email } })) throw conflict('admin.invite.error.opted_out');
	await limitMail('invitation', inv.email, { ...requester, memberId: resolved!.memberId }, now);
	await db.$transaction(async (tx) => queueSends(tx, [inv.id], 'reminder'));
}
