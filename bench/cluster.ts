// `npm run bench:cluster` — the same chat fan-out against 1 node (no Redis) and against 3 nodes +
// Redis in one run, figures only (nothing asserts a time).
//
// 1. a fresh embedded PostgreSQL (bench/stack.ts), members in bulk, groups and sessions through
//    the domain; Debian's redis-server on loopback (tests/helpers/redis.ts);
// 2. for each set-up, the real servers (node --import tsx server/index.ts, NODE_ENV=production),
//    the clients spread evenly over the nodes (direct connections: no load balancer in the figures);
// 3. paced chat (BENCH_RATE msg/s for BENCH_SECONDS) for latency sender → each receiver, then a
//    saturation run (BENCH_SATURATION messages, BENCH_WINDOW in flight) for throughput;
// 4. CPU time of each server process and of redis-server read from /proc around the saturation run:
//    server CPU per delivered message, Redis CPU and Redis commands per message;
// 5. presence: BENCH_WATCHERS watchers (each watching 10 of BENCH_PROVIDERS providers) spread over
//    the nodes while providers toggle "Disponible pour un appel": toggle → every watcher notified.
// Three set-ups: 1 node alone, 1 node + Redis and 3 nodes + Redis — the two Redis runs give what
// Redis costs per message and how that grows with each node reading the stream (the 10-node
// projection uses both).
// On a 2-core machine three nodes cannot be faster than one: the point is what Redis costs, and
// what a real deployment (one core per node) would carry — printed as a projection.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { io as connectClient, type Socket } from 'socket.io-client';
import { freePort } from '../server/db/embedded.ts';
import { openSession } from '../src/lib/server/auth/sessions.ts';
import { createGroup } from '../src/lib/server/chat/index.ts';
import { startRedis } from '../tests/helpers/redis.ts';
import { startBenchDatabase } from './stack.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const GROUPS = env('BENCH_GROUPS', 40);
const GROUP_SIZE = 10;
const RATE = env('BENCH_RATE', 40);
const SECONDS = env('BENCH_SECONDS', 10);
const SATURATION = env('BENCH_SATURATION', 1500);
const WINDOW = env('BENCH_WINDOW', 60);
const WATCHERS = env('BENCH_WATCHERS', 1000);
const PROVIDERS = env('BENCH_PROVIDERS', 20);
const WATCH_EACH = 10;
const TOGGLES = env('BENCH_TOGGLES', 40);
const MAX_MINUTES = env('BENCH_MAX_MINUTES', 12);
const TICK = 100; // /proc clock ticks per second on Linux

const hardStop = setTimeout(() => {
	console.error(`bench: hard stop after ${MAX_MINUTES} minutes`);
	process.exit(2);
}, MAX_MINUTES * 60_000);
hardStop.unref();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[bench] ${line}`);
const ms = (v: number) => `${v.toFixed(1)} ms`;

function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** CPU milliseconds (user + system) a process has used so far. */
function cpuMs(pid: number | undefined): number {
	if (!pid) return 0;
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICK;
	} catch {
		return 0;
	}
}

async function inBatches<T, R>(items: T[], size: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const out: R[] = [];
	for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => run(item, i + j)))));
	return out;
}

async function until(check: () => boolean, timeoutMs: number) {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end && !check()) await sleep(5);
	return check();
}

interface Figures {
	nodes: number;
	p50: number;
	p99: number;
	paced: string;
	messagesPerSec: number;
	deliveriesPerSec: number;
	delivered: number;
	expected: number;
	serverCpuPerDelivery: number;
	redisCpuPerMessage: number | null;
	redisCommandsPerMessage: number | null;
	presence: { p50: number; p99: number; measured: number; missed: number; perToggle: number };
}

type Client = { id: string; cookie: string };

function connect(url: string, cookie: string): Promise<Socket> {
	const socket = connectClient(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no session:state in time')), 60_000);
		socket.once('session:state', () => (clearTimeout(timer), resolve(socket)));
		socket.once('connect_error', (e) => (clearTimeout(timer), reject(e)));
	});
}

/** Providers toggle their availability; every watcher of each (on any node) must hear of it. */
async function presenceRun(urls: string[], providers: Client[], watchers: Client[]) {
	const providerSockets = await inBatches(providers, 20, (p, i) => connect(urls[i % urls.length]!, p.cookie));
	const watchCount = new Map<string, number>(providers.map((p) => [p.id, 0]));
	const pending = new Map<string, { status: string; left: number; t0: number; done: (ms: number) => void }>();
	const watcherSockets = await inBatches(watchers, 50, async (w, i) => {
		const socket = await connect(urls[i % urls.length]!, w.cookie);
		const ids = [...new Set(Array.from({ length: WATCH_EACH }, (_, k) => providers[(i * 13 + k * 17) % providers.length]!.id))];
		const reply = (await socket.timeout(30_000).emitWithAck('presence:watch', { ids })) as { ok: boolean; error?: { message: string } };
		if (!reply.ok) throw new Error(`watch refused: ${reply.error?.message}`);
		for (const id of ids) watchCount.set(id, watchCount.get(id)! + 1);
		socket.on('presence:update', (u: { memberId: string; status: string }) => {
			const p = pending.get(u.memberId);
			if (!p || p.status !== u.status) return;
			if (--p.left === 0) {
				pending.delete(u.memberId);
				p.done(performance.now() - p.t0);
			}
		});
		return socket;
	});
	const latencies: number[] = [];
	const state = providers.map(() => false);
	let missed = 0;
	for (let i = 0; i < TOGGLES; i++) {
		const k = i % providers.length;
		const id = providers[k]!.id;
		state[k] = !state[k];
		const status = state[k] ? 'available' : 'online';
		const notified = new Promise<number>((resolve) => pending.set(id, { status, left: watchCount.get(id)!, t0: performance.now(), done: resolve }));
		providerSockets[k]!.emit('presence:available', { available: state[k] });
		const result = await Promise.race([notified, sleep(5000).then(() => -1)]);
		if (result < 0) {
			missed++;
			pending.delete(id);
		} else latencies.push(result);
		await sleep(20);
	}
	// back to "online" for the next set-up
	for (let k = 0; k < providers.length; k++) if (state[k]) providerSockets[k]!.emit('presence:available', { available: false });
	await sleep(200);
	for (const s of [...providerSockets, ...watcherSockets]) s.disconnect();
	return {
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		measured: latencies.length,
		missed,
		perToggle: [...watchCount.values()].reduce((a, b) => a + b, 0) / providers.length
	};
}

async function startNodes(count: number, databaseUrl: string, redisUrl: string | null, dir: string) {
	const nodes: { url: string; child: ChildProcess }[] = [];
	await Promise.all(
		Array.from({ length: count }, async (_, i) => {
			const port = await freePort();
			const url = `http://127.0.0.1:${port}`;
			let output = '';
			const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'index.ts')], {
				cwd: root,
				env: {
					...process.env,
					NODE_ENV: 'production',
					PORT: String(port),
					HOST: '127.0.0.1',
					PUBLIC_URL: url,
					DATA_DIR: path.join(dir, `node${i}`),
					DATABASE_URL: databaseUrl,
					REDIS_URL: redisUrl ?? '',
					RELAIS_NODE_ID: `bench${i + 1}`,
					SEED_DEMO: 'off',
					LOG_LEVEL: 'warn',
					PRESENCE_STALE_SECONDS: '3600',
					SHUTDOWN_DRAIN_SECONDS: '0'
				},
				stdio: ['ignore', 'pipe', 'pipe']
			});
			child.stdout!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-10_000)));
			child.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-10_000)));
			const end = Date.now() + 120_000;
			for (;;) {
				if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
				if (Date.now() > end) throw new Error(`server did not start:\n${output}`);
				if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) break;
				await sleep(200);
			}
			nodes.push({ url, child });
		})
	);
	return {
		nodes,
		async stop() {
			await Promise.all(
				nodes.map(({ child }) => {
					if (child.exitCode !== null) return;
					const exited = new Promise((resolve) => child.once('exit', resolve));
					child.kill('SIGTERM');
					return Promise.race([exited, sleep(15_000)]);
				})
			);
		}
	};
}

async function run(
	count: number,
	databaseUrl: string,
	redis: { url: string; pid(): number | undefined } | null,
	dir: string,
	members: { id: string; cookie: string; group: string }[],
	presenceClients: { providers: Client[]; watchers: Client[] }
): Promise<Figures> {
	const cluster = await startNodes(count, databaseUrl, redis?.url ?? null, dir);
	log(`${count} node(s)${redis ? ' + Redis' : ''} up`);
	const latencies: number[] = [];
	let delivered = 0;
	const sockets = await inBatches(members, 50, (m, i) => {
		const socket = connectClient(cluster.nodes[i % count]!.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: m.cookie } });
		socket.on('chat:message', (message: { senderId: string; body: string }) => {
			if (message.senderId === m.id) return;
			delivered++;
			const sentAt = Number(message.body.slice(0, message.body.indexOf('|')));
			if (sentAt > 0) latencies.push(performance.now() - sentAt);
		});
		return new Promise<Socket>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('no session:state in time')), 30_000);
			socket.once('session:state', () => (clearTimeout(timer), resolve(socket)));
			socket.once('connect_error', (e) => (clearTimeout(timer), reject(e)));
		});
	});
	const recipients = GROUP_SIZE - 1;
	const pick = (i: number) => (i * 7919) % members.length;
	const send = (i: number, withTime: boolean) =>
		sockets[pick(i)]!.timeout(20_000)
			.emitWithAck('chat:send', { conversationId: members[pick(i)]!.group, clientId: randomUUID(), body: `${withTime ? performance.now() : 0}|${'x'.repeat(80)}` })
			.then((reply: { ok: boolean }) => {
				if (!reply.ok) throw new Error('send refused');
			});

	// paced
	const pacedCount = RATE * SECONDS;
	const acks: Promise<void>[] = [];
	const start = performance.now();
	for (let i = 0; i < pacedCount; i++) {
		const wait = start + (i * 1000) / RATE - performance.now();
		if (wait > 1) await sleep(wait);
		acks.push(send(i, true));
	}
	await Promise.allSettled(acks);
	await until(() => delivered >= pacedCount * recipients, 10_000);
	const paced = `${delivered}/${pacedCount * recipients}`;
	const p50 = percentile(latencies, 50);
	const p99 = percentile(latencies, 99);

	// saturation, with CPU and Redis counters around it
	delivered = 0;
	const pids = cluster.nodes.map((n) => n.child.pid);
	const cpu0 = pids.reduce<number>((sum, pid) => sum + cpuMs(pid), 0);
	const redisCpu0 = cpuMs(redis?.pid());
	const info = redis ? new Redis(redis.url) : null;
	const commands = async () => Number(/total_commands_processed:(\d+)/.exec((await info!.info('stats')) ?? '')?.[1] ?? 0);
	const commands0 = info ? await commands() : 0;
	const t0 = performance.now();
	let next = 0;
	await Promise.all(
		Array.from({ length: WINDOW }, async () => {
			while (next < SATURATION) await send(pacedCount + next++, false).catch(() => {});
		})
	);
	await until(() => delivered >= SATURATION * recipients, 20_000);
	const elapsed = performance.now() - t0;
	const serverCpu = pids.reduce<number>((sum, pid) => sum + cpuMs(pid), 0) - cpu0;
	const redisCpu = redis ? cpuMs(redis.pid()) - redisCpu0 : null;
	const redisCommands = info ? (await commands()) - commands0 : null;
	info?.disconnect();
	for (const s of sockets) s.disconnect();
	const presence = await presenceRun(
		cluster.nodes.map((n) => n.url),
		presenceClients.providers,
		presenceClients.watchers
	);
	log(`presence on ${count} node(s) done`);
	await cluster.stop();
	return {
		presence,
		nodes: count,
		p50,
		p99,
		paced,
		messagesPerSec: (SATURATION / elapsed) * 1000,
		deliveriesPerSec: (delivered / elapsed) * 1000,
		delivered,
		expected: SATURATION * recipients,
		serverCpuPerDelivery: serverCpu / Math.max(1, delivered),
		redisCpuPerMessage: redisCpu === null ? null : redisCpu / SATURATION,
		redisCommandsPerMessage: redisCommands === null ? null : redisCommands / SATURATION
	};
}

async function main() {
	const stack = await startBenchDatabase('cluster', { maxConnections: 20, env: { NODE_ENV: 'production', PUBLIC_URL: 'http://127.0.0.1:1' } });
	const redis = await startRedis();
	try {
		const chatters = Array.from({ length: GROUPS * GROUP_SIZE }, (_, i) => ({
			id: randomUUID(),
			email: `cluster.${i}@bench.relais`,
			firstName: 'cluster',
			lastName: String(i),
			slug: `cluster-${i}`,
			status: 'active' as const,
			category: 'visitor' as const,
			visibleInDirectory: true
		}));
		await stack.db.member.createMany({ data: chatters });
		const contacts: { ownerId: string; otherId: string }[] = [];
		for (let g = 0; g < GROUPS; g++) {
			for (let k = 1; k < GROUP_SIZE; k++) {
				const [a, b] = [chatters[g * GROUP_SIZE]!.id, chatters[g * GROUP_SIZE + k]!.id];
				contacts.push({ ownerId: a, otherId: b }, { ownerId: b, otherId: a });
			}
		}
		await stack.db.contact.createMany({ data: contacts });
		const groups = await inBatches(Array.from({ length: GROUPS }, (_, g) => g), 10, async (g) =>
			(await createGroup({ memberId: chatters[g * GROUP_SIZE]!.id }, { name: `Groupe ${g}`, memberIds: chatters.slice(g * GROUP_SIZE + 1, (g + 1) * GROUP_SIZE).map((m) => m.id) })).conversationId
		);
		const members = await inBatches(chatters, 50, async (m, i) => ({ id: m.id, cookie: `relais_session=${(await openSession(m.id, { userAgent: 'bench' })).secret}`, group: groups[Math.floor(i / GROUP_SIZE)]! }));
		log(`${members.length} members in ${GROUPS} groups`);

		// presence: providers (freelances) and watchers, sessions opened once for the three set-ups
		const people = (prefix: string, n: number, category: 'freelance' | 'visitor') =>
			Array.from({ length: n }, (_, i) => ({ id: randomUUID(), email: `${prefix}.${i}@bench.relais`, firstName: prefix, lastName: String(i), slug: `${prefix}-${i}`, status: 'active' as const, category, visibleInDirectory: true }));
		const providerRows = people('cluster-provider', PROVIDERS, 'freelance');
		const watcherRows = people('cluster-watcher', WATCHERS, 'visitor');
		for (const rows of [providerRows, watcherRows]) for (let i = 0; i < rows.length; i += 2000) await stack.db.member.createMany({ data: rows.slice(i, i + 2000) });
		const sessionOf = async (m: { id: string }) => ({ id: m.id, cookie: `relais_session=${(await openSession(m.id, { userAgent: 'bench' })).secret}` });
		const presenceClients = { providers: await inBatches(providerRows, 50, sessionOf), watchers: await inBatches(watcherRows, 50, sessionOf) };
		log(`${PROVIDERS} providers and ${WATCHERS} watchers`);

		const one = await run(1, stack.url, null, stack.dir, members, presenceClients);
		const oneRedis = await run(1, stack.url, redis, stack.dir, members, presenceClients);
		const three = await run(3, stack.url, redis, stack.dir, members, presenceClients);

		console.log('');
		console.log(`Relais cluster bench — ${os.cpus().length} CPU(s), Node ${process.version}; servers, PostgreSQL, Redis and the clients on one machine`);
		console.log(`(a) chat fan-out: ${GROUPS} groups of ${GROUP_SIZE} (${members.length} clients spread over the nodes); paced ${RATE} msg/s for ${SECONDS} s, then ${SATURATION} messages with ${WINDOW} in flight`);
		const row = (label: string, f: Figures) =>
			console.log(
				`  ${label.padEnd(18)} p50 ${ms(f.p50).padStart(8)}  p99 ${ms(f.p99).padStart(8)}  paced ${f.paced}  | ${f.messagesPerSec.toFixed(0).padStart(4)} msg/s, ${f.deliveriesPerSec.toFixed(0).padStart(5)} deliveries/s (${f.delivered}/${f.expected})` +
					`  | server CPU ${(f.serverCpuPerDelivery * 1000).toFixed(1)} µs per delivery` +
					(f.redisCpuPerMessage === null ? '' : `  | Redis ${(f.redisCpuPerMessage * 1000).toFixed(0)} µs CPU, ${f.redisCommandsPerMessage!.toFixed(1)} commands per message`)
			);
		row('1 node', one);
		row('1 node + Redis', oneRedis);
		row('3 nodes + Redis', three);
		console.log(
			`  ratios 3 nodes + Redis / 1 node: throughput ${(three.messagesPerSec / one.messagesPerSec).toFixed(2)}×, p99 ${(three.p99 / one.p99).toFixed(2)}×, server CPU per delivery ${(three.serverCpuPerDelivery / one.serverCpuPerDelivery).toFixed(2)}×` +
				` (on ${os.cpus().length} shared cores three nodes cannot be faster than one: they share the same cores with PostgreSQL, Redis and the clients)`
		);
		// what Redis adds per message: its own CPU, and the nodes' extra CPU (publishing to and reading the stream)
		const perMessage = (f: Figures) => f.serverCpuPerDelivery * (GROUP_SIZE - 1); // server ms per message, all nodes together
		console.log(
			`  Redis' cost per message: ${((oneRedis.redisCpuPerMessage ?? 0) * 1000).toFixed(0)} µs of Redis CPU with 1 node, ${((three.redisCpuPerMessage ?? 0) * 1000).toFixed(0)} µs with 3;` +
				` the nodes' own CPU per message ${(perMessage(one) * 1000).toFixed(0)} µs alone → ${(perMessage(oneRedis) * 1000).toFixed(0)} µs with Redis (1 node) → ${(perMessage(three) * 1000).toFixed(0)} µs (3 nodes together)`
		);
		console.log(`(b) presence: ${WATCHERS} watchers (each watching ${WATCH_EACH} of ${PROVIDERS} providers, ~${one.presence.perToggle.toFixed(0)} per provider) spread over the nodes, ${TOGGLES} toggles`);
		for (const [label, f] of [['1 node', one], ['1 node + Redis', oneRedis], ['3 nodes + Redis', three]] as const)
			console.log(`  ${label.padEnd(18)} toggle → all watchers notified: p50 ${ms(f.presence.p50)}, p99 ${ms(f.presence.p99)}; ${f.presence.measured} measured, ${f.presence.missed} incomplete after 5 s`);
		console.log(`  ratio 3 nodes + Redis / 1 node: p99 ${(three.presence.p99 / one.presence.p99).toFixed(2)}×`);

		// on paper: ten nodes of one core each, PostgreSQL and Redis on machines of their own. Both
		// costs per message grow with the number of nodes N (each node reads every message from the
		// stream): fitted as a + b·N from the 1-node and 3-node runs with Redis.
		const fit = (at1: number, at3: number) => {
			const b = Math.max(0, (at3 - at1) / 2);
			return { a: Math.max(0, at1 - b), b, at: (n: number) => Math.max(0, at1 - b) + b * n };
		};
		const nodesCpu = fit(perMessage(oneRedis), perMessage(three));
		const redisCpu = fit(oneRedis.redisCpuPerMessage ?? 0, three.redisCpuPerMessage ?? 0);
		const N = 10;
		const byNodes = (N * 1000) / nodesCpu.at(N); // messages/s that N cores of nodes can carry
		const byRedis = redisCpu.at(N) > 0 ? 1000 / redisCpu.at(N) : Infinity; // messages/s one Redis core can carry
		const carried = Math.min(byNodes, byRedis);
		console.log('');
		console.log(`On paper, ${N} nodes of one core each (PostgreSQL and Redis on machines of their own), groups of ${GROUP_SIZE}:`);
		console.log(
			`  nodes: ${(nodesCpu.a * 1000).toFixed(0)} + ${(nodesCpu.b * 1000).toFixed(0)}·N µs of CPU per message → ${(nodesCpu.at(N) * 1000).toFixed(0)} µs at N = ${N}: ~${byNodes.toFixed(0)} messages/s (${(byNodes * (GROUP_SIZE - 1)).toFixed(0)} deliveries/s)`
		);
		console.log(
			`  Redis: ${(redisCpu.a * 1000).toFixed(0)} + ${(redisCpu.b * 1000).toFixed(0)}·N µs per message → ${(redisCpu.at(N) * 1000).toFixed(0)} µs at N = ${N}: one Redis core caps near ${byRedis.toFixed(0)} messages/s`
		);
		console.log(
			`  → about ${carried.toFixed(0)} messages/s (${(carried * (GROUP_SIZE - 1)).toFixed(0)} deliveries/s), bound by ${byRedis < byNodes ? 'Redis' : 'the nodes’ CPU'}; PostgreSQL's share (one group-committed INSERT per batch of messages) is the same as with one node.` +
				` Figures measured on a shared 2-core machine (contention inflates the 3-node costs): an estimate, not a promise.`
		);
		console.log('');
	} finally {
		await redis.stop();
		await stack.stop();
	}
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(`bench failed: ${error.stack ?? error.message}`);
		process.exit(1);
	}
);
