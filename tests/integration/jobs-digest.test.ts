import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { startSmtpInbox, type SmtpInbox } from '../helpers/fakes/smtp-inbox.ts';
import { connectAs, makeContacts, makeMember, startRealtime, until, type Realtime } from '../helpers/realtime.ts';
import { createSmtpMailer } from '../../src/lib/server/mail/smtp.ts';
import { claim, complete, enqueue, fail } from '../../src/lib/server/jobs/queue.ts';
import { configureChat, createGroup, markRead, openDirect, sendMessage, DIGEST_JOB } from '../../src/lib/server/chat/index.ts';
import { isOnline, resetPresenceRegistry } from '../../src/lib/server/presence/index.ts';
import { startJobRunner } from '../../server/jobs/runner.ts';

let inbox: SmtpInbox;
let ctx: TestContext;
let rt: Realtime;
const quiet = { info: () => {}, warn: (l: string) => console.warn(l), error: (l: string) => console.error(l) };

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

describe('PostgreSQL job queue', () => {
	it('gives each due job to exactly one of several concurrent workers', async () => {
		for (let i = 0; i < 30; i++) await enqueue('test.concurrent', { i });
		const taken: string[][] = [[], [], []];
		await Promise.all(
			taken.map(async (mine, w) => {
				for (;;) {
					const batch = await claim(`worker-${w}`, ['test.concurrent'], { limit: 3 });
					if (batch.length === 0) return;
					for (const job of batch) {
						mine.push(job.id);
						await complete(job.id, `worker-${w}`);
					}
				}
			})
		);
		const all = taken.flat();
		expect(all.length).toBe(30);
		expect(new Set(all).size).toBe(30);
		expect(await ctx.prisma.job.count({ where: { kind: 'test.concurrent', doneAt: null } })).toBe(0);
	});

	it('keeps one pending job per unique key, retries with backoff, reclaims a dead worker’s job', async () => {
		const first = await enqueue('test.unique', {}, { uniqueKey: 'k1' });
		expect(first).not.toBeNull();
		expect(await enqueue('test.unique', {}, { uniqueKey: 'k1' })).toBeNull();
		const [job] = await claim('w1', ['test.unique']);
		expect(job!.id).toBe(first);
		expect(await fail(job!.id, 'w1', new Error('boom'))).toBe(true);
		const row = await ctx.prisma.job.findUniqueOrThrow({ where: { id: first! } });
		expect(row.runAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
		expect(row.lastError).toBe('boom');
		// due later: not claimable now; claimable when its time has come
		expect(await claim('w2', ['test.unique'])).toEqual([]);
		const later = new Date(Date.now() + 3600_000);
		const [again] = await claim('w2', ['test.unique'], { now: later });
		expect(again!.attempts).toBe(2);
		// w2 dies holding it: after the lock time-out another worker takes it over
		const [taken] = await claim('w3', ['test.unique'], { now: new Date(later.getTime() + 11 * 60_000) });
		expect(taken!.id).toBe(first);
		await complete(first!, 'w3');
		// the key is free again once the job is done
		expect(await enqueue('test.unique', {}, { uniqueKey: 'k1' })).not.toBeNull();
	});
});

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
		expect(await ctx.prisma.job.count({ where: { kind: DIGEST_JOB, doneAt: null, payload: { equals: { memberId: b.id } } } })).toBe(1);

		const runner = startJobRunner({ log: quiet, autoStart: false });
		await runner.runOnce();
		await runner.runOnce();
		const mails = mailsTo(b.email);
		expect(mails).toHaveLength(1);
		expect(mails[0]!.subject).toBe('Vous avez 3 message(s) non lu(s) sur Relais');
		expect(mails[0]!.text).toContain(`${a.firstName} ${a.lastName} — 2 message(s)`);
		expect(mails[0]!.text).toContain('Chantier Lyon');
		expect(mails[0]!.text).toContain('http://127.0.0.1:3999/messages');
		await runner.stop();
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

		const runner = startJobRunner({ log: quiet, autoStart: false });
		await runner.runOnce();
		await runner.stop();
		expect(mailsTo(reader.email)).toHaveLength(0);
		expect(mailsTo(visitor.email)).toHaveLength(0);
		expect(await ctx.prisma.job.count({ where: { kind: DIGEST_JOB, doneAt: null } })).toBe(0);
	});

	it('waits for the delay and respects the member’s choice', async () => {
		const [a, later, optedOut] = [await makeMember(ctx), await makeMember(ctx), await makeMember(ctx)];
		await makeContacts(a.id, later.id);
		await makeContacts(a.id, optedOut.id);
		await ctx.prisma.member.update({ where: { id: optedOut.id }, data: { messageDigest: false } });
		configureChat({ digestDelayMs: 120 * 60_000 });
		const c1 = await openDirect({ memberId: a.id }, { memberId: later.id });
		await say(a.id, c1.conversationId, 'Plus tard');
		const job = await ctx.prisma.job.findFirstOrThrow({ where: { kind: DIGEST_JOB, doneAt: null, payload: { equals: { memberId: later.id } } } });
		expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 119 * 60_000);
		configureChat({ digestDelayMs: 0 });
		const c2 = await openDirect({ memberId: a.id }, { memberId: optedOut.id });
		await say(a.id, c2.conversationId, 'Pas de mail');
		const runner = startJobRunner({ log: quiet, autoStart: false });
		await runner.runOnce();
		await runner.stop();
		expect(mailsTo(later.email)).toHaveLength(0);
		expect(mailsTo(optedOut.email)).toHaveLength(0);
	});
});
