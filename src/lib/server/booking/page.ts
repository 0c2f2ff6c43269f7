import { context } from '../context.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../auth/accounts.ts';

/** What the public "Agenda et disponibilité" page needs about a provider (no busy details ever). */
export async function bookingPage(actor: Actor, slug: string) {
	const { db } = context();
	const member = await db.member.findUnique({
		where: { slug },
		select: {
			id: true,
			firstName: true,
			lastName: true,
			status: true,
			availabilitySchedule: { select: { enabled: true, timezone: true } },
			appointmentTypes: { where: { active: true }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, name: true, description: true, durationMinutes: true, priceCents: true, requiresConfirmation: true } }
		}
	});
	if (!member || member.status !== 'active' || !member.availabilitySchedule?.enabled || member.appointmentTypes.length === 0) throw notFound('booking.error.provider_not_found');
	const me = actor ? await db.member.findUnique({ where: { id: actor.memberId }, select: { firstName: true, lastName: true, email: true, phone: true, address: true, city: true, timezone: true } }) : null;
	return {
		providerId: member.id,
		providerName: `${member.firstName} ${member.lastName}`.trim(),
		providerTimezone: member.availabilitySchedule.timezone,
		isSelf: actor?.memberId === member.id,
		types: member.appointmentTypes,
		/** the signed-in booker's details, to prefill the form */
		me
	};
}

/** Whether a provider's profile should offer "Prendre rendez-vous": they have at least one appointment type. */
export async function takesBookings(providerId: string): Promise<boolean> {
	return (await context().db.appointmentType.count({ where: { providerId, active: true } })) > 0;
}
