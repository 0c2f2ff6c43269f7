import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { startSmtpInbox, type ReceivedMail, type SmtpInbox } from '../helpers/fakes/smtp-inbox.ts';
import { ask, connectAs, makeMember, next, startRealtime, type Realtime } from '../helpers/realtime.ts';
import { rejection } from '../helpers/errors.ts';
import { createSmtpMailer } from '../../src/lib/server/mail/smtp.ts';
import { createOutboxMailer } from '../../src/lib/server/mail/outbox.ts';
import { acceptContactRequest, sendContactRequest } from '../../src/lib/server/relations/index.ts';
import { approveJoinRequest, createCompany, requestToJoin, setMemberRole } from '../../src/lib/server/companies/index.ts';
import { leaveVisitorMessage } from '../../src/lib/server/chat/visitor.ts';
import {
	getPreferences,
	listNotifications,
	markAllRead,
	markRead,
	purgeOldNotifications,
	sendDailyDigests,
	setPreferences,
	unreadCount,
	unsubscribeState,
	MAIL_JOB,
	DIGEST_JOB
} from '../../src/lib/server/notifications/index.ts';
import { notificationJobs } from '../../server/jobs/notifications.ts';
import { jobsOf, runDueJobs } from '../helpers/jobs.ts';

let inbox: SmtpInbox;
let ctx: TestContext;
let rt: Realtime;
beforeAll(async () => {
	inbox = await startSmtpInbox();
	ctx = await useTestContext({ mailer: createSmtpMailer(inbox.url, 'Relais <no-reply@relais.test>') });
	rt = await startRealtime(ctx);
});
afterAll(async () => {
	await rt?.close();
	await ctx?.close();
	await inbox?.close();
});
beforeEach(async () => {
	await ctx.prisma.$executeRawUnsafe(`TRUNCATE "Notification", "NotificationPreference", "DomainEvent" CASCADE`);
	await ctx.prisma.$executeRawUnsafe(`DELETE FROM pgboss.job`);
	inbox.messages.length = 0;
});

const as = (m: { id: string }) => ({ memberId: m.id });
const mailsTo = (m: { email: string }) => inbox.messages.filter((x) => x.rcptTo.includes(m.email));

/** the message's header (unfolded), as the SMTP server received it */
function header(mail: ReceivedMail, name: string): string | undefined {
	const head = mail.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
	return head
		.split(/\r?\n/)
		.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
		?.slice(name.length + 1)
		.trim();
}

const queued = (kind: string) => jobsOf(ctx, kind, { queued: true });

/** runs the pending notification mail jobs as the job runner would, once their window is over */
async function runMailJobs() {
	const jobs = await queued(MAIL_JOB);
	await runDueJobs(ctx, new Date(Date.now() + 11 * 60_000));
	return jobs;
}

describe('notifications from domain events', () => {
	it('a contact request notifies the recipient once, through the outbox (never inline), linking to the request', async () => {
		const [paul, claire] = [await makeMember(ctx), await makeMember(ctx)];
		await sendContactRequest(as(paul), { memberId: claire.id });
		expect(await unreadCount(as(claire))).toBe(0);
		expect(await ctx.deliverEvents()).toBeGreaterThan(0);
		expect(await ctx.deliverEvents()).toBe(0);
		const list = await listNotifications(as(claire));
		expect(list.items).toHaveLength(1);
		expect(list.items[0]).toMatchObject({ type: 'contact.requested', read: false, href: '/contacts#received-title', data: { actorName: `${paul.firstName} ${paul.lastName}` } });
		expect(list.unread).toBe(1);
		expect(await unreadCount(as(paul))).toBe(0);
	});

	it('accepting notifies the requester, and redelivering the event creates nothing more', async () => {
		const [paul, claire] = [await makeMember(ctx), await makeMember(ctx)];
		const sent = await sendContactRequest(as(paul), { memberId: claire.id });
		if (sent.outcome !== 'requested') throw new Error('expected a request');
		await acceptContactRequest(as(claire), { requestId: sent.requestId });
		await ctx.deliverEvents();
		// a second dispatcher round over the same events (e.g. after a crash) finds them delivered
		await ctx.prisma.domainEvent.updateMany({ data: { dispatchedAt: null } });
		await ctx.deliverEvents();
		const paulList = await listNotifications(as(paul));
		expect(paulList.items.map((n) => n.type)).toEqual(['contact.accepted']);
		expect(paulList.items[0]!.href).toBe(`/m/${claire.slug}`);
		expect(await ctx.prisma.notification.count({ where: { recipientId: claire.id } })).toBe(1);
	});

	it('company join requests notify the admins; the answer and a role change notify the member', async () => {
		const [admin, jeanne] = [await makeMember(ctx), await makeMember(ctx)];
		const company = await createCompany(as(admin), { legalName: 'Atelier Notif SAS', title: 'Atelier Notif' });
		await requestToJoin(as(jeanne), company.slug);
		await ctx.deliverEvents();
		const adminList = await listNotifications(as(admin));
		expect(adminList.items[0]).toMatchObject({ type: 'company.join_requested', href: `/c/${company.slug}/manage`, data: { companyName: 'Atelier Notif' } });
		await approveJoinRequest(as(admin), company.slug, { memberId: jeanne.id });
		await setMemberRole(as(admin), company.slug, { memberId: jeanne.id, role: 'advertiser' });
		await ctx.deliverEvents();
		const mine = await listNotifications(as(jeanne));
		expect(mine.items.map((n) => n.type)).toEqual(['company.role_changed', 'company.join_answered']);
		expect(mine.items[1]!.data).toMatchObject({ accepted: true });
	});

	it('a visitor message notifies the provider', async () => {
		const provider = await makeMember(ctx);
		await leaveVisitorMessage(provider.slug, { name: 'Visiteuse Anne', email: 'anne@exemple.fr', body: 'Bonjour' });
		await ctx.deliverEvents();
		expect((await listNotifications(as(provider))).items[0]).toMatchObject({ type: 'visitor_message.received', href: '/messages', data: { name: 'Visiteuse Anne' } });
	});
});

describe('reading notifications', () => {
	it('lists newest first a page at a time; a member cannot read or mark another member’s notifications', async () => {
		const claire = await makeMember(ctx);
		const senders = [await makeMember(ctx), await makeMember(ctx), await makeMember(ctx)];
		for (const s of senders) await sendContactRequest(as(s), { memberId: claire.id });
		await ctx.deliverEvents();
		const first = await listNotifications(as(claire), { limit: 2 });
		expect(first.items.map((n) => n.data.actorSlug)).toEqual([senders[2]!.slug, senders[1]!.slug]);
		const second = await listNotifications(as(claire), { limit: 2, before: first.next! });
		expect(second.items.map((n) => n.data.actorSlug)).toEqual([senders[0]!.slug]);
		expect(second.next).toBeNull();

		const intruder = senders[0]!;
		const target = first.items[0]!.id;
		expect((await rejection(markRead(as(intruder), { notificationId: target }))).kind).toBe('not_found');
		expect((await listNotifications(as(intruder))).items).toEqual([]);
		expect((await rejection(listNotifications(null))).kind).toBe('unauthenticated');
		expect((await rejection(markAllRead(null))).kind).toBe('unauthenticated');
		expect(await markAllRead(as(intruder))).toBe(0);
		expect(await unreadCount(as(claire))).toBe(3);

		await markRead(as(claire), { notificationId: target });
		expect(await unreadCount(as(claire))).toBe(2);
		expect(await markAllRead(as(claire))).toBe(2);
		expect((await listNotifications(as(claire))).items.every((n) => n.read)).toBe(true);
	});

	it('purges notifications older than 90 days', async () => {
		const claire = await makeMember(ctx);
		const now = new Date('2027-06-01T10:00:00Z');
		const day = 86_400_000;
		for (const age of [91, 89, 1]) {
			await ctx.prisma.notification.create({ data: { recipientId: claire.id, type: 'contact.accepted', createdAt: new Date(now.getTime() - age * day) } });
		}
		expect(await purgeOldNotifications(now)).toBe(1);
		expect(await ctx.prisma.notification.count({ where: { recipientId: claire.id } })).toBe(2);
	});
});

describe('preferences and mail', () => {
	it('bad preferences are refused with a message, nothing changed; off means no notification at all', async () => {
		const [paul, claire] = [await makeMember(ctx), await makeMember(ctx)];
		const bad = await rejection(setPreferences(as(claire), { 'contact.requested': 'pigeon' }));
		expect(bad.kind).toBe('invalid');
		expect(bad.fields['contact.requested']).toBe('notifications.error.bad_channel');
		expect((await rejection(setPreferences(as(claire), { 'nope.type': 'off' }))).kind).toBe('invalid');
		expect((await rejection(setPreferences(null, { 'contact.requested': 'off' }))).kind).toBe('unauthenticated');

		await setPreferences(as(claire), { 'contact.requested': 'off' });
		expect((await getPreferences(as(claire))).find((p) => p.type === 'contact.requested')).toEqual({ type: 'contact.requested', channel: 'off', isDefault: false });
		await sendContactRequest(as(paul), { memberId: claire.id });
		await ctx.deliverEvents();
		expect(await unreadCount(as(claire))).toBe(0);
		expect(await queued(MAIL_JOB)).toHaveLength(0);
		expect(await queued(DIGEST_JOB)).toHaveLength(0);
	});

	it('groups e-mail notifications: three contact requests within the window leave in one mail', async () => {
		const claire = await makeMember(ctx);
		const senders = [await makeMember(ctx), await makeMember(ctx), await makeMember(ctx)];
		for (const s of senders) {
			await sendContactRequest(as(s), { memberId: claire.id });
			await ctx.deliverEvents();
		}
		const jobs = await queued(MAIL_JOB);
		expect(jobs).toHaveLength(1);
		expect(new Date(jobs[0]!.startAfter).getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
		expect(mailsTo(claire)).toHaveLength(0);
		await runMailJobs();
		const mails = mailsTo(claire);
		expect(mails).toHaveLength(1);
		for (const s of senders) expect(mails[0]!.text).toContain(`${s.firstName} ${s.lastName}`);
		expect(mails[0]!.subject).toContain('(3)');
		expect(header(mails[0]!, 'List-Unsubscribe')).toMatch(/^<http:\/\/127\.0\.0\.1:3999\/notifications\/unsubscribe\/[\w-]+\.[\w-]+>$/);
		expect(header(mails[0]!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
		// the job again (a retry) sends nothing more
		await notificationJobs[0]!.run({ memberId: claire.id, type: 'contact.requested' }, { id: jobs[0]!.id, retryCount: 1 });
		expect(mailsTo(claire)).toHaveLength(1);
	});

	it('daily digest: no immediate mail; sendDailyDigests sends one grouped mail over SMTP whose one-click POST turns the type off', async () => {
		const claire = await makeMember(ctx);
		const senders = [await makeMember(ctx), await makeMember(ctx)];
		await setPreferences(as(claire), { 'contact.requested': 'digest' });
		for (const s of senders) await sendContactRequest(as(s), { memberId: claire.id });
		await ctx.deliverEvents();
		expect(await queued(MAIL_JOB)).toHaveLength(0);
		expect(await queued(DIGEST_JOB)).toHaveLength(1);
		expect(await unreadCount(as(claire))).toBe(2);
		expect(mailsTo(claire)).toHaveLength(0);

		expect(await sendDailyDigests(new Date())).toBe(1);
		const mails = mailsTo(claire);
		expect(mails).toHaveLength(1);
		expect(mails[0]!.subject).toContain('résumé quotidien (2)');
		for (const s of senders) expect(mails[0]!.text).toContain(`${s.firstName} ${s.lastName}`);
		expect(await sendDailyDigests(new Date())).toBe(0);

		const url = header(mails[0]!, 'List-Unsubscribe')!.slice(1, -1).replace('http://127.0.0.1:3999', rt.url);
		expect(header(mails[0]!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
		const token = url.split('/').at(-1)!;
		expect(await unsubscribeState(token)).toEqual({ scope: 'digest', off: false });
		// as a mail provider does it (RFC 8058): a POST from elsewhere, no cookie, no Origin
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
		expect(response.status).toBe(200);
		expect((await getPreferences(as(claire))).find((p) => p.type === 'contact.requested')!.channel).toBe('off');
		expect(await unsubscribeState(token)).toEqual({ scope: 'digest', off: true });

		// a forged or altered link changes nothing
		const forged = await fetch(url.replace(/\.[\w-]+$/, '.AAAA'), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect(forged.status).toBe(400);
	});

	it('the development outbox keeps a mail’s headers', async () => {
		const mailer = createOutboxMailer(ctx.prisma, () => {});
		await mailer.send({ to: 'x@exemple.fr', subject: 's', text: 't', headers: { 'List-Unsubscribe': '<http://x/u>' } });
		expect((await ctx.prisma.outboxMail.findFirst({ where: { to: 'x@exemple.fr' } }))!.headers).toEqual({ 'List-Unsubscribe': '<http://x/u>' });
	});
});

describe('the bell, live', () => {
	it('every open tab of Claire gets her new unread count after commit, and again when she reads in one', async () => {
		const [paul, claire] = [await makeMember(ctx), await makeMember(ctx)];
		const [tab1, tab2] = [await connectAs(rt, claire.id), await connectAs(rt, claire.id)];
		expect((await ask(tab1.socket, 'notifications:unread', {})).data).toEqual({ unread: 0 });
		await sendContactRequest(as(paul), { memberId: claire.id });
		const counts = Promise.all([next(tab1.socket, 'notifications:unread'), next(tab2.socket, 'notifications:unread')]);
		await ctx.deliverEvents();
		expect(await counts).toEqual([{ unread: 1 }, { unread: 1 }]);
		const read = Promise.all([next(tab1.socket, 'notifications:unread'), next(tab2.socket, 'notifications:unread')]);
		await markAllRead(as(claire));
		expect(await read).toEqual([{ unread: 0 }, { unread: 0 }]);
	});
});
