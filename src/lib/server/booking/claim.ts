import type { Tx } from '../outbox/index.ts';

/**
 * A visitor may book without an account, giving an e-mail address. Once an account with that
 * address has proven its mailbox (activation link, password reset, Google's verified e-mail, a
 * login of an active account), its bookings become the member's: they show on their dashboard and
 * open the video room to them. Run by the booking's subscriber to `member.activated` and
 * `member.address_proven` (booking/subscribers.ts), in the delivery's transaction.
 */
export async function claimGuestBookings(tx: Tx, memberId: string): Promise<number> {
	const member = await tx.member.findUnique({ where: { id: memberId }, select: { email: true, status: true } });
	if (!member || member.status !== 'active') return 0;
	const { count } = await tx.booking.updateMany({
		where: { bookerMemberId: null, bookerEmail: { equals: member.email, mode: 'insensitive' }, NOT: { providerId: memberId } },
		data: { bookerMemberId: memberId }
	});
	return count;
}
