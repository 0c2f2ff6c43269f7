import { DomainError } from '../errors.ts';
import type { Delivery } from '../outbox/index.ts';
import { followMember, sendContactRequest } from '../relations/index.ts';
import { deliver as deliverNotifications } from '../notifications/subscribers.ts';

/**
 * A member's account became active (`member.activated`): their administrator's invitations are
 * accepted (reminders stop), and the members who invited this address (or whose link they signed
 * up through) get the relation they offered — the invitee follows the inviter, or the inviter's
 * contact request waits for the invitee's acceptance. Idempotent: following twice is no change,
 * a request already sent is a conflict left alone.
 */
export async function joinedThroughInvitations(delivery: Delivery, memberId: string): Promise<void> {
	const { tx, createdAt } = delivery;
	const member = await tx.member.findUnique({ where: { id: memberId }, select: { email: true, status: true, firstName: true, lastName: true, slug: true } });
	if (!member || member.status !== 'active') return;
	await tx.invitation.updateMany({ where: { kind: 'admin', memberId, acceptedAt: null }, data: { acceptedAt: createdAt } });
	const invitations = await tx.invitation.findMany({
		where: { kind: 'member', acceptedAt: null, cancelledAt: null, OR: [{ memberId }, { memberId: null, email: member.email }] },
		select: { id: true, inviterId: true, relation: true, inviter: { select: { status: true } } }
	});
	for (const inv of invitations) {
		await tx.invitation.update({ where: { id: inv.id }, data: { acceptedAt: createdAt, memberId } });
		if (!inv.inviterId || inv.inviterId === memberId || inv.inviter?.status !== 'active') continue;
		// the inviter hears of it (notification centre, per their preferences)
		await deliverNotifications(
			delivery,
			[{ recipientId: inv.inviterId, type: 'invitation.joined', actorId: memberId, object: { type: 'member', id: memberId }, data: { actorName: `${member.firstName} ${member.lastName}`.trim(), actorSlug: member.slug } }],
			`invitation.joined:${inv.id}`
		);
		try {
			if (inv.relation === 'contact') await sendContactRequest({ memberId: inv.inviterId }, { memberId });
			else await followMember({ memberId }, { memberId: inv.inviterId });
		} catch (error) {
			// already contacts / already asked / requests closed: nothing more to offer
			if (!(error instanceof DomainError)) throw error;
		}
	}
}
