import type { RequestHandler } from '@sveltejs/kit';
import { createBooking } from '#lib/server/booking/book.ts';
import { listMyBookings } from '#lib/server/booking/manage.ts';
import { actorOf } from '#lib/server/http.ts';
import { jsonBody, respond } from './respond.ts';

/** POST /api/v1/bookings — book a slot (member session, or a visitor giving name, email, address, city). */
export const POST: RequestHandler = (event) =>
	respond(
		event,
		async () => {
			const body = await jsonBody(event);
			return createBooking(actorOf(event), { locale: (event.locals as { locale?: string }).locale, ...body });
		},
		201
	);

/** GET /api/v1/bookings?scope=upcoming|past — the signed-in member's bookings (as provider or booker). */
export const GET: RequestHandler = (event) =>
	respond(event, async () => ({ bookings: await listMyBookings(actorOf(event), event.url.searchParams.get('scope') === 'past' ? 'past' : 'upcoming') }));
