import { context } from '../context.ts';

/**
 * A visitor may book without an account, giving an e-mail address. Once an account with that
 * address has proven its mailbox (activation link, password reset, Google's verified e-mail), its
 * bookings become the member's: they show on their dashboard and open the video room to them.
 */
export async function claimGuestBookings(memberId: string): Promise<number> {
	const { db } = context();
	const member = await db.member.findUnique({ where: { id: memberId }, select: { email: true, status: true } });
	if (!member || member.status !== 'active') return 0;
	const { count } = await db.booking.updateMany({
		where: { bookerMemberId: null, bookerEmail: { equals: member.email, mode: 'insensitive' }, NOT: { providerId: memberId } },
		data: { bookerMemberId: memberId }
	});
	return count;
}
