import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { afterCommit } from '../helpers/jobs.ts';
import { rejection } from '../helpers/errors.ts';
import {
	acceptInvitation,
	addMember,
	configureAdmin,
	invitationPage,
	inviteContacts,
	joinThroughInvitation,
	myInvitations,
	optOut,
	reinviteMembers,
	remindInvitation,
	sendDueReminders
} from '../../src/lib/server/admin/index.ts';
import { activate, logIn } from '../../src/lib/server/auth/accounts.ts';
import type { Role } from '../../src/lib/server/access/index.ts';

let ctx: TestContext;
let admin: { memberId: string; roles: Role[] };
let n = 0;
const DAY = 86_400_000;

async function member(email: string, roles: Role[] = ['member']) {
	n++;
	const row = await ctx.prisma.member.create({ data: { email, firstName: 'Membre', lastName: `Test${n}`, slug: `invit-${n}`, status: 'active', roles }, select: { id: true } });
	return { memberId: row.id, roles };
}

const pathOf = (link: string) => new URL(link).pathname;
const tokenIn = (link: string) => decodeURIComponent(pathOf(link).split('/').pop()!);
/** the links of the newest mail to `to`: [invitation, unsubscribe] */
async function links(to: string) {
	const mail = (await ctx.sentMail(to)).at(-1);
	return [...(mail?.text.matchAll(/https?:\/\/\S+/g) ?? [])].map((m) => m[0]);
}

beforeAll(async () => {
	ctx = await useTestContext();
	configureAdmin({ reminderDays: [4, 10, 60], memberInvitesPerDay: 30 });
	admin = await member('admin.invit@exemple.fr', ['member', 'admin']);
});
afterAll(async () => ctx?.close());

describe('"Ajouter un utilisateur"', () => {
	it('the person exists at once as "non inscrit", gets a signed link, chooses a password and is logged in', async () => {
		const { memberId } = await addMember(admin, { firstName: 'Inès', lastName: 'Garnier', email: 'Ines.Garnier@Exemple.fr', promotion: '2020', programme: 'Master Finance', campus: 'Lyon', roles: ['alumni'] });
		const pending = await ctx.prisma.member.findUniqueOrThrow({ where: { id: memberId } });
		expect(pending).toMatchObject({ email: 'ines.garnier@exemple.fr', status: 'pending', passwordHash: null, promotion: 2020, programme: 'Master Finance' });
		expect(pending.roles.sort()).toEqual(['alumni', 'member']);
		await afterCommit(ctx);
		const mail = (await ctx.sentMail('ines.garnier@exemple.fr'))[0]!;
		expect(mail.subject).toBe('Finalisez votre compte sur Relais');
		expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
		const [invite] = await links('ines.garnier@exemple.fr');
		expect(pathOf(invite!)).toMatch(/^\/invitation\//);
		expect(await invitationPage(tokenIn(invite!))).toMatchObject({ kind: 'admin', state: 'open', firstName: 'Inès' });
		// a forged link is refused
		expect((await rejection(invitationPage(tokenIn(invite!).slice(0, -2) + 'xx'))).key).toBe('admin.invite.error.bad_link');
		expect((await rejection(acceptInvitation(tokenIn(invite!), { password: 'court' }, {}))).kind).toBe('invalid');
		const accepted = await acceptInvitation(tokenIn(invite!), { password: 'une phrase de passe solide' }, {});
		expect(accepted.session.secret).toBeTruthy();
		expect((await ctx.prisma.member.findUniqueOrThrow({ where: { id: memberId } })).status).toBe('active');
		expect((await rejection(acceptInvitation(tokenIn(invite!), { password: 'une phrase de passe solide' }, {}))).key).toBe('admin.invite.error.already_accepted');
		await logIn({ email: 'ines.garnier@exemple.fr', password: 'une phrase de passe solide' }, {});
	});

	it('an address already used, an unknown role or a bad promotion is refused with its message; only admins add', async () => {
		expect((await rejection(addMember(admin, { firstName: 'A', lastName: 'B', email: 'ines.garnier@exemple.fr', roles: [] }))).key).toBe('admin.error.email_taken');
		expect((await rejection(addMember(admin, { firstName: 'A', lastName: 'B', email: 'ab@exemple.fr', roles: ['pirate'] }))).fields).toEqual({ 'roles.0': 'admin.error.role_unknown' });
		expect((await rejection(addMember(admin, { firstName: 'A', lastName: 'B', email: 'ab@exemple.fr', promotion: '20', roles: [] }))).fields).toEqual({ promotion: 'admin.error.promotion_invalid' });
		const plain = await member('plain.invit@exemple.fr');
		expect((await rejection(addMember(plain, { firstName: 'A', lastName: 'B', email: 'ab@exemple.fr', roles: [] }))).kind).toBe('forbidden');
	});
});

describe('automatic reminders (D+4, D+10, D+60)', () => {
	it('go to never-activated invitees only, one at a time, never after an opt-out, and are listed with their dates', async () => {
		const a = await addMember(admin, { firstName: 'Rappel', lastName: 'Un', email: 'rappel.un@exemple.fr', roles: ['student'] });
		const b = await addMember(admin, { firstName: 'Rappel', lastName: 'Deux', email: 'rappel.deux@exemple.fr', roles: ['student'] });
		const c = await addMember(admin, { firstName: 'Rappel', lastName: 'Trois', email: 'rappel.trois@exemple.fr', roles: ['student'] });
		await afterCommit(ctx);
		const sentAt = (await ctx.prisma.invitation.findFirstOrThrow({ where: { memberId: a.memberId } })).firstSentAt!;
		const t0 = sentAt.getTime();
		// b finishes the account; c unsubscribes from the first mail
		const [bLink] = await links('rappel.deux@exemple.fr');
		await acceptInvitation(tokenIn(bLink!), { password: 'une phrase de passe solide' }, {});
		const [, cUnsubscribe] = await links('rappel.trois@exemple.fr');
		await optOut(tokenIn(cUnsubscribe!));
		await optOut(tokenIn(cUnsubscribe!)); // idempotent
		const remindersTo = async (email: string) => (await ctx.sentMail(email)).filter((m) => m.subject.startsWith('Rappel'));

		await sendDueReminders(new Date(t0 + 3.9 * DAY));
		await afterCommit(ctx);
		expect(await remindersTo('rappel.un@exemple.fr')).toHaveLength(0);

		await sendDueReminders(new Date(t0 + 4 * DAY + 60_000));
		await sendDueReminders(new Date(t0 + 4 * DAY + 120_000)); // the next hourly run: nothing new
		await afterCommit(ctx);
		expect(await remindersTo('rappel.un@exemple.fr')).toHaveLength(1);

		await sendDueReminders(new Date(t0 + 10 * DAY + 60_000));
		await afterCommit(ctx);
		expect(await remindersTo('rappel.un@exemple.fr')).toHaveLength(2);

		await sendDueReminders(new Date(t0 + 60 * DAY + 60_000));
		await sendDueReminders(new Date(t0 + 90 * DAY));
		await afterCommit(ctx);
		expect(await remindersTo('rappel.un@exemple.fr')).toHaveLength(3);
		expect(await remindersTo('rappel.deux@exemple.fr')).toHaveLength(0);
		expect(await remindersTo('rappel.trois@exemple.fr')).toHaveLength(0);

		const sends = await ctx.prisma.invitationSend.findMany({ where: { invitation: { memberId: a.memberId } }, orderBy: { queuedAt: 'asc' } });
		expect(sends.map((s) => [s.kind, s.step])).toEqual([
			['invitation', null],
			['reminder', 4],
			['reminder', 10],
			['reminder', 60]
		]);
		expect(sends.every((s) => s.sentAt)).toBe(true);
		void c;
	});

	it('a missed offset is not sent late on top of the next one', async () => {
		const d = await addMember(admin, { firstName: 'Rappel', lastName: 'Quatre', email: 'rappel.quatre@exemple.fr', roles: ['alumni'] });
		await afterCommit(ctx);
		const t0 = (await ctx.prisma.invitation.findFirstOrThrow({ where: { memberId: d.memberId } })).firstSentAt!.getTime();
		await sendDueReminders(new Date(t0 + 11 * DAY));
		await afterCommit(ctx);
		const sends = await ctx.prisma.invitationSend.findMany({ where: { invitation: { memberId: d.memberId }, kind: 'reminder' } });
		expect(sends.map((s) => s.step)).toEqual([10]);
	});

	it('a manual re-invitation from the list skips active members and opted-out addresses', async () => {
		const active = await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'rappel.deux@exemple.fr' } });
		const optedOut = await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'rappel.trois@exemple.fr' } });
		const waiting = await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'rappel.un@exemple.fr' } });
		const result = await reinviteMembers(admin, [active.id, optedOut.id, waiting.id]);
		expect(result).toEqual({ queued: 1, alreadyActive: 1, optedOut: 1 });
		await afterCommit(ctx);
		expect((await ctx.sentMail('rappel.un@exemple.fr')).at(-1)?.subject).toBe('Rappel : votre compte Relais vous attend');
		expect(await ctx.prisma.invitationSend.count({ where: { invitation: { memberId: waiting.id }, kind: 'manual', sentAt: { not: null } } })).toBe(1);
	});
});

describe('member invitations (PROETHEEC point 6)', () => {
	let claire: { memberId: string; roles: Role[] };

	beforeAll(async () => {
		claire = await member('claire.invit@exemple.fr');
	});

	it('a member invites clients with a message; members, opted-out and repeated addresses are reported, not mailed', async () => {
		await member('deja.la@exemple.fr');
		await ctx.prisma.invitationOptOut.create({ data: { email: 'plus.jamais@exemple.fr' } });
		const result = await inviteContacts(claire, { emails: 'client.un@exemple.fr, client.deux@exemple.fr\ndeja.la@exemple.fr;plus.jamais@exemple.fr pas-une-adresse', message: 'Rejoignez-moi sur Relais !', relation: 'follow' });
		expect(result.sent).toEqual(['client.un@exemple.fr', 'client.deux@exemple.fr']);
		expect(result.skipped).toEqual([
			{ email: 'deja.la@exemple.fr', reason: 'already_member' },
			{ email: 'plus.jamais@exemple.fr', reason: 'opted_out' },
			{ email: 'pas-une-adresse', reason: 'invalid' }
		]);
		const again = await inviteContacts(claire, { emails: 'client.un@exemple.fr', relation: 'follow' });
		expect(again.skipped).toEqual([{ email: 'client.un@exemple.fr', reason: 'already_invited' }]);
		await afterCommit(ctx);
		const mail = (await ctx.sentMail('client.un@exemple.fr'))[0]!;
		expect(mail.subject).toBe('Membre Test' + (await ctx.prisma.member.findUniqueOrThrow({ where: { id: claire.memberId } })).lastName.slice(4) + ' vous invite à rejoindre Relais');
		expect(mail.text).toContain('« Rejoignez-moi sur Relais ! »');
		expect(await ctx.sentMail('deja.la@exemple.fr')).toHaveLength(0);
	});

	it('one reminder at most', async () => {
		const [first] = await myInvitations(claire).then((l) => l.filter((i) => i.email === 'client.deux@exemple.fr'));
		await remindInvitation(claire, first!.id);
		expect((await rejection(remindInvitation(claire, first!.id))).key).toBe('admin.invite.error.already_reminded');
		await afterCommit(ctx);
		expect((await ctx.sentMail('client.deux@exemple.fr')).map((m) => m.subject.startsWith('Rappel'))).toEqual([false, true]);
		// someone else's invitation does not exist for Paul
		const paul = await member('paul.invit@exemple.fr');
		expect((await rejection(remindInvitation(paul, first!.id))).kind).toBe('not_found');
	});

	it('the invitee joins through the link: once active, they follow the inviter; the inviter sees who joined', async () => {
		const [link] = await links('client.un@exemple.fr');
		const page = await invitationPage(tokenIn(link!));
		expect(page).toMatchObject({ kind: 'member', state: 'open', relation: 'follow', message: 'Rejoignez-moi sur Relais !' });
		await joinThroughInvitation(tokenIn(link!), { firstName: 'Client', lastName: 'Un', email: 'client.un@exemple.fr', password: 'une phrase de passe solide', acceptTerms: 'on', category: 'visitor' }, 'fr');
		const invitee = await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'client.un@exemple.fr' } });
		// not active yet: no relation
		await afterCommit(ctx);
		expect(await ctx.prisma.follow.count({ where: { followerId: invitee.id } })).toBe(0);
		await activate(new URL(await ctx.lastLink('client.un@exemple.fr')).searchParams.get('token'), {});
		await afterCommit(ctx);
		expect(await ctx.prisma.follow.count({ where: { followerId: invitee.id, followedMemberId: claire.memberId } })).toBe(1);
		const told = await ctx.prisma.notification.findMany({ where: { recipientId: claire.memberId, type: 'invitation.joined' } });
		expect(told.map((n) => (n.data as { actorName: string }).actorName)).toEqual(['Client Un']);
		const mine = await myInvitations(claire);
		const joined = mine.find((i) => i.email === 'client.un@exemple.fr')!;
		expect(joined.joined?.name).toBe('Client Un');
		expect(joined.joinedAt).toBeTruthy();
		expect(mine.find((i) => i.email === 'client.deux@exemple.fr')!.joined).toBeNull();
		expect((await rejection(joinThroughInvitation(tokenIn(link!), {}, 'fr'))).key).toBe('admin.invite.error.already_accepted');
	});

	it('a contact invitation sends the inviter’s contact request once the invitee is active; it still needs acceptance', async () => {
		await inviteContacts(claire, { emails: 'prospect@exemple.fr', relation: 'contact' });
		await afterCommit(ctx);
		const [link] = await links('prospect@exemple.fr');
		// the invitee signs up with another address through the link
		await joinThroughInvitation(tokenIn(link!), { firstName: 'Pro', lastName: 'Spect', email: 'pro.perso@exemple.fr', password: 'une phrase de passe solide', acceptTerms: 'on', category: 'freelance' }, 'fr');
		await activate(new URL(await ctx.lastLink('pro.perso@exemple.fr')).searchParams.get('token'), {});
		await afterCommit(ctx);
		const invitee = await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'pro.perso@exemple.fr' } });
		const request = await ctx.prisma.contactRequest.findFirstOrThrow({ where: { requesterId: claire.memberId, recipientId: invitee.id } });
		expect(request.status).toBe('pending');
		expect(await ctx.prisma.contact.count({ where: { ownerId: claire.memberId, otherId: invitee.id } })).toBe(0);
		// delivered twice (a redelivery) changes nothing
		await afterCommit(ctx);
		expect(await ctx.prisma.contactRequest.count({ where: { requesterId: claire.memberId, recipientId: invitee.id } })).toBe(1);
	});

	it('member invitations are throttled per day', async () => {
		configureAdmin({ memberInvitesPerDay: 2 });
		const sophie = await member('sophie.invit@exemple.fr');
		await inviteContacts(sophie, { emails: 'q1@exemple.fr q2@exemple.fr', relation: 'follow' });
		const error = await rejection(inviteContacts(sophie, { emails: 'q3@exemple.fr', relation: 'follow' }));
		expect(error.kind).toBe('throttled');
		expect(error.key).toBe('admin.invite.error.quota');
		configureAdmin({ memberInvitesPerDay: 30 });
	});
});
