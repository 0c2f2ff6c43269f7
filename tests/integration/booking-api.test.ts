import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { saveAppointmentType, saveSchedule } from '../../src/lib/server/booking/settings.ts';
import { GET as slotsGET } from '../../src/routes/api/v1/providers/[id=uuid]/slots/+server.ts';
import { POST as bookingsPOST } from '../../src/routes/api/v1/bookings/+server.ts';
import { POST as holdsPOST } from '../../src/routes/api/v1/bookings/holds/+server.ts';
import { createBooking, holdSlot } from '../../src/lib/server/booking/book.ts';
import { DELETE as bookingDELETE } from '../../src/routes/api/v1/bookings/[id=uuid]/+server.ts';

/** The JSON endpoints called as SvelteKit calls them (a RequestEvent), over the real domain and database. */
const ORIGIN = 'http://127.0.0.1:3999';

function event(method: string, path: string, options: { params?: Record<string, string>; body?: unknown; origin?: string; member?: { id: string } | null; locale?: 'fr' | 'en' } = {}) {
	const url = new URL(path, ORIGIN);
	const headers: Record<string, string> = {};
	if (options.body !== undefined) headers['content-type'] = 'application/json';
	if (options.origin) headers.origin = options.origin;
	const request = new Request(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
	return { request, url, params: options.params ?? {}, locals: { member: options.member ?? null, locale: options.locale ?? 'fr' } } as unknown as RequestEvent<never, never>;
}

describe('booking JSON API', () => {
	let ctx: TestContext;
	let providerId: string;
	let typeId: string;

	beforeAll(async () => {
		ctx = await useTestContext();
		const p = await ctx.prisma.member.create({ data: { email: 'api-provider@example.test', firstName: 'Api', lastName: 'Provider', slug: 'api-provider', status: 'active' } });
		providerId = p.id;
		await saveSchedule({ memberId: p.id }, { timezone: 'Europe/Paris', enabled: true, workingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 17 * 60 })) });
		typeId = (await saveAppointmentType({ memberId: p.id }, { name: 'Visio', durationMinutes: 45, minimumNoticeMinutes: 60 })).id;
	});
	afterAll(async () => {
		await ctx?.close();
	});

	it('GET slots, POST a booking, a second POST on the same slot → 409 slot_taken with fresh slots, DELETE with the token', async () => {
		const from = new Date(Date.now() + 3 * 86_400_000).toISOString();
		const res = await slotsGET(event('GET', `/api/v1/providers/${providerId}/slots?from=${encodeURIComponent(from)}&type=${typeId}&tz=America/Montreal`, { params: { id: providerId } }));
		expect(res.status).toBe(200);
		const body = (await res.json()) as { timezone: string; slots: { start: string }[]; days: { slots: { time: string }[] }[] };
		expect(body.timezone).toBe('America/Montreal');
		expect(body.days[1]!.slots[0]!.time).toMatch(/^0[34]:00$/); // days[0] starts at the current time of day
		const start = body.slots[0]!.start;

		const visitor = { providerId, typeId, start, name: 'Vic', email: 'vic@example.test', address: '3 rue X', city: 'Nantes', timezone: 'Europe/Paris' };
		const created = await bookingsPOST(event('POST', '/api/v1/bookings', { body: visitor, origin: ORIGIN }));
		expect(created.status).toBe(201);
		const booking = (await created.json()) as { id: string; cancelToken: string; status: string };
		expect(booking.status).toBe('confirmed');

		const again = await bookingsPOST(event('POST', '/api/v1/bookings', { body: { ...visitor, email: 'other@example.test' }, origin: ORIGIN }));
		expect(again.status).toBe(409);
		const conflict = (await again.json()) as { error: { code: string; message: string; freshSlots: { start: string }[] } };
		expect(conflict.error.code).toBe('slot_taken');
		expect(conflict.error.message).toContain('vient d’être pris');
		expect(conflict.error.freshSlots.length).toBeGreaterThan(0);

		const unknown = await slotsGET(event('GET', `/api/v1/providers/${providerId}/slots?tz=Nowhere`, { params: { id: providerId }, locale: 'en' }));
		expect(unknown.status).toBe(400);

		const foreign = await bookingsPOST(event('POST', '/api/v1/bookings', { body: visitor, origin: 'https://evil.example' }));
		expect(foreign.status).toBe(403);

		const anonymous = await bookingDELETE(event('DELETE', `/api/v1/bookings/${booking.id}`, { params: { id: booking.id } }));
		expect(anonymous.status).toBe(401);
		const cancelled = await bookingDELETE(event('DELETE', `/api/v1/bookings/${booking.id}?token=${encodeURIComponent(booking.cancelToken)}`, { params: { id: booking.id } }));
		expect(cancelled.status).toBe(200);
		expect(await cancelled.json()).toEqual({ id: booking.id, status: 'cancelled' });
	});
	it('an unknown time zone is refused with a field error (never replaced); a past start says it is past, not taken', async () => {
		const from = new Date(Date.now() + 4 * 86_400_000).toISOString();
		const slots = (await (await slotsGET(event('GET', `/api/v1/providers/${providerId}/slots?from=${encodeURIComponent(from)}&type=${typeId}`, { params: { id: providerId } }))).json()) as { slots: { start: string }[] };
		const start = slots.slots[0]!.start;
		const visitor = { providerId, typeId, start, name: 'Tz', email: 'tz@example.test', address: '3 rue X', city: 'Nantes' };

		// the domain
		await expect(createBooking(null, { ...visitor, timezone: 'Europe/Atlantis' })).rejects.toMatchObject({ kind: 'invalid', fields: { timezone: 'booking.error.timezone_invalid' } });
		const past = new Date(Date.now() - 3600_000).toISOString();
		await expect(createBooking(null, { ...visitor, start: past })).rejects.toMatchObject({ kind: 'invalid', key: 'booking.error.slot_past', fields: { start: 'booking.error.slot_past' } });
		await expect(holdSlot(null, { providerId, typeId, start: past })).rejects.toMatchObject({ key: 'booking.error.slot_past' });
		expect(await ctx.prisma.booking.count({ where: { bookerEmail: 'tz@example.test' } })).toBe(0);

		// the API, in the caller's language
		const badZone = await bookingsPOST(event('POST', '/api/v1/bookings', { body: { ...visitor, timezone: 'Europe/Atlantis' }, origin: ORIGIN }));
		expect(badZone.status).toBe(400);
		expect(((await badZone.json()) as { error: { fields: Record<string, string> } }).error.fields.timezone).toBe('Fuseau horaire inconnu.');
		const pastBooking = await bookingsPOST(event('POST', '/api/v1/bookings', { body: { ...visitor, start: past }, origin: ORIGIN, locale: 'en' }));
		expect(pastBooking.status).toBe(400);
		const pastError = ((await pastBooking.json()) as { error: { code: string; message: string; fields: Record<string, string> } }).error;
		expect(pastError.message).toBe('This slot is already in the past. Please choose an upcoming one.');
		expect(pastError.fields.start).toBe(pastError.message);
		const pastHold = await holdsPOST(event('POST', '/api/v1/bookings/holds', { body: { providerId, typeId, start: past }, origin: ORIGIN }));
		expect(pastHold.status).toBe(400);
		expect(((await pastHold.json()) as { error: { message: string } }).error.message).toContain('Ce créneau est déjà passé');
		expect(await ctx.prisma.booking.count({ where: { bookerEmail: 'tz@example.test' } })).toBe(0);

		// a valid zone is kept as given
		const ok = await bookingsPOST(event('POST', '/api/v1/bookings', { body: { ...visitor, timezone: 'Asia/Kolkata' }, origin: ORIGIN }));
		expect(ok.status).toBe(201);
		expect((await ctx.prisma.booking.findFirstOrThrow({ where: { bookerEmail: 'tz@example.test' } })).bookerTimezone).toBe('Asia/Kolkata');
	});
});
