import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenOf, useTestContext, type TestContext } from '../helpers/context.ts';
import { makeMember } from '../helpers/realtime.ts';
import { activate, signUp } from '../../src/lib/server/auth/accounts.ts';
import { notifyBooking, type BookingForMail } from '../../src/lib/server/booking/notify.ts';
import { roomAccess } from '../../src/lib/server/rooms/index.ts';

let ctx: TestContext;
beforeAll(async () => {
	ctx = await useTestContext();
});
afterAll(async () => ctx?.close());

const meta = { ip: '127.0.0.1', userAgent: 'vitest' };

async function guestBooking(providerId: string, email: string, slug: string) {
	const start = new Date();
	return ctx.prisma.booking.create({
		data: { providerId, title: 'Consultation', bookerName: 'Zoé Invitée', bookerEmail: email, bookerTimezone: 'Europe/Paris', startAt: start, endAt: new Date(start.getTime() + 30 * 60_000), status: 'confirmed', roomSlug: slug }
	});
}

describe('a booking made without an account', () => {
	it('becomes the member’s once an account with that address is activated, and opens the video room to them', async () => {
		const provider = await makeMember(ctx);
		const booking = await guestBooking(provider.id, 'Zoe.Invitee@exemple.fr', 'guest-room-claim');
		const other = await guestBooking((await makeMember(ctx)).id, 'someone.else@exemple.fr', 'guest-room-other');
		// the provider opened the room before the visitor had an account
		expect((await roomAccess({ memberId: provider.id }, { slug: booking.roomSlug })).relation).toBe('host');

		await signUp({ firstName: 'Zoé', lastName: 'Invitée', email: 'zoe.invitee@exemple.fr', password: 'une phrase assez longue', category: 'visitor', acceptTerms: 'on' }, 'fr');
		const pending = await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'zoe.invitee@exemple.fr' } });
		// an address typed at sign-up proves nothing until the mailbox answers
		expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).bookerMemberId).toBeNull();

		await activate(tokenOf(await ctx.lastLink('zoe.invitee@exemple.fr')), meta);
		// the booking listens to the account's activation (outbox event `member.activated`)
		await ctx.deliverEvents();
		expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).bookerMemberId).toBe(pending.id);
		expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: other.id } })).bookerMemberId).toBeNull();
		const access = await roomAccess({ memberId: pending.id }, { slug: booking.roomSlug });
		expect(access.relation).toBe('invited');
		expect(access.decision).toMatchObject({ outcome: 'enter' });
		// someone else's appointment stays closed to them
		expect((await roomAccess({ memberId: pending.id }, { slug: other.roomSlug })).relation).toBe('stranger');
	});

	it('tells the visitor, in the confirmation, that the room needs an account with that address', async () => {
		const provider = await makeMember(ctx);
		const mail = (memberId: string | null, email: string): BookingForMail => ({
			id: crypto.randomUUID(),
			title: 'Consultation',
			startAt: new Date(),
			endAt: new Date(Date.now() + 30 * 60_000),
			status: 'confirmed',
			icsSequence: 0,
			roomSlug: 'guest-room-mail',
			message: null,
			cancelReason: null,
			provider: { name: 'Pro Vider', email: provider.email, locale: 'fr', timezone: 'Europe/Paris' },
			booker: { name: 'Zoé', email, locale: 'fr', timezone: 'Europe/Paris', phone: null, address: null, city: null, memberId }
		});
		await notifyBooking(mail(null, 'visiteur.sans.compte@exemple.fr'), 'created');
		const [guestMail] = await ctx.sentMail('visiteur.sans.compte@exemple.fr');
		expect(guestMail.text).toContain('il vous faut un compte Relais : créez-le avec cette adresse (visiteur.sans.compte@exemple.fr)');
		expect(guestMail.text).toContain('http://127.0.0.1:3999/signup');
		await notifyBooking(mail(provider.id, 'membre.avec.compte@exemple.fr'), 'created');
		const [memberMail] = await ctx.sentMail('membre.avec.compte@exemple.fr');
		expect(memberMail.text).not.toContain('compte Relais');
	});
});
