import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.ts';
import type { Logger } from '../log.ts';

const APP_DATABASE = 'relais';

/**
 * DATABASE_URL set → that server. Unset → a real PostgreSQL embedded under DATA_DIR/postgres,
 * on a free loopback port, created on first start and kept across restarts.
 */
export async function openDatabaseServer(options: { databaseUrl?: string; dataDir: string; log: Logger }): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
	if (options.databaseUrl) return { url: options.databaseUrl };
	const embedded = await startEmbeddedPostgres({
		dataDir: path.join(options.dataDir, 'postgres'),
		log: (line) => options.log.debug(`[postgres] ${line}`)
	});
	const admin = new pg.Client({ connectionString: embedded.adminUrl });
	await admin.connect();
	try {
		const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [APP_DATABASE]);
		if (!rowCount) await admin.query(`CREATE DATABASE ${APP_DATABASE}`);
	} finally {
		await admin.end();
	}
	options.log.info(`embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${path.join(options.dataDir, 'postgres')})`);
	return { url: embedded.urlFor(APP_DATABASE), embedded };
}
