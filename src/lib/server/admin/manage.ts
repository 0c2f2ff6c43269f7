import { context } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { parseInput } from '../validation.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { editMemberInput, uuid } from './inputs.ts';
import { withMemberRole } from './invitations.ts';
import { stateOf } from './members-list.ts';

/**
 * "Gérer l'utilisateur": an administrator edits a member's identity, e-mail, promotion, programme,
 * campus, roles and external reference; sees every invitation and reminder with its date.
 */
function memberId(raw: unknown): string {
	const parsed = uuid.safeParse(raw);
	if (!parsed.success) throw notFound('admin.error.member_not_found');
	return parsed.data;
}

export async function memberAdminView(actor: ActorRef, rawId: unknown) {
	await requirePermission(actor, 'admin.members.manage');
	const id = memberId(rawId);
	const { db } = context();
	const m = await db.member.findUnique({
		where: { id },
		select: {
			id: true,
			firstName: true,
			lastName: true,
			email: true,
			slug: true,
			status: true,
			passwordHash: true,
			roles: true,
			promotion: true,
			programme: true,
			campus: true,
			city: true,
			externalRef: true,
			visibleInDirectory: true,
			createdAt: true,
			activatedAt: true,
			lastLoginAt: true,
			invitationsReceived: {
				orderBy: { createdAt: 'desc' },
				select: {
					id: true,
					kind: true,
					createdAt: true,
					acceptedAt: true,
					cancelledAt: true,
					inviter: { select: { firstName: true, lastName: true } },
					sends: { orderBy: { queuedAt: 'asc' }, select: { kind: true, step: true, queuedAt: true, sentAt: true, skipped: true } }
				}
			}
		}
	});
	if (!m) throw notFound('admin.error.member_not_found');
	const optedOut = !!(await db.invitationOptOut.findUnique({ where: { email: m.email } }));
	const { passwordHash: _hash, invitationsReceived, ...rest } = m;
	return {
		...rest,
		state: stateOf(m),
		roles: m.roles.filter((r) => r !== 'member'),
		optedOut,
		invitations: invitationsReceived.map((i) => ({ ...i, inviterName: i.inviter ? `${i.inviter.firstName} ${i.inviter.lastName}` : null }))
	};
}

/** Saves the "Modifier le profil" form of an administrator (an address change keeps the member's pending invitations on the new address). */
export async function updateMemberByAdmin(actor: ActorRef, rawId: unknown, raw: unknown): Promise<void> {
	const admin = (await requirePermission(actor, 'admin.members.manage'))!;
	const id = memberId(rawId);
	const input = parseInput(editMemberInput, raw);
	const { db } = context();
	const current = await db.member.findUnique({ where: { id }, select: { roles: true, email: true } });
	if (!current) throw notFound('admin.error.member_not_found');
	if (await db.member.findFirst({ where: { email: input.email, id: { not: id } }, select: { id: true } })) throw conflict('admin.error.email_taken', { email: 'admin.error.email_taken' });
	if (input.externalRef && (await db.member.findFirst({ where: { externalRef: input.externalRef, id: { not: id } }, select: { id: true } }))) {
		throw conflict('admin.error.external_ref_taken', { externalRef: 'admin.error.external_ref_taken' });
	}
	// an administrator does not take the admin role away from themselves here
	const roles = withMemberRole(input.roles);
	if (id === admin.memberId && current.roles.includes('admin') && !roles.includes('admin')) roles.push('admin');
	try {
		await db.$transaction(async (tx) => {
			await tx.member.update({
				where: { id },
				data: {
					firstName: input.firstName,
					lastName: input.lastName,
					email: input.email,
					promotion: input.promotion ?? null,
					programme: input.programme ?? null,
					campus: input.campus ?? null,
					city: input.city ?? null,
					externalRef: input.externalRef ?? null,
					roles
				}
			});
			if (current.email !== input.email) await tx.invitation.updateMany({ where: { memberId: id, kind: 'admin', acceptedAt: null }, data: { email: input.email } });
		});
	} catch (error) {
		if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
			// the same address or reference taken at the same instant
			throw conflict('admin.error.email_taken', { email: 'admin.error.email_taken' });
		}
		throw error;
	}
}
