import type { RequestHandler } from '@sveltejs/kit';
import { holdSlot } from '#lib/server/booking/book.ts';
import { actorOf, requestMeta } from '#lib/server/http.ts';
import { jsonBody, respond } from '../respond.ts';

/** POST /api/v1/bookings/holds — keep a slot a few minutes while the form is filled. */
export const POST: RequestHandler = (event) => respond(event, async () => holdSlot(actorOf(event), await jsonBody(event), Date.now(), { ip: requestMeta(event).ip }), 201);
