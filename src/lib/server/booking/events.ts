/** Booking facts on the domain event bus (module augmentation: events.ts stays domain-neutral). */
declare module '../events.ts' {
	interface DomainEventMap {
		'booking.created': { bookingId: string; providerId: string; bookerMemberId: string | null; status: 'pending' | 'confirmed' };
		'booking.confirmed': { bookingId: string; providerId: string; bookerMemberId: string | null };
		'booking.cancelled': { bookingId: string; providerId: string; bookerMemberId: string | null; by: 'provider' | 'booker' };
		'booking.declined': { bookingId: string; providerId: string; bookerMemberId: string | null };
		'booking.moved': { bookingId: string; providerId: string; bookerMemberId: string | null; by: 'provider' | 'booker' };
	}
}

export {};
