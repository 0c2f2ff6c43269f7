// `npm run bench:realtime` — the realtime layer under load, figures only (nothing asserts a time).
//
// 1. a fresh embedded PostgreSQL in a temporary DATA_DIR, migrated like production; members
//    inserted in bulk, groups created and sessions opened through the domain (not the UI);
// 2. the real server (node --import tsx server/index.ts, SEED_DEMO=off) on loopback;
// 3. from this second process, real socket.io clients (websocket transport):
//    (a) chat fan-out: 1 000 clients in 100 groups of 10; 50 messages/s for BENCH_SECONDS
//        (end-to-end latency sender → each of the 9 receivers), then a saturation run
//        (BENCH_SATURATION messages, BENCH_WINDOW in flight) for throughput;
//    (b) presence: 5 000 connected watchers (each watching 10 of 50 providers, like a directory
//        page) while providers toggle "Disponible pour un appel": toggle → all watchers notified;
//    (c) baseline: a bare `ws` server (child process, no persistence, no auth, no validation)
//        doing the same fan-out with the same clients and pacing.
// During each saturation run the server process's own CPU time is read from /proc (user + system),
// so that the clients sharing the machine's cores do not hide the server's cost per message.
// Bounded in time and count: every wait has a deadline, the whole run a hard stop (BENCH_MAX_MINUTES).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { io as connectClient, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { freePort } from '../server/db/embedded.ts';
import { openSession } from '../src/lib/server/auth/sessions.ts';
import { createGroup } from '../src/lib/server/chat/index.ts';
import { startBenchDatabase } from './stack.ts';
import { connectProfiler, inspectorUrl, summarize } from './profile.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const GROUPS = env('BENCH_GROUPS', 100);
const GROUP_SIZE = 10;
const RATE = env('BENCH_RATE', 50);
const SECONDS = env('BENCH_SECONDS', 20);
const SATURATION = env('BENCH_SATURATION', 3000);
const WINDOW = env('BENCH_WINDOW', 100);
const WATCHERS = env('BENCH_WATCHERS', 5000);
const PROVIDERS = env('BENCH_PROVIDERS', 50);
const WATCH_EACH = 10;
const TOGGLES = env('BENCH_TOGGLES', 100);
const MAX_MINUTES = env('BENCH_MAX_MINUTES', 15);
/** a file: the server's CPU profile during the chat saturation run is written there and summarized */
const PROFILE = process.env.BENCH_PROFILE;

const hardStop = setTimeout(() => {
	console.error(`bench: hard stop after ${MAX_MINUTES} minutes`);
	process.exit(2);
}, MAX_MINUTES * 60_000);
hardStop.unref();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[bench] ${line}`);

function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const ms = (v: number) => `${v.toFixed(1)} ms`;

/** CPU milliseconds a process has used so far, from /proc (100 ticks a second), split: user space
 *  (JavaScript, V8) and kernel (socket system calls, loopback TCP). */
function cpuSplit(pid: number | undefined): { user: number; system: number } {
	if (!pid) return { user: 0, system: 0 };
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
	} catch {
		return { user: 0, system: 0 };
	}
}

async function inBatches<T, R>(items: T[], size: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const out: R[] = [];
	for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => run(item, i + j)))));
	return out;
}

async function until(check: () => boolean, timeoutMs: number, stepMs = 5): Promise<boolean> {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		if (check()) return true;
		await sleep(stepMs);
	}
	return check();
}

/** Paced sending: `count` sends spread at `rate` per second, drift-corrected. */
async function paced(count: number, rate: number, send: (i: number) => void) {
	const start = performance.now();
	for (let i = 0; i < count; i++) {
		const due = start + (i * 1000) / rate;
		const wait = due - performance.now();
		if (wait > 1) await sleep(wait);
		send(i);
	}
}

/** At most `window` sends in flight until `count` are done; resolves with the elapsed ms. */
async function saturate(count: number, window: number, send: (i: number) => Promise<void>) {
	const start = performance.now();
	let next = 0;
	const lanes = Array.from({ length: Math.min(window, count) }, async () => {
		while (next < count) await send(next++);
	});
	await Promise.all(lanes);
	return performance.now() - start;
}

// ---------------------------------------------------------------------------------------------

interface ChatFigures {
	p50: number;
	p99: number;
	pacedDelivered: number;
	pacedExpected: number;
	satMessagesPerSec: number;
	satDeliveriesPerSec: number;
	satDelivered: number;
	satExpected: number;
	/** the server process's CPU time during the saturation run */
	satServerCpuMs: number;
	/** of which in the kernel (system time) */
	satServerSysMs: number;
}

const BODY_PAD = 'x'.repeat(80);

/**
 * Diagnostics around a saturation run (off by default): BENCH_STRACE=1 counts the server's system
 * calls (strace -c); BENCH_PERF=<file> samples it with `perf record -g` (the servers then run with
 * --perf-basic-prof, so JavaScript frames have names: `perf report -i <file>.<pid>`).
 */
async function observe(pid: number | undefined) {
	const tool = process.env.BENCH_STRACE
		? spawn('strace', ['-c', '-f', '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] })
		: process.env.BENCH_PERF
			? spawn('perf', ['record', '-F', '1999', '-g', '-p', String(pid), '-o', `${process.env.BENCH_PERF}.${pid}`], { stdio: ['ignore', 'ignore', 'pipe'] })
			: null;
	let out = '';
	tool?.stderr!.on('data', (c: Buffer) => (out += c.toString()));
	if (tool) await sleep(1000);
	return {
		async stop() {
			if (!tool) return;
			tool.kill('SIGINT');
			await new Promise((resolve) => tool.once('exit', resolve));
			log(`${process.env.BENCH_STRACE ? 'strace -c' : `perf record (${process.env.BENCH_PERF}.${pid})`} of pid ${pid} during saturation:\n${out.slice(-3000)}`);
		}
	};
}

type Profiler = Awaited<ReturnType<typeof connectProfiler>>;

async function chatWithSocketIo(
	url: string,
	members: { id: string; cookie: string; group: string }[],
	serverPid: number | undefined,
	profiler: Profiler | null,
	commits: () => Promise<number>
): Promise<ChatFigures & { satCommits: number }> {
	const latencies: number[] = [];
	let delivered = 0;
	const sockets = await inBatches(members, 100, (m) => {
		const socket = connectClient(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: m.cookie } });
		socket.on('chat:message', (message: { senderId: string; body: string }) => {
			if (message.senderId === m.id) return;
			delivered++;
			const sentAt = Number(message.body.slice(0, message.body.indexOf('|')));
			if (sentAt > 0) latencies.push(performance.now() - sentAt);
		});
		return new Promise<Socket>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('socket.io client did not get session:state in time')), 30_000);
			socket.once('session:state', () => (clearTimeout(timer), resolve(socket)));
			socket.once('connect_error', (e) => (clearTimeout(timer), reject(e)));
		});
	});
	log(`socket.io: ${sockets.length} chat clients connected`);
	const recipients = GROUP_SIZE - 1;
	const pick = (i: number) => (i * 7919) % members.length;
	const send = (i: number, withTime: boolean) =>
		sockets[pick(i)]!.timeout(20_000)
			.emitWithAck('chat:send', { conversationId: members[pick(i)]!.group, clientId: randomUUID(), body: `${withTime ? performance.now() : 0}|${BODY_PAD}` })
			.then((reply: { ok: boolean; error?: { message: string } }) => {
				if (!reply.ok) throw new Error(`send refused: ${reply.error?.message}`);
			});

	const pacedCount = RATE * SECONDS;
	const acks: Promise<void>[] = [];
	await paced(pacedCount, RATE, (i) => acks.push(send(i, true)));
	await Promise.allSettled(acks);
	await until(() => delivered >= pacedCount * recipients, 10_000);
	const pacedDelivered = delivered;
	const p50 = percentile(latencies, 50);
	const p99 = percentile(latencies, 99);

	delivered = 0;
	await profiler?.start();
	const observer = await observe(serverPid);
	const commits0 = await commits();
	const cpu0 = cpuSplit(serverPid);
	const elapsed = await saturate(SATURATION, WINDOW, (i) => send(pacedCount + i, false).catch(() => {}));
	await until(() => delivered >= SATURATION * recipients, 20_000);
	const cpu1 = cpuSplit(serverPid);
	const satServerCpuMs = cpu1.user + cpu1.system - cpu0.user - cpu0.system;
	const satServerSysMs = cpu1.system - cpu0.system;
	await observer.stop();
	if (profiler && PROFILE) {
		const profile = await profiler.stop(PROFILE);
		log(`server CPU profile of the saturation run written to ${PROFILE}\n${summarize(profile, 25)}`);
	}
	const satElapsed = elapsed;
	await sleep(1500); // PostgreSQL publishes its counters about once a second
	const satCommits = (await commits()) - commits0;
	const figures = {
		satCommits,
		p50,
		p99,
		pacedDelivered,
		pacedExpected: pacedCount * recipients,
		satMessagesPerSec: (SATURATION / satElapsed) * 1000,
		satDeliveriesPerSec: (delivered / satElapsed) * 1000,
		satDelivered: delivered,
		satExpected: SATURATION * recipients,
		satServerCpuMs,
		satServerSysMs
	};
	for (const s of sockets) s.disconnect();
	return figures;
}

async function presenceWithSocketIo(url: string, providers: { id: string; cookie: string }[], watchers: { cookie: string }[]) {
	const providerSockets = await inBatches(providers, 50, (p) => connectMember(url, p.cookie));
	const watchCount = new Map<string, number>(providers.map((p) => [p.id, 0]));
	const pending = new Map<string, { status: string; left: number; t0: number; done: (ms: number) => void }>();
	const watcherSockets = await inBatches(watchers, 100, async (w, i) => {
		const socket = await connectMember(url, w.cookie);
		const ids = Array.from({ length: WATCH_EACH }, (_, k) => providers[(i * 13 + k * 17) % providers.length]!.id);
		const unique = [...new Set(ids)];
		const reply = (await socket.timeout(30_000).emitWithAck('presence:watch', { ids: unique })) as { ok: boolean; error?: { message: string } };
		if (!reply.ok) throw new Error(`watch refused: ${reply.error?.message}`);
		for (const id of unique) watchCount.set(id, watchCount.get(id)! + 1);
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
	log(`socket.io: ${watcherSockets.length} watchers + ${providerSockets.length} providers connected`);
	const latencies: number[] = [];
	const state = providers.map(() => false);
	let missed = 0;
	for (let i = 0; i < TOGGLES; i++) {
		const k = i % providers.length;
		const id = providers[k]!.id;
		state[k] = !state[k];
		const status = state[k] ? 'available' : 'online';
		const notified = new Promise<number>((resolve) => pending.set(id, { status, left: watchCount.get(id)!, t0: performance.now(), done: resolve }));
		void providerSockets[k]!.emit('presence:available', { available: state[k] });
		const result = await Promise.race([notified, sleep(5000).then(() => -1)]);
		if (result < 0) {
			missed++;
			pending.delete(id);
		} else latencies.push(result);
		await sleep(20);
	}
	const perToggle = [...watchCount.values()].reduce((a, b) => a + b, 0) / providers.length;
	for (const s of [...providerSockets, ...watcherSockets]) s.disconnect();
	return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), toggles: latencies.length, missed, watchersPerProvider: perToggle };
}

function connectMember(url: string, cookie: string): Promise<Socket> {
	const socket = connectClient(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no session:state in time')), 60_000);
		socket.once('session:state', () => (clearTimeout(timer), resolve(socket)));
		socket.once('connect_error', (e) => (clearTimeout(timer), reject(e)));
	});
}

// --- (c) the bare ws baseline: same fan-out, no persistence, no auth, no validation -------------
const BARE_SERVER = `
import { WebSocketServer } from 'ws';
const groups = new Map();
const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.argv[1]) });
wss.on('connection', (ws) => {
	let group = null;
	ws.on('message', (data) => {
		const m = JSON.parse(String(data));
		if (m.type === 'join') { group = m.group; if (!groups.has(group)) groups.set(group, new Set()); groups.get(group).add(ws); return; }
		if (m.type === 'send') {
			const out = JSON.stringify({ type: 'message', message: { id: m.clientId, conversationId: group, senderId: m.senderId, body: m.body, createdAt: new Date().toISOString() } });
			for (const peer of groups.get(group) ?? []) if (peer !== ws) peer.send(out);
			ws.send(JSON.stringify({ type: 'ack', clientId: m.clientId }));
		}
	});
	ws.on('close', () => group && groups.get(group)?.delete(ws));
});
wss.on('listening', () => console.log('bare ws listening'));
`;

async function chatWithBareWs(port: number, members: { id: string; group: string }[], serverPid: number | undefined): Promise<ChatFigures> {
	const latencies: number[] = [];
	let delivered = 0;
	const waiting = new Map<string, () => void>();
	const sockets = await inBatches(members, 100, (m) => {
		const ws = new WebSocket(`ws://127.0.0.1:${port}`);
		ws.on('message', (data) => {
			const frame = JSON.parse(String(data)) as { type: string; clientId?: string; message?: { body: string } };
			if (frame.type === 'ack') {
				waiting.get(frame.clientId!)?.();
				waiting.delete(frame.clientId!);
				return;
			}
			delivered++;
			const body = frame.message!.body;
			const sentAt = Number(body.slice(0, body.indexOf('|')));
			if (sentAt > 0) latencies.push(performance.now() - sentAt);
		});
		return new Promise<WebSocket>((resolve, reject) => {
			ws.once('open', () => {
				ws.send(JSON.stringify({ type: 'join', group: m.group }));
				resolve(ws);
			});
			ws.once('error', reject);
		});
	});
	await sleep(500);
	const recipients = GROUP_SIZE - 1;
	const pick = (i: number) => (i * 7919) % members.length;
	const send = (i: number, withTime: boolean) =>
		new Promise<void>((resolve) => {
			const clientId = randomUUID();
			waiting.set(clientId, resolve);
			sockets[pick(i)]!.send(JSON.stringify({ type: 'send', clientId, senderId: members[pick(i)]!.id, body: `${withTime ? performance.now() : 0}|${BODY_PAD}` }));
		});
	const pacedCount = RATE * SECONDS;
	const acks: Promise<void>[] = [];
	await paced(pacedCount, RATE, (i) => acks.push(send(i, true)));
	await Promise.all(acks);
	await until(() => delivered >= pacedCount * recipients, 10_000);
	const pacedDelivered = delivered;
	const p50 = percentile(latencies, 50);
	const p99 = percentile(latencies, 99);
	delivered = 0;
	const observer = await observe(serverPid);
	const cpu0 = cpuSplit(serverPid);
	const elapsed = await saturate(SATURATION, WINDOW, (i) => send(pacedCount + i, false));
	await until(() => delivered >= SATURATION * recipients, 20_000);
	const cpu1 = cpuSplit(serverPid);
	const satServerCpuMs = cpu1.user + cpu1.system - cpu0.user - cpu0.system;
	const satServerSysMs = cpu1.system - cpu0.system;
	await observer.stop();
	for (const s of sockets) s.close();
	return {
		p50,
		p99,
		pacedDelivered,
		pacedExpected: pacedCount * recipients,
		satMessagesPerSec: (SATURATION / elapsed) * 1000,
		satDeliveriesPerSec: (delivered / elapsed) * 1000,
		satDelivered: delivered,
		satExpected: SATURATION * recipients,
		satServerCpuMs,
		satServerSysMs
	};
}

// ---------------------------------------------------------------------------------------------

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
	const end = Date.now() + 120_000;
	while (Date.now() < end) {
		if (child.exitCode !== null) throw new Error(`server exited:\n${output()}`);
		try {
			if ((await fetch(`${url}/healthz`)).ok) return;
		} catch {
			// not yet
		}
		await sleep(200);
	}
	throw new Error(`server did not start:\n${output()}`);
}

async function main() {
	const children: ChildProcess[] = [];
	const stack = await startBenchDatabase('realtime', { maxConnections: 20, env: { NODE_ENV: 'production', PUBLIC_URL: 'http://127.0.0.1:1' } });
	const { dir, url, db } = stack;
	try {
		// members in bulk; groups and sessions through the domain
		const t0 = performance.now();
		const make = (prefix: string, n: number, category: 'freelance' | 'visitor') =>
			Array.from({ length: n }, (_, i) => ({
				id: randomUUID(),
				email: `${prefix}.${i}@bench.relais`,
				firstName: prefix,
				lastName: String(i),
				slug: `${prefix}-${i}`,
				status: 'active' as const,
				category,
				visibleInDirectory: true
			}));
		const chatters = make('chat', GROUPS * GROUP_SIZE, 'visitor');
		const providers = make('provider', PROVIDERS, 'freelance');
		const watchers = make('watcher', WATCHERS, 'visitor');
		for (const rows of [chatters, providers, watchers]) for (let i = 0; i < rows.length; i += 2000) await db.member.createMany({ data: rows.slice(i, i + 2000) });
		const contacts: { ownerId: string; otherId: string }[] = [];
		for (let g = 0; g < GROUPS; g++) {
			const creator = chatters[g * GROUP_SIZE]!.id;
			for (let k = 1; k < GROUP_SIZE; k++) {
				const other = chatters[g * GROUP_SIZE + k]!.id;
				contacts.push({ ownerId: creator, otherId: other }, { ownerId: other, otherId: creator });
			}
		}
		await db.contact.createMany({ data: contacts });
		const groupIds = await inBatches(
			Array.from({ length: GROUPS }, (_, g) => g),
			20,
			async (g) =>
				(
					await createGroup(
						{ memberId: chatters[g * GROUP_SIZE]!.id },
						{ name: `Groupe ${g}`, memberIds: chatters.slice(g * GROUP_SIZE + 1, (g + 1) * GROUP_SIZE).map((m) => m.id) }
					)
				).conversationId
		);
		const cookieOf = async (memberId: string) => `relais_session=${(await openSession(memberId, { userAgent: 'bench' })).secret}`;
		const chatClients = await inBatches(chatters, 50, async (m, i) => ({ id: m.id, cookie: await cookieOf(m.id), group: groupIds[Math.floor(i / GROUP_SIZE)]! }));
		const providerClients = await inBatches(providers, 50, async (m) => ({ id: m.id, cookie: await cookieOf(m.id) }));
		const watcherClients = await inBatches(watchers, 50, async (m) => ({ cookie: await cookieOf(m.id) }));
		log(`data: ${chatters.length + providers.length + watchers.length} members, ${GROUPS} groups, sessions opened (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

		// the real server
		const port = await freePort();
		const serverUrl = `http://127.0.0.1:${port}`;
		let output = '';
		const server = spawn(process.execPath, [...(PROFILE ? ['--inspect=127.0.0.1:0'] : []), ...(process.env.BENCH_PERF ? ['--perf-basic-prof'] : []), '--import', 'tsx', path.join(root, 'server', 'index.ts')], {
			cwd: root,
			env: {
				...process.env,
				NODE_ENV: 'production',
				PORT: String(port),
				HOST: '127.0.0.1',
				PUBLIC_URL: serverUrl,
				DATA_DIR: dir,
				DATABASE_URL: url,
				SEED_DEMO: 'off',
				LOG_LEVEL: 'warn',
				// the bench's clients send no heartbeats: keep them from being reaped mid-run
				PRESENCE_STALE_SECONDS: '3600'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		children.push(server);
		const inspector = PROFILE ? inspectorUrl(server.stderr!) : null;
		server.stdout!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
		server.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
		await waitForHealth(serverUrl, server, () => output);
		log(`server up on ${serverUrl}`);

		const profiler = inspector ? await connectProfiler(await inspector) : null;
		const commits = async () => Number((await db.$queryRaw<{ n: bigint }[]>`SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`)[0]!.n);
		const chat = await chatWithSocketIo(serverUrl, chatClients, server.pid, profiler, commits);
		log('chat fan-out done');
		const presence = await presenceWithSocketIo(serverUrl, providerClients, watcherClients);
		log('presence done');

		const barePort = await freePort();
		const bare = spawn(process.execPath, [...(process.env.BENCH_PERF ? ['--perf-basic-prof'] : []), '--input-type=module', '-e', BARE_SERVER, String(barePort)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
		children.push(bare);
		await new Promise<void>((resolve) => bare.stdout!.once('data', () => resolve()));
		const baseline = await chatWithBareWs(barePort, chatClients, bare.pid);
		log('bare ws baseline done');

		const messages = await db.message.count();
		console.log('');
		console.log(`Relais realtime bench — ${os.cpus().length} CPU(s), Node ${process.version}, server + PostgreSQL + clients on one machine`);
		console.log('');
		console.log(`(a) chat fan-out: ${GROUPS * GROUP_SIZE} clients in ${GROUPS} groups of ${GROUP_SIZE}; paced ${RATE} msg/s for ${SECONDS} s, then ${SATURATION} messages with ${WINDOW} in flight`);
		const row = (label: string, f: ChatFigures) =>
			console.log(
				`  ${label.padEnd(22)} p50 ${ms(f.p50).padStart(9)}  p99 ${ms(f.p99).padStart(9)}  delivered ${f.pacedDelivered}/${f.pacedExpected}` +
					`  | saturation ${f.satMessagesPerSec.toFixed(0).padStart(5)} msg/s, ${f.satDeliveriesPerSec.toFixed(0).padStart(6)} deliveries/s (${f.satDelivered}/${f.satExpected})`
			);
		row('socket.io + PostgreSQL', chat);
		row('bare ws (no persistence)', baseline);
		console.log(`  messages stored in PostgreSQL: ${messages}; ${chat.satCommits} transactions during the saturation run (${(SATURATION / Math.max(1, chat.satCommits)).toFixed(1)} messages per transaction: the group commit)`);
		// per server CPU-second: what each server process itself spent (PostgreSQL, a separate process, not counted)
		const perCpuSecond = (f: ChatFigures) => (f.satDelivered / Math.max(1, f.satServerCpuMs)) * 1000;
		const usPerDelivery = (f: ChatFigures) => ((f.satServerCpuMs / Math.max(1, f.satDelivered)) * 1000).toFixed(1);
		console.log(
			`  server CPU during saturation: Relais ${chat.satServerCpuMs.toFixed(0)} ms (${usPerDelivery(chat)} µs per delivery, ${perCpuSecond(chat).toFixed(0)} deliveries per CPU-second),` +
				` bare ws ${baseline.satServerCpuMs.toFixed(0)} ms (${usPerDelivery(baseline)} µs, ${perCpuSecond(baseline).toFixed(0)} per CPU-second) → ${(perCpuSecond(chat) / perCpuSecond(baseline)).toFixed(2)}× bare ws per server CPU-second (persistence in PostgreSQL excluded: a separate process; target ≥ 0.8×)`
		);
		const sysShare = (f: ChatFigures) => `${((f.satServerSysMs / Math.max(1, f.satDelivered)) * 1000).toFixed(1)} µs in the kernel`;
		console.log(`  of which kernel (system calls, loopback TCP): Relais ${sysShare(chat)}, bare ws ${sysShare(baseline)} per delivery`);
		console.log(`  ratios: throughput ${(chat.satMessagesPerSec / baseline.satMessagesPerSec).toFixed(2)}× bare ws (target ≥ 0.5×); p99 ${(chat.p99 / baseline.p99).toFixed(1)}× bare ws; p99 ${ms(chat.p99)} (target < 25 ms)`);
		console.log('');
		console.log(`(b) presence: ${WATCHERS} watchers (each watching ${WATCH_EACH} of ${PROVIDERS} providers, ~${presence.watchersPerProvider.toFixed(0)} per provider), ${TOGGLES} toggles`);
		console.log(`  toggle → all watchers notified: p50 ${ms(presence.p50)}, p99 ${ms(presence.p99)} (target < 50 ms); ${presence.toggles} measured, ${presence.missed} incomplete after 5 s`);
		console.log('');
	} finally {
		for (const child of children.reverse()) {
			if (child.exitCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				await Promise.race([exited, sleep(10_000)]);
			}
		}
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
