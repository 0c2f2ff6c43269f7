import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { ask, collect, connectAs, connectPublic, makeContacts, makeMember, next, sleep, startRealtime, until, type Realtime } from '../helpers/realtime.ts';
import { acceptContactRequest, removeContact, sendContactRequest } from '../../src/lib/server/relations/index.ts';
import { configurePresence, onlineMemberIds, presenceOf, reapStaleConnections, resetPresenceRegistry, setInCall } from '../../src/lib/server/presence/index.ts';

let ctx: TestContext;
let rt: Realtime;

beforeAll(async () => {
	ctx = await useTestContext();
	resetPresenceRegistry();
	rt = await startRealtime(ctx);
});

afterAll(async () => {
	await rt?.close();
	await ctx?.close();
});

const status = (id: string) => presenceOf([id])[id];

describe('presence', () => {
	it('aggregates over all connections: online while any is connected, offline when the last goes', async () => {
		const m = await makeMember(ctx);
		const watcher = await makeMember(ctx);
		const w = await connectAs(rt, watcher.id);
		expect((await ask(w.socket, 'presence:watch', { ids: [m.id] })).data.presence).toEqual({ [m.id]: 'offline' });

		const updates = collect<{ memberId: string; status: string }>(w.socket, 'presence:update');
		const tab1 = await connectAs(rt, m.id);
		const tab2 = await connectAs(rt, m.id);
		expect(status(m.id)).toBe('online');
		await until(() => updates.length === 1);
		expect(updates[0]).toMatchObject({ memberId: m.id, status: 'online' });

		tab1.socket.disconnect();
		await sleep(100);
		expect(status(m.id)).toBe('online');
		tab2.socket.disconnect();
		await until(() => status(m.id) === 'offline');
		await until(() => updates.length === 2);
		expect(updates.map((u) => u.status)).toEqual(['online', 'offline']);
		expect(onlineMemberIds([m.id, watcher.id])).toEqual([watcher.id]);
		const row = await ctx.prisma.member.findUniqueOrThrow({ where: { id: m.id }, select: { lastSeenAt: true } });
		expect(row.lastSeenAt).toBeInstanceOf(Date);
	});

	it('a contact accepted while both are connected is watched at once, and no longer once removed', async () => {
		// A watches nobody explicitly: only the contact relation can bring B's presence to A
		const a = await makeMember(ctx);
		const b = await makeMember(ctx);
		const aTab = await connectAs(rt, a.id);
		const updates = collect<{ memberId: string; status: string }>(aTab.socket, 'presence:update');
		const bTab = await connectAs(rt, b.id);
		await sleep(150);
		expect(updates.filter((u) => u.memberId === b.id)).toEqual([]);

		const sent = await sendContactRequest({ memberId: a.id }, { memberId: b.id });
		if (sent.outcome !== 'requested') throw new Error('expected a pending request');
		await acceptContactRequest({ memberId: b.id }, { requestId: sent.requestId });
		await until(() => updates.some((u) => u.memberId === b.id && u.status === 'online'));

		// B going away reaches A without A reconnecting
		await ask(bTab.socket, 'presence:heartbeat', { state: 'idle' });
		await until(() => updates.some((u) => u.memberId === b.id && u.status === 'away'));

		await removeContact({ memberId: a.id }, { memberId: b.id });
		const seen = updates.length;
		await ask(bTab.socket, 'presence:heartbeat', { state: 'active' });
		await sleep(200);
		expect(updates.slice(seen).filter((u) => u.memberId === b.id)).toEqual([]);
		aTab.socket.disconnect();
		bTab.socket.disconnect();
	});

	it('goes away when every connection reports idle, back online on activity', async () => {
		const m = await makeMember(ctx);
		const a = await connectAs(rt, m.id);
		const b = await connectAs(rt, m.id);
		expect((await ask(a.socket, 'presence:heartbeat', { state: 'idle' })).ok).toBe(true);
		expect(status(m.id)).toBe('online');
		await ask(b.socket, 'presence:heartbeat', { state: 'idle' });
		expect(status(m.id)).toBe('away');
		await ask(a.socket, 'presence:heartbeat', { state: 'active' });
		expect(status(m.id)).toBe('online');
		setInCall(m.id, true);
		expect(status(m.id)).toBe('busy');
		setInCall(m.id, false);
		expect(status(m.id)).toBe('online');
		a.socket.disconnect();
		b.socket.disconnect();
	});

	it('reaps a connection that stopped heartbeating, and its watchers see it go offline', async () => {
		const m = await makeMember(ctx);
		const watcher = await makeMember(ctx);
		await makeContacts(watcher.id, m.id);
		// contacts are watched automatically
		const w = await connectAs(rt, watcher.id);
		const dead = await connectAs(rt, m.id);
		expect(status(m.id)).toBe('online');
		configurePresence({ staleMs: 150 });
		try {
			const offline = next(w.socket, 'presence:update', (u: { memberId: string; status: string }) => u.memberId === m.id && u.status === 'offline');
			const closed = next(dead.socket, 'disconnect');
			await sleep(200);
			// the watcher keeps heartbeating; the dead tab does not
			await ask(w.socket, 'presence:heartbeat', { state: 'active' });
			const reaped = await reapStaleConnections();
			expect(reaped).toContain(dead.socket.id);
			expect(reaped).not.toContain(w.socket.id);
			await offline;
			await closed;
			expect(status(m.id)).toBe('offline');
		} finally {
			configurePresence({ staleMs: 90_000 });
		}
	});

	it('keeps the provider availability switch across sessions (default off)', async () => {
		const provider = await makeMember(ctx, { category: 'freelance' });
		const first = await connectAs(rt, provider.id);
		expect(first.state.provider).toBe(true);
		expect(first.state.availableForCalls).toBe(false);
		expect(status(provider.id)).toBe('online');
		const reply = await ask(first.socket, 'presence:available', { available: true });
		expect(reply).toMatchObject({ ok: true, data: { availableForCalls: true, status: 'available' } });
		first.socket.disconnect();
		await until(() => status(provider.id) === 'offline');
		expect((await ctx.prisma.member.findUniqueOrThrow({ where: { id: provider.id } })).availableForCalls).toBe(true);

		const again = await connectAs(rt, provider.id);
		expect(again.state.availableForCalls).toBe(true);
		expect(status(provider.id)).toBe('available');
		expect(onlineMemberIds([provider.id], { availableOnly: true })).toEqual([provider.id]);
		await ask(again.socket, 'presence:available', { available: false });
		expect(status(provider.id)).toBe('online');
		again.socket.disconnect();
	});

	it('sends presence changes only to watchers (members and visitors without an account)', async () => {
		const provider = await makeMember(ctx, { category: 'freelance' });
		const hiddenVisitor = await makeMember(ctx, { category: 'visitor' });
		const watcher = await makeMember(ctx);
		const bystander = await makeMember(ctx);
		const w = await connectAs(rt, watcher.id);
		const b = await connectAs(rt, bystander.id);
		const anon = await connectPublic(rt);
		const bystanderUpdates = collect(b.socket, 'presence:update');
		await ask(w.socket, 'presence:watch', { ids: [provider.id] });
		const anonWatch = await ask(anon, 'presence:watch', { ids: [provider.id, hiddenVisitor.id] });
		// visitors without an account see listed providers only
		expect(Object.keys(anonWatch.data.presence)).toEqual([provider.id]);

		const p = await connectAs(rt, provider.id);
		const toWatcher = next(w.socket, 'presence:update', (u: { memberId: string; status: string }) => u.memberId === provider.id && u.status === 'available');
		const toAnon = next(anon, 'presence:update', (u: { memberId: string; status: string }) => u.memberId === provider.id && u.status === 'available');
		await ask(p.socket, 'presence:available', { available: true });
		await Promise.all([toWatcher, toAnon]);
		await sleep(150);
		expect(bystanderUpdates).toEqual([]);

		// unwatching stops the flow
		await ask(w.socket, 'presence:watch', { ids: [] });
		const after = collect(w.socket, 'presence:update');
		await ask(p.socket, 'presence:available', { available: false });
		await sleep(150);
		expect(after).toEqual([]);
		p.socket.disconnect();
	});

	it('refuses to show the presence of someone who blocked the watcher, and malformed watch lists', async () => {
		const m = await makeMember(ctx);
		const watcher = await makeMember(ctx);
		await ctx.prisma.memberBlock.create({ data: { blockerId: m.id, blockedId: watcher.id } });
		const w = await connectAs(rt, watcher.id);
		expect((await ask(w.socket, 'presence:watch', { ids: [m.id] })).data.presence).toEqual({});
		for (const bad of [null, 'x', { ids: 'x' }, { ids: ['not-a-uuid'] }, { ids: Array.from({ length: 201 }, () => m.id) }, { ids: [], extra: 1 }]) {
			const reply = await ask(w.socket, 'presence:watch', bad);
			expect(reply.ok).toBe(false);
			expect(reply.error?.message).toEqual(expect.any(String));
		}
		for (const bad of [{ state: 'sleeping' }, 42, { available: 'yes' }]) {
			expect((await ask(w.socket, 'presence:heartbeat', bad)).ok).toBe(false);
			expect((await ask(w.socket, 'presence:available', bad)).ok).toBe(false);
		}
		expect((await ctx.prisma.member.findUniqueOrThrow({ where: { id: watcher.id } })).availableForCalls).toBe(false);
		expect(w.socket.connected).toBe(true);
	});
});
