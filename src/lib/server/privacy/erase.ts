import { z } from 'zod';
import { context } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import { parseInput, checkbox } from '../validation.ts';
import { requireMember, requirePermission, type ActorRef } from '../access/index.ts';
import { revokeSessions } from '../auth/sessions.ts';
import { verifyPassword } from '../auth/password.ts';
import { deleteUpload } from '../uploads/index.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { CONTRIBUTORS } from './registry.ts';

/** What stays after an erasure and why: every contributor's `kept`, in registry order (the deletion page lists them). */
export function keptAfterErasure(): MessageKey[] {
	return [...new Set(CONTRIBUTORS.flatMap((c) => c.kept ?? []))];
}

/** Appointments still to come block the erasure: cancelling them first tells the other party. */
async function assertNoUpcomingBookings(memberId: string, now: Date) {
	const count = await context().db.booking.count({
		where: { OR: [{ providerId: memberId }, { bookerMemberId: memberId }], status: { in: ['pending', 'confirmed'] }, endAt: { gt: now } }
	});
	if (count > 0) throw new DomainError('conflict', 'privacy.error.upcoming_bookings', {}, { count });
}

/**
 * Erases a member (GDPR art. 17): every contributor erases or anonymises its part in one
 * transaction, the sessions end (their sockets close as on logout) and the account row goes, taking
 * every `onDelete: Cascade` row with it; the uploaded files are deleted after commit.
 * The member themself (deleteMyAccount) or an administrator (`member.erase`).
 */
export async function eraseMember(actor: ActorRef, memberId: string, now = new Date()): Promise<{ erased: true; files: number }> {
	await requirePermission(actor, 'member.erase', memberId);
	const { db, events } = context();
	if (!(await db.member.findUnique({ where: { id: memberId }, select: { id: true } }))) throw notFound();
	await assertNoUpcomingBookings(memberId, now);
	const { files, announce } = await db.$transaction(
		async (tx) => {
			const files = new Set<string>();
			for (const contributor of CONTRIBUTORS) for (const name of (await contributor.files?.(memberId, tx)) ?? []) files.add(name);
			for (const contributor of CONTRIBUTORS) await contributor.erase(memberId, tx);
			const announce = await revokeSessions(tx, memberId);
			await tx.member.delete({ where: { id: memberId } });
			return { files, announce };
		},
		{ timeout: 60_000, maxWait: 10_000 }
	);
	announce();
	events.emit('member.deactivated', { memberId });
	for (const name of files) await deleteUpload(name);
	return { erased: true, files: files.size };
}

const deleteAccountInput = z.object({
	currentPassword: z.string().max(200).optional(),
	confirmEmail: z.string().max(320).optional(),
	understood: checkbox
});

/**
 * "Supprimer mon compte": confirmed with the password, or — for an account opened with Google and
 * no password — by typing the account's e-mail address. Then eraseMember.
 */
export async function deleteMyAccount(actor: ActorRef, raw: unknown, now = new Date()): Promise<{ erased: true }> {
	const memberId = requireMember(actor);
	const input = parseInput(deleteAccountInput, raw);
	const member = await context().db.member.findUnique({ where: { id: memberId }, select: { passwordHash: true, email: true } });
	if (!member) throw notFound();
	if (!input.understood) throw invalid('privacy.error.confirm_required', { understood: 'privacy.error.confirm_required' });
	if (member.passwordHash) {
		if (!input.currentPassword || !(await verifyPassword(member.passwordHash, input.currentPassword))) {
			throw invalid('error.wrong_password', { currentPassword: 'error.wrong_password' });
		}
	} else if ((input.confirmEmail ?? '').trim().toLowerCase() !== member.email.toLowerCase()) {
		throw invalid('privacy.error.email_mismatch', { confirmEmail: 'privacy.error.email_mismatch' });
	}
	await eraseMember(actor, memberId, now);
	return { erased: true };
}

/** What the data page shows: whether the account confirms with a password, and what is kept. */
export async function privacyPage(actor: ActorRef) {
	const memberId = requireMember(actor);
	const member = await context().db.member.findUniqueOrThrow({ where: { id: memberId }, select: { passwordHash: true, email: true } });
	return { hasPassword: member.passwordHash !== null, email: member.email, kept: keptAfterErasure() };
}
