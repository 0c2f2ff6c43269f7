import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { ask, collect, connectAs, makeContacts, makeMember, next, sleep, startRealtime, until, type Realtime } from '../helpers/realtime.ts';
import { MessageOutbox } from '../../src/lib/client/outbox.ts';
import {
	addMembers,
	answerVisitorMessage,
	blockMember,
	configureChat,
	createGroup,
	deleteMessage,
	editMessage,
	handleReport,
	leaveConversation,
	leaveVisitorMessage,
	listReports,
	listVisitorMessages,
	messagingPermission,
	openDirect,
	removeMember,
	report,
	sendMessage,
	type MessageView
} from '../../src/lib/server/chat/index.ts';
import { deactivate } from '../../src/lib/server/auth/accounts.ts';
import { resetPresenceRegistry } from '../../src/lib/server/presence/index.ts';
import { rejection as domainError } from '../helpers/errors.ts';

let ctx: TestContext;
let rt: Realtime;

beforeAll(async () => {
	ctx = await useTestContext();
	resetPresenceRegistry();
	configureChat({ editWindowMs: 15 * 60_000, digestDelayMs: 60 * 60_000 });
	rt = await startRealtime(ctx);
});

afterAll(async () => {
	await rt?.close();
	await ctx?.close();
});

const clientId = () => randomUUID();
const say = (memberId: string, conversationId: string, body: string) => sendMessage({ memberId }, { conversationId, clientId: clientId(), body });

async function pair() {
	const a = await makeMember(ctx);
	const b = await makeMember(ctx);
	await makeContacts(a.id, b.id);
	const { conversationId } = await openDirect({ memberId: a.id }, { memberId: b.id });
	return { a, b, conversationId };
}

describe('who may write to whom', () => {
	it('keeps pro messaging (groups) to accepted contacts', async () => {
		const a = await makeMember(ctx);
		const stranger = await makeMember(ctx);
		const friend = await makeMember(ctx);
		await makeContacts(a.id, friend.id);
		expect((await domainError(createGroup({ memberId: a.id }, { name: 'Projet', memberIds: [friend.id, stranger.id] }))).key).toBe('chat.error.contacts_only');
		const { conversationId } = await createGroup({ memberId: a.id }, { name: 'Projet', memberIds: [friend.id] });
		expect((await domainError(addMembers({ memberId: a.id }, { conversationId, memberIds: [stranger.id] }))).key).toBe('chat.error.contacts_only');
		expect(await messagingPermission({ memberId: a.id }, { memberId: friend.id })).toMatchObject({ allowed: true, mode: 'pro' });
	});

	it('allows a simple message only with the recipient’s consent, and always an answer to who started', async () => {
		const open = await makeMember(ctx, { acceptsMessages: true });
		const closed = await makeMember(ctx, { acceptsMessages: false });
		expect(await messagingPermission({ memberId: open.id }, { memberId: closed.id })).toMatchObject({ allowed: false, reason: 'chat.error.messages_closed' });
		expect((await domainError(openDirect({ memberId: open.id }, { memberId: closed.id }))).kind).toBe('forbidden');
		expect(await ctx.prisma.conversation.count({ where: { members: { some: { memberId: closed.id } } } })).toBe(0);

		// `closed` writes to `open` (who accepts): a simple message; `open` may answer
		const { conversationId } = await openDirect({ memberId: closed.id }, { memberId: open.id });
		await say(closed.id, conversationId, 'Bonjour, êtes-vous disponible ?');
		expect((await say(open.id, conversationId, 'Oui, bien sûr.')).duplicate).toBe(false);
		// `open` withdraws consent: `closed` can no longer write in that conversation
		await ctx.prisma.member.update({ where: { id: open.id }, data: { acceptsMessages: false } });
		expect((await domainError(say(closed.id, conversationId, 'Encore moi'))).key).toBe('chat.error.messages_closed');
		expect(await ctx.prisma.message.count({ where: { conversationId } })).toBe(2);
	});

	it('never reaches a deactivated member', async () => {
		const { a, b, conversationId } = await pair();
		await ctx.prisma.member.update({ where: { id: b.id }, data: { passwordHash: null } });
		await deactivate({ memberId: b.id }, {});
		expect((await domainError(say(a.id, conversationId, 'Tu es là ?'))).key).toBe('chat.error.member_unreachable');
		expect((await domainError(openDirect({ memberId: a.id }, { memberId: b.id }))).key).toBe('chat.error.member_unreachable');
		expect(await ctx.prisma.message.count({ where: { conversationId } })).toBe(0);
	});

	it('stops both directions once one member blocks the other', async () => {
		const { a, b, conversationId } = await pair();
		await blockMember({ memberId: b.id }, { memberId: a.id });
		expect((await domainError(say(a.id, conversationId, 'Bonjour'))).key).toBe('chat.error.blocked');
		expect((await domainError(say(b.id, conversationId, 'Bonjour'))).key).toBe('chat.error.blocked');
		const socket = (await connectAs(rt, a.id)).socket;
		const reply = await ask(socket, 'chat:send', { conversationId, clientId: clientId(), body: 'via socket' });
		expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(reply.error?.message).toBe('Vous ne pouvez pas échanger de messages avec ce membre.');
		expect(await ctx.prisma.message.count({ where: { conversationId } })).toBe(0);
	});

	it('lets group admins add and remove, members leave (the last admin hands over)', async () => {
		const admin = await makeMember(ctx);
		const [m1, m2, m3] = [await makeMember(ctx), await makeMember(ctx), await makeMember(ctx)];
		for (const m of [m1, m2, m3]) await makeContacts(admin.id, m.id);
		const { conversationId } = await createGroup({ memberId: admin.id }, { name: 'Équipe', memberIds: [m1.id, m2.id] });
		await addMembers({ memberId: admin.id }, { conversationId, memberIds: [m3.id] });
		expect((await domainError(removeMember({ memberId: m1.id }, { conversationId, memberId: m2.id }))).key).toBe('chat.error.admin_only');
		await removeMember({ memberId: admin.id }, { conversationId, memberId: m3.id });
		expect((await domainError(say(m3.id, conversationId, 'coucou'))).kind).toBe('not_found');
		await leaveConversation({ memberId: admin.id }, { conversationId });
		const roles = await ctx.prisma.conversationMember.findMany({ where: { conversationId, leftAt: null }, select: { memberId: true, role: true } });
		expect(roles).toEqual(expect.arrayContaining([{ memberId: m1.id, role: 'admin' }]));
		expect(roles.map((r) => r.memberId).sort()).toEqual([m1.id, m2.id].sort());
	});
});

describe('live chat over socket.io', () => {
	it('delivers to every tab, counts unread, and syncs read receipts across tabs', async () => {
		const { a, b, conversationId } = await pair();
		const sender = await connectAs(rt, a.id);
		const tab1 = await connectAs(rt, b.id);
		const tab2 = await connectAs(rt, b.id);
		const got1 = next<MessageView>(tab1.socket, 'chat:message');
		const got2 = next<MessageView>(tab2.socket, 'chat:message');
		const reply = await ask(sender.socket, 'chat:send', { conversationId, clientId: clientId(), body: 'Bonjour Paul !' });
		expect(reply.ok).toBe(true);
		const [m1, m2] = await Promise.all([got1, got2]);
		expect(m1.body).toBe('Bonjour Paul !');
		expect(m2.id).toBe(m1.id);
		expect((await ask(tab1.socket, 'chat:unread', {})).data).toEqual({ total: 1, byConversation: { [conversationId]: 1 } });

		const unreadOnTab2 = next(tab2.socket, 'chat:unread');
		const receipt = next(sender.socket, 'chat:read');
		const read = await ask(tab1.socket, 'chat:read', { conversationId, messageId: m1.id });
		expect(read.ok).toBe(true);
		expect(await unreadOnTab2).toEqual({ total: 0, byConversation: {} });
		expect(await receipt).toEqual({ conversationId, memberId: b.id, messageId: m1.id });

		// typing reaches the other member's tabs, not the typist's
		const typing = next(tab2.socket, 'chat:typing');
		const own = collect(sender.socket, 'chat:typing');
		await ask(sender.socket, 'chat:typing', { conversationId, typing: true });
		expect(await typing).toMatchObject({ conversationId, memberId: a.id, typing: true });
		await sleep(50);
		expect(own).toEqual([]);
	});

	it('pages history by anchor and catches up with `since`', async () => {
		const { a, conversationId } = await pair();
		const sent: string[] = [];
		for (let i = 1; i <= 5; i++) sent.push((await say(a.id, conversationId, `message ${i}`)).message.id);
		const socket = (await connectAs(rt, a.id)).socket;
		const last = await ask(socket, 'chat:history', { conversationId, limit: 2 });
		expect(last.data.messages.map((m: MessageView) => m.body)).toEqual(['message 4', 'message 5']);
		expect(last.data.hasMore).toBe(true);
		const before = await ask(socket, 'chat:history', { conversationId, before: last.data.messages[0].id, limit: 10 });
		expect(before.data.messages.map((m: MessageView) => m.body)).toEqual(['message 1', 'message 2', 'message 3']);
		expect(before.data.hasMore).toBe(false);
		const since = await ask(socket, 'chat:since', { after: sent[1] });
		expect(since.data.messages.map((m: MessageView) => m.id)).toEqual(sent.slice(2));
	});

	it('brings back, on catch-up, what was edited or deleted while the reader was away', async () => {
		const { a, b, conversationId } = await pair();
		const sent: string[] = [];
		for (let i = 1; i <= 3; i++) sent.push((await say(a.id, conversationId, `message ${i}`)).message.id);
		// b saw up to message 3, then went offline; meanwhile a corrects message 2, deletes message 1 and writes a 4th
		await sleep(5);
		await editMessage({ memberId: a.id }, { messageId: sent[1], body: 'message 2 (corrigé)' });
		await deleteMessage({ memberId: a.id }, { messageId: sent[0] });
		const fourth = (await say(a.id, conversationId, 'message 4')).message.id;
		const reader = (await connectAs(rt, b.id)).socket;
		const since = await ask(reader, 'chat:since', { after: sent[2] });
		expect(since.data.messages.map((m: MessageView) => [m.id, m.body, !!m.deletedAt])).toEqual([
			[sent[0], '', true],
			[sent[1], 'message 2 (corrigé)', false],
			[fourth, 'message 4', false]
		]);
		// someone outside the conversation learns nothing from an anchor of theirs
		const outsider = (await connectAs(rt, (await makeMember(ctx)).id)).socket;
		expect((await ask(outsider, 'chat:since', { after: sent[2] })).data.messages).toEqual([]);
	});

	it('stores and delivers exactly once when the transport is forcibly closed mid-send', async () => {
		const { a, b, conversationId } = await pair();
		const receiver = await connectAs(rt, b.id);
		const received = collect<MessageView>(receiver.socket, 'chat:message');
		const sender = await connectAs(rt, a.id, { reconnection: true });
		const outbox = new MessageOutbox<{ message: MessageView; duplicate: boolean }>(sender.socket, { ackTimeoutMs: 1500, retryDelayMs: 100 });

		// 1) the server stores the message, then the connection dies before the ack leaves
		let cut = false;
		const stop = ctx.events.on('message.created', ({ message }) => {
			if (cut || message.senderId !== a.id) return;
			cut = true;
			rt.server.realtime.io.sockets.sockets.get(sender.socket.id!)?.conn.close();
		});
		const first = await outbox.send({ conversationId, body: 'envoyé pendant la coupure' });
		stop();
		expect(cut).toBe(true);
		expect(first.duplicate).toBe(true);

		// 2) the client's own transport is killed right after emitting a burst
		await until(() => sender.socket.connected);
		const burst = Array.from({ length: 5 }, (_, i) => outbox.send({ conversationId, body: `rafale ${i}` }));
		sender.socket.io.engine.close();
		const acked = await Promise.all(burst);

		expect(await ctx.prisma.message.count({ where: { conversationId } })).toBe(6);
		const ids = [first.message.id, ...acked.map((r) => r.message.id)];
		expect(new Set(ids).size).toBe(6);
		await until(() => received.length >= 6);
		await sleep(200);
		// the receiver got each message once (concurrent retries may arrive out of order: clients sort by id)
		expect(received.map((m) => m.id).sort()).toEqual(ids.slice().sort());
		expect(received.map((m) => m.body).sort()).toEqual(['envoyé pendant la coupure', 'rafale 0', 'rafale 1', 'rafale 2', 'rafale 3', 'rafale 4']);
		outbox.close();
	});

	it('lets a sender edit and delete their message within the window only', async () => {
		const { a, b, conversationId } = await pair();
		const socket = (await connectAs(rt, a.id)).socket;
		const other = (await connectAs(rt, b.id)).socket;
		const { message } = await say(a.id, conversationId, 'premier jet');
		const updated = next<MessageView>(other, 'chat:message_updated');
		const edit = await ask(socket, 'chat:edit', { messageId: message.id, body: 'version corrigée' });
		expect(edit.data).toMatchObject({ body: 'version corrigée', editedAt: expect.any(String) });
		expect((await updated).body).toBe('version corrigée');
		expect((await ask(other, 'chat:edit', { messageId: message.id, body: 'pirate' })).error?.code).toBe('forbidden');

		configureChat({ editWindowMs: 200 });
		try {
			const late = await say(a.id, conversationId, 'trop tard');
			await sleep(300);
			expect((await ask(socket, 'chat:edit', { messageId: late.message.id, body: 'x' })).error?.code).toBe('forbidden');
			expect((await ask(socket, 'chat:delete', { messageId: late.message.id })).error?.message).toBe('Le délai pour modifier ou supprimer ce message est dépassé.');
			const fresh = await say(a.id, conversationId, 'à supprimer');
			const deleted = await ask(socket, 'chat:delete', { messageId: fresh.message.id });
			expect(deleted.data).toMatchObject({ body: '', deletedAt: expect.any(String) });
		} finally {
			configureChat({ editWindowMs: 15 * 60_000 });
		}
		const rows = await ctx.prisma.message.findMany({ where: { conversationId }, orderBy: { id: 'asc' }, select: { body: true, editedAt: true, deletedAt: true } });
		expect(rows.map((r) => [r.body, !!r.editedAt, !!r.deletedAt])).toEqual([
			['version corrigée', true, false],
			['trop tard', false, false],
			['', false, true]
		]);
	});

	it('rate-limits every kind of event with a localized error event', async () => {
		const { a, conversationId } = await pair();
		const socket = (await connectAs(rt, a.id)).socket;
		const errors = collect<{ event: string; code: string; message: string }>(socket, 'relais:error');
		for (let i = 0; i < 20; i++) socket.emit('chat:typing', { conversationId, typing: true });
		await until(() => errors.some((e) => e.event === 'chat:typing'));
		expect(errors.find((e) => e.event === 'chat:typing')).toMatchObject({ code: 'throttled', message: 'Vous allez trop vite : patientez quelques secondes.' });

		const replies = await Promise.all(Array.from({ length: 25 }, (_, i) => ask(socket, 'chat:send', { conversationId, clientId: clientId(), body: `flood ${i}` })));
		const ok = replies.filter((r) => r.ok).length;
		expect(replies.filter((r) => r.error?.code === 'throttled').length).toBeGreaterThan(0);
		expect(await ctx.prisma.message.count({ where: { conversationId } })).toBe(ok);

		for (let i = 0; i < 30; i++) socket.emit('presence:heartbeat', { state: 'active' });
		await until(() => errors.some((e) => e.event === 'presence:heartbeat'));
		expect(socket.connected).toBe(true);
	});

	it('answers malformed payloads on every event with an error: no crash, nothing written', async () => {
		const { a, b, conversationId } = await pair();
		const others = await pair();
		const { message: theirs } = await say(others.a.id, others.conversationId, 'privé');
		const { message: fromB } = await say(b.id, conversationId, 'message de B');
		const socket = (await connectAs(rt, a.id)).socket;
		const before = await ctx.prisma.message.count();
		const valid = clientId();
		const cases: [string, unknown][] = [
			['chat:send', undefined],
			['chat:send', 'texte'],
			['chat:send', 42],
			['chat:send', [conversationId]],
			['chat:send', { conversationId: 'pas-un-uuid', clientId: valid, body: 'x' }],
			['chat:send', { conversationId, clientId: 'court', body: 'x' }],
			['chat:send', { conversationId, clientId: 'a b c d e f g h', body: 'x' }],
			['chat:send', { conversationId, clientId: valid, body: 'x'.repeat(4001) }],
			['chat:send', { conversationId, clientId: valid, body: '   ' }],
			['chat:send', { conversationId, clientId: valid, body: 12 }],
			['chat:send', { conversationId, clientId: valid, body: 'x', admin: true }],
			['chat:send', { conversationId, clientId: valid, body: 'x', attachmentIds: ['nope'] }],
			['chat:send', { conversationId, clientId: valid, body: 'x', attachmentIds: [randomUUID()] }],
			['chat:send', { conversationId: others.conversationId, clientId: valid, body: 'intrusion' }],
			['chat:send', { conversationId: randomUUID(), clientId: valid, body: 'nulle part' }],
			['chat:edit', { messageId: fromB.id, body: 'falsifié' }],
			['chat:edit', { messageId: theirs.id, body: 'falsifié' }],
			['chat:edit', { messageId: 'x', body: 'y' }],
			['chat:edit', { messageId: fromB.id, body: 'y'.repeat(5000) }],
			['chat:delete', { messageId: fromB.id }],
			['chat:delete', { messageId: theirs.id }],
			['chat:delete', null],
			['chat:read', { conversationId: others.conversationId, messageId: theirs.id }],
			['chat:read', { conversationId, messageId: theirs.id }],
			['chat:read', { conversationId }],
			['chat:history', { conversationId: others.conversationId }],
			['chat:history', { conversationId, limit: 100000 }],
			['chat:history', { conversationId, before: 'hier' }],
			['chat:since', { after: 'x' }],
			['chat:since', {}],
			['chat:typing', { conversationId: others.conversationId, typing: true }],
			['chat:typing', { conversationId, typing: 'oui' }],
			['chat:unread', { all: true }],
			['chat:conversations', 'tout'],
			['presence:watch', { ids: 'all' }],
			['presence:heartbeat', {}],
			['presence:available', { available: 1 }],
			['chat:inconnu', { x: 1 }],
			['__proto__', {}]
		];
		for (const [event, payload] of cases) {
			const reply = await ask(socket, event, payload);
			expect(reply.ok, `${event} ${JSON.stringify(payload)?.slice(0, 80)}`).toBe(false);
			expect(reply.error?.message).toEqual(expect.any(String));
			expect(reply.error?.message).not.toMatch(/at .*\.ts|Error:|prisma/i);
			await sleep(15); // stay under the rate limits: this test is about validation
		}
		// without an ack, errors come back as an event
		const errorEvent = next(socket, 'relais:error');
		socket.emit('chat:send', { conversationId: others.conversationId, clientId: clientId(), body: 'x' });
		expect(await errorEvent).toMatchObject({ event: 'chat:send', code: 'not_found' });

		expect(await ctx.prisma.message.count()).toBe(before);
		expect((await ctx.prisma.message.findUniqueOrThrow({ where: { id: fromB.id } })).body).toBe('message de B');
		expect((await ctx.prisma.message.findUniqueOrThrow({ where: { id: theirs.id } })).deletedAt).toBeNull();
		expect(await ctx.prisma.conversationMember.count({ where: { memberId: a.id, lastReadMessageId: theirs.id } })).toBe(0);
		expect(socket.connected).toBe(true);

		// an oversized frame closes that connection only; the server keeps serving
		const big = (await connectAs(rt, a.id)).socket;
		const gone = next(big, 'disconnect');
		big.emit('chat:send', { conversationId, clientId: clientId(), body: 'x'.repeat(200_000) });
		await gone;
		expect((await ask(socket, 'chat:unread', {})).ok).toBe(true);
		expect(await ctx.prisma.message.count()).toBe(before);
	});
});

describe('visitors and moderation', () => {
	it('delivers a visitor’s message to the provider’s inbox, answered by email', async () => {
		const provider = await makeMember(ctx, { category: 'freelance' });
		const socket = (await connectAs(rt, provider.id)).socket;
		const notified = next(socket, 'chat:visitor_message');
		await leaveVisitorMessage(provider.slug, { name: 'Jeanne Visiteuse', email: 'jeanne@exemple.fr', body: 'Bonjour, faites-vous des sites vitrines ?' }, { ip: '203.0.113.9' });
		await notified;
		const [inbox] = await listVisitorMessages({ memberId: provider.id });
		expect(inbox).toMatchObject({ name: 'Jeanne Visiteuse', email: 'jeanne@exemple.fr', answeredAt: null });
		await answerVisitorMessage({ memberId: provider.id }, { visitorMessageId: inbox!.id, body: 'Oui, avec plaisir.' });
		const [mail] = await ctx.sentMail('jeanne@exemple.fr');
		expect(mail!.subject).toBe(`Réponse de ${provider.firstName} ${provider.lastName} à votre message`);
		expect(mail!.text).toContain('Oui, avec plaisir.');
		expect(mail!.text).toContain('> Bonjour, faites-vous des sites vitrines ?');
		expect(mail!.text).not.toContain(provider.email);
		// a visitor-category member is not a provider: no visitor messages to them
		const visitor = await makeMember(ctx, { category: 'visitor' });
		expect((await domainError(leaveVisitorMessage(visitor.slug, { name: 'X', email: 'x@exemple.fr', body: 'y' }))).kind).toBe('not_found');
		for (let i = 0; i < 4; i++) await leaveVisitorMessage(provider.slug, { name: 'Bot', email: `b${i}@exemple.fr`, body: 'spam' }, { ip: '203.0.113.9' });
		expect((await domainError(leaveVisitorMessage(provider.slug, { name: 'Bot', email: 'b9@exemple.fr', body: 'spam' }, { ip: '203.0.113.9' }))).kind).toBe('throttled');
	});

	it('lists reported messages and members (scam included) for admins only', async () => {
		const { a, b, conversationId } = await pair();
		const admin = await makeMember(ctx, { roles: ['member', 'admin'] });
		const { message } = await say(b.id, conversationId, 'Envoyez-moi 500 € par mandat cash');
		await report({ memberId: a.id }, { messageId: message.id, reason: 'scam', details: 'Demande de paiement hors plateforme' });
		await report({ memberId: a.id }, { memberId: b.id, reason: 'abuse' });
		expect((await domainError(report({ memberId: a.id }, { messageId: randomUUID(), reason: 'scam' }))).kind).toBe('not_found');
		expect((await domainError(listReports({ memberId: a.id }))).kind).toBe('forbidden');
		const reports = await listReports({ memberId: admin.id });
		expect(reports.map((r) => [r.reason, r.member?.id, r.excerpt])).toEqual([
			['abuse', b.id, null],
			['scam', b.id, 'Envoyez-moi 500 € par mandat cash']
		]);
		await handleReport({ memberId: admin.id }, { reportId: reports[0]!.id, status: 'resolved' });
		expect((await listReports({ memberId: admin.id }, { status: 'open' })).length).toBe(1);
	});
});
