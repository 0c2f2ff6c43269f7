import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { io as connectClient, type Socket } from 'socket.io-client';
import { startEmbeddedPostgres } from '../../server/db/embedded.ts';
import { createDatabase, type Database } from '../../src/lib/server/db.ts';
import { loadConfig } from '../../src/lib/server/config.ts';
import { setContext } from '../../src/lib/server/context.ts';
import { DomainEvents } from '../../src/lib/server/events.ts';
import { createOutboxMailer } from '../../src/lib/server/mail/outbox.ts';
import { createJobQueue } from '../../src/lib/server/jobs/boss.ts';
import { openSession } from '../../src/lib/server/auth/sessions.ts';
import { freePort, startRedis, type TestRedis } from '../helpers/redis.ts';

/**
 * A real cluster on loopback: embedded PostgreSQL, Debian's redis-server, three Relais processes
 * started as `npm start` starts one (server/index.ts over the build) with REDIS_URL, and Debian's
 * HAProxy running deploy/haproxy.cfg — the README's example — in front of them. The test process
 * reaches the same database for its fixtures (members, contacts, sessions).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HAPROXY = process.env.HAPROXY ?? '/usr/sbin/haproxy';
export const PRESENCE_STALE_SECONDS = 5;

export interface ClusterNode {
	name: string;
	port: number;
	url: string;
	output(): string;
	alive(): boolean;
	start(): Promise<void>;
	kill(signal: NodeJS.Signals): Promise<number | null>;
}

export interface Cluster {
	url: string;
	databaseUrl: string;
	db: Database;
	redis: TestRedis;
	nodes: ClusterNode[];
	haproxyOutput(): string;
	stop(): Promise<void>;
}

export function clusterMissing(): string | null {
	if (!existsSync(HAPROXY)) return `no haproxy at ${HAPROXY} (apt-get install haproxy, or set HAPROXY)`;
	if (!existsSync(process.env.REDIS_SERVER ?? '/usr/bin/redis-server')) return 'no redis-server (apt-get install redis-server, or set REDIS_SERVER)';
	if (!existsSync(path.join(root, 'build', 'handler.js'))) return 'no build: run `npm run build` (npm run test:cluster does it)';
	return null;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: () => string) {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		if (await Promise.resolve().then(check).catch(() => false)) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`${what()}`);
}

const ready = async (url: string) => (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) })).status === 200;

export async function startCluster(options: { nodes?: number; nodeEnv?: Record<string, Record<string, string>> } = {}): Promise<Cluster> {
	const count = options.nodes ?? 3;
	const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-cluster-'));
	const cleanups: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
	const stop = async () => {
		for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
	};
	try {
		const postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
		cleanups.push(() => postgres.stop());
		const admin = new pg.Client({ connectionString: postgres.adminUrl });
		await admin.connect();
		await admin.query('CREATE DATABASE relais');
		await admin.end();
		const databaseUrl = postgres.urlFor('relais');

		const redis = await startRedis();
		cleanups.push(() => redis.stop());

		const lbPort = await freePort();
		const url = `http://127.0.0.1:${lbPort}`;
		const nodes: ClusterNode[] = [];
		for (let i = 1; i <= count; i++) {
			const name = `relais${i}`;
			const port = await freePort();
			let log = '';
			let child: ChildProcess | null = null;
			const node: ClusterNode = {
				name,
				port,
				url: `http://127.0.0.1:${port}`,
				output: () => log,
				alive: () => !!child && child.exitCode === null && child.signalCode === null,
				async start() {
					log += `--- start ${new Date().toISOString()}\n`;
					const c = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'index.ts')], {
						cwd: root,
						env: {
							...process.env,
							NODE_ENV: 'development',
							HOST: '127.0.0.1',
							PORT: String(port),
							PUBLIC_URL: url,
							DATA_DIR: path.join(dir, name),
							DATABASE_URL: databaseUrl,
							REDIS_URL: redis.url,
							RELAIS_NODE_ID: name,
							SMTP_URL: '',
							SEED_DEMO: 'off',
							LOG_LEVEL: 'info',
							TRUST_PROXY: '1',
							PRESENCE_STALE_SECONDS: String(PRESENCE_STALE_SECONDS),
							PRESENCE_REAP_EVERY_SECONDS: '1',
							SHUTDOWN_DRAIN_SECONDS: '5',
							...options.nodeEnv?.[name]
						},
						stdio: ['ignore', 'pipe', 'pipe']
					});
					child = c;
					c.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
					c.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
					let exited = false;
					c.once('exit', () => (exited = true));
					await waitFor(() => exited || log.includes('Relais is listening'), 120_000, () => `${name} did not start:\n${log}`);
					if (exited) throw new Error(`${name} exited at start:\n${log}`);
				},
				async kill(signal) {
					const c = child;
					if (!c || c.exitCode !== null || c.signalCode !== null) return c?.exitCode ?? null;
					const exited = new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code)));
					c.kill(signal);
					return exited;
				}
			};
			nodes.push(node);
			cleanups.push(() => node.kill('SIGKILL').then(() => {}));
		}
		// concurrently, as a deployment starts them: migrations take an advisory lock, pg-boss its own
		await Promise.all(nodes.map((n) => n.start()));

		let haproxyLog = '';
		const haproxy = spawn(HAPROXY, ['-db', '-f', path.join(root, 'deploy', 'haproxy.cfg')], {
			env: { ...process.env, RELAIS_LB_BIND: `127.0.0.1:${lbPort}`, ...Object.fromEntries(nodes.map((n, i) => [`RELAIS_NODE${i + 1}`, `127.0.0.1:${n.port}`])) },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		haproxy.stdout!.on('data', (c: Buffer) => (haproxyLog += c.toString()));
		haproxy.stderr!.on('data', (c: Buffer) => (haproxyLog += c.toString()));
		cleanups.push(
			() =>
				new Promise<void>((resolve) => {
					if (haproxy.exitCode !== null) return resolve();
					haproxy.once('exit', () => resolve());
					haproxy.kill('SIGKILL');
				})
		);
		await waitFor(() => ready(url), 20_000, () => `HAProxy not ready:\n${haproxyLog}`);

		const db = createDatabase(databaseUrl, { max: 4 });
		cleanups.push(() => db.$disconnect());
		const queue = createJobQueue({ connectionString: databaseUrl, max: 1 });
		cleanups.push(() => queue.stop());
		setContext({ config: loadConfig({ NODE_ENV: 'test', PUBLIC_URL: url }), db, mailer: createOutboxMailer(db, () => {}), events: new DomainEvents(), uploadsDir: path.join(dir, 'uploads'), queue });
		return { url, databaseUrl, db, redis, nodes, haproxyOutput: () => haproxyLog, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

let counter = 0;
export async function makeMember(db: Database, data: { firstName?: string; availableForCalls?: boolean } = {}) {
	const n = ++counter;
	const tag = `${process.pid}-${n}-${Math.random().toString(36).slice(2, 7)}`;
	return db.member.create({
		data: {
			email: `membre.${tag}@exemple.fr`,
			firstName: data.firstName ?? `Prénom${n}`,
			lastName: `Nom${n}`,
			slug: `membre-${tag}`,
			status: 'active',
			activatedAt: new Date(),
			category: 'freelance',
			acceptsMessages: true,
			roles: ['member'],
			visibleInDirectory: true,
			availableForCalls: data.availableForCalls ?? false
		},
		select: { id: true, slug: true, firstName: true, lastName: true }
	});
}

export interface SessionState {
	memberId: string;
	presence: Record<string, string>;
	recovered: boolean;
}

/**
 * A member's tab connected through HAProxy, asking for one node (`x-relais-node`, which HAProxy
 * honours while that node is up). It reconnects by itself, as the browser client does.
 */
export async function connectMember(cluster: Cluster, memberId: string, node: string, options: { reconnection?: boolean } = {}) {
	const { secret } = await openSession(memberId);
	const socket: Socket = connectClient(cluster.url, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: options.reconnection ?? true,
		reconnectionDelay: 100,
		reconnectionDelayMax: 500,
		randomizationFactor: 0,
		forceNew: true,
		extraHeaders: { cookie: `relais_session=${secret}`, 'x-relais-node': node }
	});
	const states: SessionState[] = [];
	socket.on('session:state', (state: SessionState) => states.push(state));
	await waitFor(() => states.length > 0, 10_000, () => `no session:state for ${memberId} on ${node}`);
	return { socket, states, memberId };
}
export type Tab = Awaited<ReturnType<typeof connectMember>>;
