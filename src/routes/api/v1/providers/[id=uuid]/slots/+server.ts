import type { RequestHandler } from '@sveltejs/kit';
import { availableSlots } from '#lib/server/booking/availability.ts';
import { actorOf } from '#lib/server/http.ts';
import { respond } from '../../../bookings/respond.ts';

/** GET /api/v1/providers/{id}/slots?from=&to=&type=&tz= — free slots, grouped by day in `tz`. */
export const GET: RequestHandler = (event) =>
	respond(event, () => availableSlots(actorOf(event), (event.params.id ?? ''), Object.fromEntries(event.url.searchParams)));
