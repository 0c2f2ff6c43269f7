import { memberEmail, type PrivacyContributor } from '../contributor.ts';

/**
 * Booking and calendars: the provider's schedule, appointment types and calendar connections
 * (never their encrypted secrets), the bookings made and received, slot holds. Erasure is refused
 * while the member has upcoming appointments (erase.ts): they cancel them first, so that the other
 * party is told. Past bookings the member made stay in the provider's records, reduced to what an
 * invoice needs (name, service, date), for accounting.
 */
export const booking: PrivacyContributor = {
	name: 'booking',
	models: ['AvailabilitySchedule', 'AppointmentType', 'CalendarConnection', 'Booking', 'SlotHold'],
	async export(memberId, tx) {
		const email = await memberEmail(tx, memberId);
		const omitSecrets = { cancelTokenHash: true, rescheduleTokenHash: true, googleConnectionId: true } as const;
		return {
			schedule: await tx.availabilitySchedule.findUnique({ where: { providerId: memberId }, include: { workingHours: true, overrides: true } }),
			appointmentTypes: await tx.appointmentType.findMany({ where: { providerId: memberId }, orderBy: { position: 'asc' } }),
			calendarConnections: await tx.calendarConnection.findMany({
				where: { providerId: memberId },
				select: { kind: true, label: true, accountEmail: true, status: true, lastSyncedAt: true, createdAt: true }
			}),
			bookingsAsProvider: await tx.booking.findMany({ where: { providerId: memberId }, omit: omitSecrets, orderBy: { startAt: 'asc' } }),
			// booked with the account, or before it with the same address as a visitor
			bookingsMade: await tx.booking.findMany({
				where: { OR: [{ bookerMemberId: memberId }, { bookerEmail: email }] },
				omit: omitSecrets,
				include: { provider: { select: { firstName: true, lastName: true, slug: true } } },
				orderBy: { startAt: 'asc' }
			})
		};
	},
	async erase(memberId, tx) {
		const email = await memberEmail(tx, memberId);
		// the provider's record keeps what accounting needs; contact details and the message go
		await tx.booking.updateMany({
			where: { OR: [{ bookerMemberId: memberId }, { bookerEmail: email }], NOT: { providerId: memberId } },
			data: { bookerMemberId: null, bookerEmail: '', bookerPhone: null, bookerAddress: null, bookerCity: null, message: null }
		});
		await tx.slotHold.deleteMany({ where: { holderKey: `member:${memberId}` } });
		// schedule, types, connections, bookings as provider, holds on the provider: Cascade
	},
	kept: ['privacy.kept.bookings']
};
