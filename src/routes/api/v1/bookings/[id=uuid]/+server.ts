import type { RequestHandler } from '@sveltejs/kit';
import { cancelBooking, confirmBooking, declineBooking, rescheduleBooking } from '#lib/server/booking/manage.ts';
import { DomainError } from '#lib/server/errors.ts';
import { actorOf } from '#lib/server/http.ts';
import { jsonBody, respond, sameOrigin } from '../respond.ts';

/**
 * DELETE /api/v1/bookings/{id} — cancel, by session (provider or booker) or with the emailed
 * cancel token (`?token=` or JSON `{ token, reason }`).
 */
export const DELETE: RequestHandler = (event) =>
	respond(event, async () => {
		if (!sameOrigin(event)) throw new DomainError('forbidden', 'error.forbidden');
		let body: Record<string, unknown> = {};
		if ((event.request.headers.get('content-type') ?? '').startsWith('application/json')) body = await jsonBody(event);
		const token = event.url.searchParams.get('token') ?? body.token;
		return cancelBooking(actorOf(event), { bookingId: (event.params.id ?? ''), token: token ?? undefined, reason: body.reason });
	});

/** PATCH /api/v1/bookings/{id} — `{ action: "confirm" | "decline", reason? }` (provider) or `{ action: "reschedule", token?, start }`. */
export const PATCH: RequestHandler = (event) =>
	respond(event, async () => {
		const body = await jsonBody(event);
		const actor = actorOf(event);
		switch (body.action) {
			case 'confirm':
				return confirmBooking(actor, (event.params.id ?? ''));
			case 'decline':
				return declineBooking(actor, (event.params.id ?? ''), typeof body.reason === 'string' ? body.reason : null);
			case 'reschedule':
				return rescheduleBooking(actor, { bookingId: (event.params.id ?? ''), token: body.token, start: body.start, timezone: body.timezone, holdToken: body.holdToken });
			default:
				throw new DomainError('invalid', 'error.invalid_form');
		}
	});
