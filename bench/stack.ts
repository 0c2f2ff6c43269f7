import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { applyMigrations } from '../server/db/migrate.ts';
import { loadConfig } from '../src/lib/server/config.ts';
import { setContext } from '../src/lib/server/context.ts';
import { createDatabase } from '../src/lib/server/db.ts';
import { DomainEvents } from '../src/lib/server/events.ts';
import { createOutboxMailer } from '../src/lib/server/mail/outbox.ts';
import { createJobQueue } from '../src/lib/server/jobs/boss.ts';

/**
 * A benchmark's own world: embedded PostgreSQL in a temporary folder, one migrated database, and
 * the domain's context pointing at it (mail goes to the outbox). `stop` removes all of it.
 */
export async function startBenchDatabase(name: string, options: { maxConnections?: number; env?: Record<string, string> } = {}) {
	const dir = await mkdtemp(path.join(os.tmpdir(), `relais-bench-${name}-`));
	await chmod(dir, 0o755);
	const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres') });
	const database = `bench_${name.replace(/\W/g, '_')}`;
	try {
		const admin = new pg.Client({ connectionString: server.adminUrl });
		await admin.connect();
		await admin.query(`CREATE DATABASE ${database}`);
		await admin.end();
		const url = server.urlFor(database);
		await applyMigrations(url);
		const db = createDatabase(url, { max: options.maxConnections ?? 10 });
		const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'http://127.0.0.1:3999', ...options.env });
		const queue = createJobQueue({ connectionString: url });
		setContext({ config, db, mailer: createOutboxMailer(db, () => {}), events: new DomainEvents(), uploadsDir: path.join(dir, 'uploads'), queue });
		return {
			dir,
			url,
			db,
			config,
			async stop() {
				await queue.stop().catch(() => {});
				await db.$disconnect().catch(() => {});
				await server.stop();
				await rm(dir, { recursive: true, force: true });
			}
		};
	} catch (error) {
		await server.stop();
		await rm(dir, { recursive: true, force: true });
		throw error;
	}
}
