import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

/**
 * A real Redis (Debian's `redis-server`) on a free loopback port, in a throw-away directory, for
 * the tests that need one (REDIS_SERVER overrides the binary). Nothing is saved to disk; restart()
 * stops it and starts it again on the same port, empty — as a crashed Redis comes back.
 */
export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
export const redisMissing = existsSync(REDIS_SERVER) ? null : `no redis-server at ${REDIS_SERVER} (apt-get install redis-server, or set REDIS_SERVER)`;

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export interface TestRedis {
	url: string;
	port: number;
	/** the running redis-server's process id (benchmarks read its CPU time) */
	pid(): number | undefined;
	restart(options?: { downMs?: number }): Promise<void>;
	kill(): Promise<void>;
	start(): Promise<void>;
	stop(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
	const port = await freePort();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-redis-'));
	let child: ChildProcess | null = null;
	const start = async () => {
		child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes', '--loglevel', 'warning'], { stdio: ['ignore', 'ignore', 'inherit'] });
		const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
		probe.on('error', () => {});
		const end = Date.now() + 10_000;
		for (;;) {
			try {
				await probe.connect();
				await probe.ping();
				break;
			} catch (error) {
				if (Date.now() > end) throw new Error(`redis-server did not start: ${(error as Error).message}`);
				probe.disconnect();
				await new Promise((r) => setTimeout(r, 50));
			}
		}
		probe.disconnect();
	};
	const kill = async () => {
		const c = child;
		child = null;
		if (!c || c.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			c.once('exit', () => resolve());
			c.kill('SIGKILL');
		});
	};
	await start();
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		pid: () => (child as ChildProcess | null)?.pid,
		start,
		kill,
		async restart(options = {}) {
			await kill();
			if (options.downMs) await new Promise((r) => setTimeout(r, options.downMs));
			await start();
		},
		async stop() {
			await kill();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
