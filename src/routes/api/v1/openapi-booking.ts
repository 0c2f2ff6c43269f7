/** The booking part of /api/v1 in OpenAPI 3.1: slots, holds, bookings (create, cancel, confirm/decline/reschedule). */

const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const json = (schema: Record<string, unknown>) => ({ content: { 'application/json': { schema } } });
const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };

export const bookingSchemas: Record<string, Record<string, unknown>> = {
	Slot: { type: 'object', required: ['start', 'end'], properties: { start: dateTime, end: dateTime } },
	Booking: {
		type: 'object',
		properties: {
			id: uuid,
			status: { type: 'string', enum: ['pending', 'confirmed', 'cancelled', 'declined'] },
			start: dateTime,
			end: dateTime,
			roomSlug: { type: 'string' },
			cancelToken: { type: 'string', description: 'only in the creation answer: single-purpose, also e-mailed' },
			rescheduleToken: { type: 'string', description: 'only in the creation answer: single-purpose, also e-mailed' }
		}
	}
};

export const bookingPaths: Record<string, Record<string, unknown>> = {
	'/providers/{id}/slots': {
		get: {
			operationId: 'providerSlots',
			summary: 'Free slots of a provider',
			description: 'Bookable slots from working hours, date overrides, calendar busy times and existing bookings. Never the content of busy events.',
			tags: ['booking'],
			parameters: [
				{ name: 'id', in: 'path', required: true, schema: uuid },
				{ name: 'from', in: 'query', schema: dateTime },
				{ name: 'to', in: 'query', description: 'at most 62 days after from; default from + 7 days', schema: dateTime },
				{ name: 'type', in: 'query', description: 'appointment type id; default the first one', schema: uuid },
				{ name: 'tz', in: 'query', description: "IANA time zone for the days' grouping and labels", schema: { type: 'string', default: 'Europe/Paris' } }
			],
			responses: {
				'200': { description: 'Slots, and the same grouped by local day', ...json({ type: 'object', properties: { slots: { type: 'array', items: { $ref: '#/components/schemas/Slot' } } } }) },
				'400': error('Invalid range, type or time zone'),
				'404': error('Unknown provider or appointment type')
			}
		}
	},
	'/bookings': {
		post: {
			operationId: 'createBooking',
			summary: 'Book a slot',
			description: 'With a session, or as a visitor giving name, email, address and city (MyTeleworker). Availability is checked again at commit; the database refuses overlaps.',
			tags: ['booking'],
			requestBody: {
				required: true,
				...json({
					type: 'object',
					required: ['providerId', 'start'],
					properties: {
						providerId: uuid,
						typeId: uuid,
						start: dateTime,
						timezone: { type: 'string' },
						name: { type: 'string' },
						email: { type: 'string', format: 'email' },
						phone: { type: 'string' },
						address: { type: 'string' },
						city: { type: 'string' },
						message: { type: 'string' },
						holdToken: { type: 'string' }
					}
				})
			},
			responses: {
				'201': { description: 'Booked (confirmed, or pending when the provider confirms each request)', ...json({ $ref: '#/components/schemas/Booking' }) },
				'400': error('Invalid input'),
				'409': error('`error.code` = slot_taken: the slot was just taken; `error.freshSlots` lists free slots')
			}
		},
		get: {
			operationId: 'myBookings',
			summary: 'My bookings (session)',
			description: 'As provider and as booker.',
			tags: ['booking'],
			parameters: [{ name: 'scope', in: 'query', schema: { type: 'string', enum: ['upcoming', 'past'] } }],
			responses: { '200': { description: '{ bookings: Booking[] }' }, '401': error('No session') }
		}
	},
	'/bookings/holds': {
		post: {
			operationId: 'holdSlot',
			summary: 'Hold a slot for a few minutes while the form is filled',
			description: 'Other bookers do not see a held slot until the hold expires.',
			tags: ['booking'],
			requestBody: { required: true, ...json({ type: 'object', required: ['providerId', 'start'], properties: { providerId: uuid, typeId: uuid, start: dateTime } }) },
			responses: { '201': { description: '{ holdToken, expiresAt }' }, '409': error('Slot not available') }
		}
	},
	'/bookings/{id}': {
		delete: {
			operationId: 'cancelBooking',
			summary: 'Cancel a booking',
			description: 'With the session of the provider or the booker, or the e-mailed cancel token. Sends METHOD:CANCEL and removes the Google event.',
			tags: ['booking'],
			parameters: [
				{ name: 'id', in: 'path', required: true, schema: uuid },
				{ name: 'token', in: 'query', schema: { type: 'string' } }
			],
			responses: { '200': { description: '{ id, status: "cancelled" }' }, '401': error('Neither session nor token'), '404': error('Unknown booking'), '409': error('Already cancelled') }
		},
		patch: {
			operationId: 'updateBooking',
			summary: 'Confirm or decline (provider), or reschedule (booker or reschedule token)',
			description:
				'action = confirm | decline | reschedule. A reschedule moves the same booking (same id, ICS UID and cancel link; answer { id, status, start, end, previousStart, previousEnd, roomSlug }); its e-mailed token works once — a concurrent second use answers 409 “link already used” — and a fresh one is e-mailed with the "moved" mail.',
			tags: ['booking'],
			parameters: [{ name: 'id', in: 'path', required: true, schema: uuid }],
			requestBody: {
				required: true,
				...json({ type: 'object', required: ['action'], properties: { action: { type: 'string', enum: ['confirm', 'decline', 'reschedule'] }, reason: { type: 'string' }, token: { type: 'string' }, start: dateTime, timezone: { type: 'string', description: 'IANA zone of the booker; an unknown one is refused (400)' }, holdToken: { type: 'string' } } })
			},
			responses: { '200': { description: 'The booking after the change' }, '409': error('Not possible in its current state, or slot taken') }
		}
	}
};
