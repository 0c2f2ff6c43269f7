import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisMissing, startRedis, type TestRedis } from '../helpers/redis.ts';
import { connectLiveRedis, type LiveRedis } from '../../src/lib/server/live/index.ts';
import { RedisPresence, type PresenceChange } from '../../src/lib/server/presence/redis-store.ts';
import { SharedMemberLimits } from '../../server/realtime/limits.ts';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { ask, collect, connectAs, makeContacts, makeMember, next, startRealtime, until, type Realtime } from '../helpers/realtime.ts';
import { configurePresence, presenceOf, resetPresenceRegistry, setAvailability, startSharedPresence, stopSharedPresence } from '../../src/lib/server/presence/index.ts';
import { resetCalls } from '../../src/lib/server/rooms/index.ts';
import { openDirect } from '../../src/lib/server/chat/index.ts';

/**
 * The live state shared by several nodes, against a real redis-server on loopback (started by the
 * test; skipped with the reason when Debian's redis-server is missing): presence aggregated over
 * the connections of two nodes and cleaned when a node dies, the atomic "one rings, the other is
 * busy", per-member socket limits shared by the nodes, and a whole node on the Redis adapter.
 */
if (redisMissing) console.warn(`live-redis tests skipped: ${redisMissing}`);

let redis: TestRedis;
const opened: LiveRedis[] = [];

beforeAll(async () => {
	if (!redisMissing) redis = await startRedis();
}, 30_000);

afterAll(async () => {
	for (const live of opened) await live.close();
	await redis?.stop();
});

async function node(name: string) {
	const live = await connectLiveRedis(redis.url, { nodeId: name });
	opened.push(live);
	const changes: PresenceChange[] = [];
	const store = new RedisPresence(live, { staleMs: () => 60_000, onChange: (c) => changes.push(c), log: () => {} });
	await store.start();
	return { live, store, changes };
}

describe.skipIf(!!redisMissing)('presence in Redis, over two nodes', () => {
	it('aggregates a member over both nodes, every mirror follows, and a dead node leaves no ghost', async () => {
		const a = await node('test-a');
		const b = await node('test-b');
		await a.store.tickNodes(60_000);
		await b.store.tickNodes(60_000);
		const m = crypto.randomUUID();
		expect(await a.store.connect(m, 'conn-a1', true)).toBe('available');
		expect(a.changes).toEqual([{ memberId: m, status: 'available', availableForCalls: true }]);
		await until(() => b.store.status(m) === 'available');
		expect(await b.store.connect(m, 'conn-b1', true)).toBe('available');
		// nothing changed: nobody is told
		expect(b.changes).toEqual([]);

		// idle on one tab, active on the other: still available; idle on both: away
		await a.store.beat('conn-a1', true);
		expect(b.store.status(m)).toBe('available');
		expect(await b.store.beat('conn-b1', true)).toBe('away');
		await until(() => a.store.status(m) === 'away');
		await b.store.beat('conn-b1', false);

		// node b dies (no clean leave): its alive key expires, node a's tick cleans its connections
		await b.live.client.del('relais:p:alive:test-b');
		expect(await a.store.tickNodes(60_000)).toEqual(['test-b']);
		expect(a.store.status(m)).toBe('away');
		// the last connection goes: offline everywhere
		await a.store.disconnect('conn-a1');
		expect(a.store.status(m)).toBe('offline');
		expect(await a.live.client.hget('relais:p:status', m)).toBeNull();
		expect(await a.live.client.exists(`relais:p:m:${m}`, 'relais:p:n:test-b', 'relais:p:alive:test-b')).toBe(0);
		a.store.stop();
		b.store.stop();
	});

	it('rings one of two callers who call the same provider at the same instant; the other is told busy', async () => {
		const a = await node('ring-a');
		const b = await node('ring-b');
		await a.store.tickNodes(60_000);
		await b.store.tickNodes(60_000);
		const provider = crypto.randomUUID();
		const [first, second] = await Promise.all([
			a.store.holdPair(crypto.randomUUID(), provider, 'call:1'),
			b.store.holdPair(crypto.randomUUID(), provider, 'call:2')
		]);
		expect([first, second].sort()).toEqual(['ok', 'provider_busy']);
		expect(await a.store.isBusy(provider)).toBe(true);
		// the holds of a node that dies go with it
		const winner = first === 'ok' ? a : b;
		const other = winner === a ? b : a;
		await other.store.tickNodes(60_000);
		await winner.live.client.del(`relais:p:alive:${winner.store.nodeId}`);
		await other.store.tickNodes(60_000);
		expect(await other.store.isBusy(provider)).toBe(false);
		a.store.stop();
		b.store.stop();
	});
});

describe.skipIf(!!redisMissing)('socket rate limits in Redis', () => {
	it('give a member one allowance across nodes, not one per node', async () => {
		const a = await node('rl-a');
		const b = await node('rl-b');
		const limitsA = new SharedMemberLimits(a.live.client);
		const limitsB = new SharedMemberLimits(b.live.client);
		const member = crypto.randomUUID();
		// 'message': 30 per member and window, whichever node takes them
		const results = [];
		for (let i = 0; i < 30; i++) results.push(await (i % 2 ? limitsA : limitsB).take(member, 'message'));
		expect(results.every((r) => r.ok)).toBe(true);
		const refused = await limitsA.take(member, 'message');
		expect(refused.ok).toBe(false);
		expect(refused.retryMs).toBeGreaterThan(0);
		expect((await limitsB.take(member, 'message')).ok).toBe(false);
		a.store.stop();
		b.store.stop();
	});
});

describe.skipIf(!!redisMissing)('a node on the Redis adapter', () => {
	let ctx: TestContext;
	let rt: Realtime;
	let live: LiveRedis;
	beforeAll(async () => {
		ctx = await useTestContext();
		resetPresenceRegistry();
		resetCalls();
		configurePresence({ staleMs: 60_000 });
		live = await connectLiveRedis(redis.url, { nodeId: 'adapter-node' });
		await startSharedPresence(live);
		rt = await startRealtime(ctx);
	});
	afterAll(async () => {
		await rt?.close();
		await stopSharedPresence();
		await live?.close();
		resetCalls();
		await ctx?.close();
	});

	it('carries chat, presence and a call, with presence and ringing state in Redis', async () => {
		const provider = await makeMember(ctx);
		const caller = await makeMember(ctx);
		const other = await makeMember(ctx);
		await makeContacts(provider.id, caller.id);
		const p = await connectAs(rt, provider.id);
		const c = await connectAs(rt, caller.id);
		const o = await connectAs(rt, other.id);
		expect(presenceOf([provider.id, caller.id])).toEqual({ [provider.id]: 'online', [caller.id]: 'online' });
		expect(await live.client.hget('relais:p:status', provider.id)).toBe('online|0');

		// chat through the adapter
		const { conversationId } = await openDirect({ memberId: caller.id }, { memberId: provider.id });
		const received = next(p.socket, 'chat:message');
		const sent = await ask(c.socket, 'chat:send', { conversationId, clientId: crypto.randomUUID(), body: 'Bonjour, êtes-vous disponible ?' });
		expect(sent).toMatchObject({ ok: true });
		expect((await received).body).toBe('Bonjour, êtes-vous disponible ?');

		// the provider switches on "Disponible pour un appel": the contact sees it
		const update = next(c.socket, 'presence:update', (u) => u.memberId === provider.id && u.status === 'available');
		await setAvailability({ memberId: provider.id }, { available: true });
		await update;

		// two callers at once: one rings, the other is told busy
		await makeContacts(provider.id, other.id);
		const incoming = collect(p.socket, 'call:incoming');
		const [one, two] = await Promise.all([ask(c.socket, 'call:start', { providerId: provider.id }), ask(o.socket, 'call:start', { providerId: provider.id })]);
		const replies = [one, two];
		expect(replies.filter((r) => r.ok)).toHaveLength(1);
		expect(replies.find((r) => !r.ok)!.error!.code).toBe('forbidden');
		await until(() => incoming.length === 1);
		expect(presenceOf([provider.id])[provider.id]).toBe('busy');
		const callId = replies.find((r) => r.ok)!.data.callId;
		const ended = next(p.socket, 'call:ended');
		expect(await ask(p.socket, 'call:decline', { callId })).toMatchObject({ ok: true });
		expect((await ended).reason).toBe('declined');
		await until(() => presenceOf([provider.id])[provider.id] === 'available');
		// a second answer to the same call finds nothing
		expect((await ask(p.socket, 'call:accept', { callId })).error!.code).toBe('not_found');

		// the last tab goes: offline in Redis too
		p.socket.disconnect();
		await until(async () => (await live.client.hget('relais:p:status', provider.id)) === null);
		expect(presenceOf([provider.id])[provider.id]).toBe('offline');
	});
});
