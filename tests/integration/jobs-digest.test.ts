import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { startSmtpInbox, type SmtpInbox } from '../helpers/fakes/smtp-inbox.ts';
import { connectAs, makeContacts, makeMember, startRealtime, until, type Realtime } from '../helpers/realtime.ts';
import { createSmtpMailer } from '../../src/lib/server/mail/smtp.ts';
import { configureChat, createGroup, markRead, openDirect, sendMessage, DIGEST_JOB } from '../../src/lib/server/chat/index.ts';
import { isOnline, resetPresenceRegistry } from '../../src/lib/server/presence/index.ts';
import { runDueJobs } from '../helpers/jobs.ts';

let inbox: SmtpInbox;
let ctx: TestContext;
let rt: Realtime;

beforeAll(async () => {
	inbox = await startSmtpInbox();
	ctx = await useTestContext({ mailer: createSmtpMailer(inbox.url, 'Relais <no-reply@relais.test>') });
	resetPresenceRegistry();
	rt = await startRealtime(ctx);
});

afterAll(async () => {
	await rt?.close();
	await ctx?.close();
	await inbox?.close();
});

const say = (memberId: string, conversationId: string, body: string) => sendMessage({ memberId }, { conversationId, clientId: randomUUID(), body });
const mailsTo = (email: string) => inbox.messages.filter((m) => m.rcptTo.includes(email));
/** unfinished digest jobs (pg-boss), of one member or of all */
const pendingDigests = async (memberId?: string) => (await ctx.queue.boss()).findJobs(DIGEST_JOB, { queued: true, ...(memberId ? { data: { memberId } } : {}) });

describe('offline digest email (real SMTP)', () => {
	it('sends ONE email batching every unread conversation, once', async () => {
		configureChat({ digestDelayMs: 0 });
		const [a, b, c] = [await makeMember(ctx), await makeMember(ctx), await makeMember(ctx)];
		await makeContacts(a.id, b.id);
		await makeContacts(c.id, b.id);
		const direct = await openDirect({ memberId: a.id }, { memberId: b.id });
		const group = await createGroup({ memberId: c.id }, { name: 'Chantier Lyon', memberIds: [b.id] });
		await say(a.id, direct.conversationId, 'Bonjour, un devis ?');
		await say(a.id, direct.conversationId, 'Pour la semaine prochaine.');
		await say(c.id, group.conversationId, 'Réunion demain 9 h');
		expect(await pendingDigests(b.id)).toHaveLength(1);

		await runDueJobs(ctx);
		await runDueJobs(ctx);
		const mails = mailsTo(b.email);
		expect(mails).toHaveLength(1);
		expect(mails[0]!.subject).toBe('Vous avez 3 message(s) non lu(s) sur Relais');
		expect(mails[0]!.text).toContain(`${a.firstName} ${a.lastName} — 2 message(s)`);
		expect(mails[0]!.text).toContain('Chantier Lyon');
		expect(mails[0]!.text).toContain('http://127.0.0.1:3999/messages');
	});

	it('sends nothing when the messages were read in time, or the member came online since', async () => {
		configureChat({ digestDelayMs: 0 });
		const [a, reader, visitor] = [await makeMember(ctx), await makeMember(ctx), await makeMember(ctx)];
		await makeContacts(a.id, reader.id);
		await makeContacts(a.id, visitor.id);
		const c1 = await openDirect({ memberId: a.id }, { memberId: reader.id });
		const c2 = await openDirect({ memberId: a.id }, { memberId: visitor.id });
		const { message } = await say(a.id, c1.conversationId, 'Lis-moi vite');
		await say(a.id, c2.conversationId, 'Tu passes ?');
		await markRead({ memberId: reader.id }, { conversationId: c1.conversationId, messageId: message.id });
		// came online (and left) after the message
		const tab = await connectAs(rt, visitor.id);
		tab.socket.disconnect();
		await until(() => !isOnline(visitor.id));

		await runDueJobs(ctx);
		expect(mailsTo(reader.email)).toHaveLength(0);
		expect(mailsTo(visitor.email)).toHaveLength(0);
		expect(await pendingDigests()).toHaveLength(0);
	});

	it('waits for the delay and respects the member’s choice', async () => {
		const [a, later, optedOut] = [await makeMember(ctx), await makeMember(ctx), await makeMember(ctx)];
		await makeContacts(a.id, later.id);
		await makeContacts(a.id, optedOut.id);
		await ctx.prisma.member.update({ where: { id: optedOut.id }, data: { messageDigest: false } });
		configureChat({ digestDelayMs: 120 * 60_000 });
		const c1 = await openDirect({ memberId: a.id }, { memberId: later.id });
		await say(a.id, c1.conversationId, 'Plus tard');
		const [job] = await pendingDigests(later.id);
		expect(job!.startAfter.getTime()).toBeGreaterThan(Date.now() + 119 * 60_000);
		configureChat({ digestDelayMs: 0 });
		const c2 = await openDirect({ memberId: a.id }, { memberId: optedOut.id });
		await say(a.id, c2.conversationId, 'Pas de mail');
		await runDueJobs(ctx);
		expect(mailsTo(later.email)).toHaveLength(0);
		expect(mailsTo(optedOut.email)).toHaveLength(0);
		// two hours later (the queue's clock, no sleeping) the waiting digest goes out, once
		await runDueJobs(ctx, new Date(Date.now() + 121 * 60_000));
		await runDueJobs(ctx, new Date(Date.now() + 122 * 60_000));
		expect(mailsTo(later.email)).toHaveLength(1);
		expect(mailsTo(optedOut.email)).toHaveLength(0);
	});
});
