import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectClient, type Socket } from 'socket.io-client';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { ask, collect, connectAs, makeContacts, makeMember, type Realtime, startRealtime, until } from '../helpers/realtime.ts';
import { openSession } from '../../src/lib/server/auth/sessions.ts';
import { createGroup } from '../../src/lib/server/chat/index.ts';
import type { MessageView } from '../../src/lib/server/chat/index.ts';

/**
 * The chat fan-out's shortcuts (server/realtime/fast-broadcast.ts, the sender's echo left out):
 * a message reaches every other tab, in order, whatever the transport, and the sending tab has it
 * in its ack instead of a second copy.
 */
let ctx: TestContext;
let rt: Realtime;

beforeAll(async () => {
	ctx = await useTestContext();
	rt = await startRealtime(ctx);
});

afterAll(async () => {
	await rt?.close();
	await ctx?.close();
});

/** A tab on long-polling (a proxy without WebSocket): socket.io's own write path. */
async function pollingTab(memberId: string): Promise<Socket> {
	const { secret } = await openSession(memberId);
	const socket = connectClient(rt.url, { path: '/socket.io', transports: ['polling'], reconnection: false, forceNew: true, extraHeaders: { cookie: `relais_session=${secret}` } });
	rt.clients.push(socket);
	await new Promise<void>((resolve, reject) => {
		socket.once('session:state', () => resolve());
		socket.once('connect_error', reject);
	});
	return socket;
}

describe('chat fan-out', () => {
	it('delivers every message once, in order, to every other tab (WebSocket or polling); the sending tab gets it in its ack only', async () => {
		const [a, b, c] = [await makeMember(ctx), await makeMember(ctx), await makeMember(ctx)];
		await makeContacts(a.id, b.id);
		await makeContacts(a.id, c.id);
		const { conversationId } = await createGroup({ memberId: a.id }, { name: 'Atelier du jeudi', memberIds: [b.id, c.id] });
		const sending = await connectAs(rt, a.id);
		const otherTabOfSender = await connectAs(rt, a.id);
		const receiver = await connectAs(rt, b.id);
		const polling = await pollingTab(c.id);
		const got = {
			sending: collect<MessageView>(sending.socket, 'chat:message'),
			otherTabOfSender: collect<MessageView>(otherTabOfSender.socket, 'chat:message'),
			receiver: collect<MessageView>(receiver.socket, 'chat:message'),
			polling: collect<MessageView>(polling, 'chat:message')
		};
		// 8 sends in flight at once (under the per-connection allowance) (the group commit stores them together), while the receiver's
		// own requests are answered on the same connection
		const sends = Array.from({ length: 8 }, (_, i) => ask<{ message: MessageView }>(sending.socket, 'chat:send', { conversationId, clientId: randomUUID(), body: `Message n° ${i + 1}` }));
		const unread = Array.from({ length: 5 }, () => ask(receiver.socket, 'chat:unread', {}));
		const replies = await Promise.all(sends);
		expect(replies.every((r) => r.ok)).toBe(true);
		expect((await Promise.all(unread)).every((r) => r.ok)).toBe(true);
		const ids = replies.map((r) => r.data!.message.id).sort();
		await until(() => got.otherTabOfSender.length === 8 && got.receiver.length === 8 && got.polling.length === 8);
		for (const tab of [got.otherTabOfSender, got.receiver, got.polling]) {
			// once each, in the order they were stored (ids increase)
			expect(tab.map((m) => m.id)).toEqual(ids);
		}
		expect(got.receiver.map((m) => m.body)).toEqual(replies.map((r) => r.data!.message).sort((x, y) => (x.id < y.id ? -1 : 1)).map((m) => m.body));
		// a message sent from another place (not this tab) does reach it
		const fromOtherTab = await ask<{ message: MessageView }>(otherTabOfSender.socket, 'chat:send', { conversationId, clientId: randomUUID(), body: 'Depuis l’autre onglet' });
		await until(() => got.sending.length === 1);
		expect(got.sending.map((m) => m.id)).toEqual([fromOtherTab.data!.message.id]);
		expect(await ctx.prisma.message.count({ where: { conversationId } })).toBe(9);
	});
});
