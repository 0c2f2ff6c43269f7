import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../server/db/embedded.ts';
import { applyMigrations } from '../../server/db/migrate.ts';
import { createJobQueue } from '../../src/lib/server/jobs/boss.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		pgAdminUrl: string;
		pgTemplate: string;
	}
}

export const TEMPLATE_DATABASE = 'relais_template';

/**
 * One real PostgreSQL for the whole run (embedded unless TEST_DATABASE_ADMIN_URL points at a
 * server), one migrated template; each test file clones the template into its own database.
 */
export default async function setup(project: TestProject) {
	let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
	let stop = async () => {};
	if (!adminUrl) {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'relais-test-pg-'));
		const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data') });
		adminUrl = server.adminUrl;
		stop = async () => {
			await server.stop();
			await rm(dir, { recursive: true, force: true });
		};
	}
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
	await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
	await admin.end();
	await applyMigrations(withDatabase(adminUrl, TEMPLATE_DATABASE));
	// pg-boss's schema in the template too, so each file's clone starts with it installed
	const queue = createJobQueue({ connectionString: withDatabase(adminUrl, TEMPLATE_DATABASE), max: 1 });
	await queue.boss();
	await queue.stop();
	project.provide('pgAdminUrl', adminUrl);
	project.provide('pgTemplate', TEMPLATE_DATABASE);
	return stop;
}

export function withDatabase(url: string, database: string): string {
	const parsed = new URL(url);
	parsed.pathname = `/${database}`;
	return parsed.toString();
}
