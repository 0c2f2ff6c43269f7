import { mkdtempSync, rmSync, statSync, unlinkSync, readFileSync } from 'node:fs';
import { createJobQueue } from '../../src/lib/server/jobs/boss.ts';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD_FILE, readEmbeddedPassword, startEmbeddedPostgres, type EmbeddedDatabase } from '../../server/db/embedded.ts';
import { createHttpServer } from '../../server/app.ts';
import { createLogger } from '../../server/log.ts';
import { createDatabase } from '../../src/lib/server/db.ts';
import { loadConfig } from '../../src/lib/server/config.ts';
import { setContext } from '../../src/lib/server/context.ts';
import { DomainEvents } from '../../src/lib/server/events.ts';
import { createOutboxMailer } from '../../src/lib/server/mail/outbox.ts';
import { listenOnLoopback } from '../helpers/listen.ts';

/** A real embedded PostgreSQL of its own (not the suite's shared one): its password, then killing it. */
const workDir = mkdtempSync(path.join(os.tmpdir(), 'relais-embedded-'));
const dataDir = path.join(workDir, 'pg');
let server: EmbeddedDatabase | undefined;

afterAll(async () => {
	await server?.stop();
	rmSync(workDir, { recursive: true, force: true });
});

async function canConnect(port: number, password: string) {
	const client = new pg.Client({ host: '127.0.0.1', port, user: 'relais', password, database: 'postgres' });
	try {
		await client.connect();
		await client.query('SELECT 1');
		return true;
	} catch (error) {
		return (error as { code?: string }).code === '28P01' ? false : Promise.reject(error);
	} finally {
		await client.end().catch(() => {});
	}
}

describe('embedded PostgreSQL superuser password', () => {
	it('is random, kept in the data directory with mode 0600; the old fixed password is refused', async () => {
		server = await startEmbeddedPostgres({ dataDir });
		const file = path.join(dataDir, PASSWORD_FILE);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const password = (await readEmbeddedPassword(dataDir))!;
		expect(password.length).toBeGreaterThanOrEqual(24);
		expect(await canConnect(server.port, password)).toBe(true);
		expect(await canConnect(server.port, 'relais')).toBe(false);
		expect(server.adminUrl).toContain(encodeURIComponent(password));
	});

	it('is reused on restart', async () => {
		const before = readFileSync(path.join(dataDir, PASSWORD_FILE), 'utf8');
		await server!.stop();
		server = await startEmbeddedPostgres({ dataDir });
		expect(readFileSync(path.join(dataDir, PASSWORD_FILE), 'utf8')).toBe(before);
		const admin = new pg.Client({ connectionString: server.adminUrl });
		await admin.connect();
		await admin.end();
	});

	it('a data directory made with the old relais/relais is moved to a random password on its next start', async () => {
		const admin = new pg.Client({ connectionString: server!.adminUrl });
		await admin.connect();
		await admin.query(`ALTER ROLE relais PASSWORD 'relais'`);
		await admin.end();
		await server!.stop();
		unlinkSync(path.join(dataDir, PASSWORD_FILE));

		server = await startEmbeddedPostgres({ dataDir });
		const password = (await readEmbeddedPassword(dataDir))!;
		expect(password).not.toBe('relais');
		expect(statSync(path.join(dataDir, PASSWORD_FILE)).mode & 0o777).toBe(0o600);
		expect(await canConnect(server.port, password)).toBe(true);
		expect(await canConnect(server.port, 'relais')).toBe(false);
	});
});

describe('when PostgreSQL dies', () => {
	it('/readyz answers 503, PostgreSQL is started again, then /readyz is 200 and queries work again (/healthz: alive all along)', async () => {
		await server!.stop();
		const lines: string[] = [];
		server = await startEmbeddedPostgres({ dataDir, restartDelayMs: 5000, log: (line) => lines.push(line) });
		const db = createDatabase(server.adminUrl);
		setContext({ config: loadConfig({ NODE_ENV: 'test' }), db, mailer: createOutboxMailer(db, () => {}), events: new DomainEvents(), uploadsDir: workDir, queue: createJobQueue({ connectionString: server.adminUrl }) });
		const http = await createHttpServer({ handler: (_req, res) => res.end(), log: createLogger('error'), publicUrl: 'http://127.0.0.1:3999', healthTimeoutMs: 1500 });
		const url = await listenOnLoopback(http.httpServer);
		try {
			const health = async () => (await fetch(`${url}/readyz`)).status;
			// the first query also opens the pool's first connection: allow for a loaded machine
			await expect.poll(health, { timeout: 10_000, interval: 200 }).toBe(200);

			const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
			process.kill(pid, 'SIGKILL');
			await expect.poll(health, { timeout: 4500, interval: 100 }).toBe(503);
			expect((await fetch(`${url}/healthz`)).status).toBe(200);

			await expect.poll(health, { timeout: 30_000, interval: 250 }).toBe(200);
			expect(lines.join('\n')).toMatch(/PostgreSQL stopped unexpectedly[\s\S]*PostgreSQL restarted/);
			expect(await db.$queryRaw`SELECT 41 + 1 AS answer`).toEqual([{ answer: 42 }]);
		} finally {
			await http.realtime.close();
			await new Promise((resolve) => http.httpServer.close(resolve));
			await db.$disconnect();
		}
	});
});
