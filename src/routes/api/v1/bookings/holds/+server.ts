import type { RequestHandler } from '@sveltejs/kit';
import { holdSlot } from '#lib/server/booking/book.ts';
import { actorOf } from '#lib/server/http.ts';
import { jsonBody, respond } from '../respond.ts';

/** POST /api/v1/bookings/holds — keep a slot a few minutes while the form is filled. */
export const POST: RequestHandler = (event) => respond(event, async () => holdSlot(actorOf(event), await jsonBody(event)), 201);
