import type { Cookies } from '@sveltejs/kit';
import { BOOKED_COOKIE } from '#lib/booking-view.ts';
import type { BookingRef } from '#lib/server/booking/confirmation.ts';

/** The booking asked for (?id=) with the cancel secret the booking page left in a cookie, if it is that booking's. */
export function bookedRef(event: { url: URL; cookies: Cookies }): BookingRef {
	const id = event.url.searchParams.get('id') ?? '';
	const [cookieId, cancelToken] = (event.cookies.get(BOOKED_COOKIE) ?? '').split('.', 2);
	return { id, cancelToken: cookieId === id ? cancelToken : undefined };
}
