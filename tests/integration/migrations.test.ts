// The migrations folder must produce exactly prisma/schema.prisma (drift check through Prisma's
// WebAssembly schema engine), and the runtime migrator must apply it the way `prisma migrate deploy` does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../server/db/embedded.ts';
import { applyMigrations, defaultMigrationsDir, readMigrations } from '../../server/db/migrate.ts';
import { defaultSchemaPath, diffMigrationsToSchema } from '../../server/db/schema-engine.ts';

let workDir: string;
let server: EmbeddedDatabase | undefined;
let adminUrl: string;
const createdDatabases: string[] = [];

beforeAll(async () => {
	workDir = await mkdtemp(path.join(tmpdir(), 'relais-migrations-test-'));
	// as root, PostgreSQL runs as `postgres`, which must traverse this 0700 folder
	await chmod(workDir, 0o755);
	if (process.env.TEST_DATABASE_ADMIN_URL) {
		adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
	} else {
		server = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'pg') });
		adminUrl = server.adminUrl;
	}
}, 30_000);

afterAll(async () => {
	if (adminUrl) {
		for (const database of createdDatabases) await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
	}
	await server?.stop();
	if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function adminQuery(sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

async function freshDatabase(): Promise<string> {
	const name = `relais_migrate_test_${randomBytes(5).toString('hex')}`;
	await adminQuery(`CREATE DATABASE "${name}"`);
	createdDatabases.push(name);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<R[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query<R>(sql, values)).rows;
	} finally {
		await client.end();
	}
}

describe('migrations vs prisma/schema.prisma (drift check)', () => {
	it('finds nothing to add: every schema change has its migration', async () => {
		const sql = await diffMigrationsToSchema(adminUrl);
		// on failure, the message is the migration to create: npm run db:migrate:create -- <name>
		expect(sql).toBe('');
	}, 30_000);

	it('reports the SQL when the schema has moved on', async () => {
		const modified = path.join(workDir, 'schema.prisma');
		await copyFile(defaultSchemaPath, modified);
		const original = await readFile(modified, 'utf8');
		await writeFile(modified, `${original}\nmodel DriftProbe {\n  id    Int    @id\n  label String\n}\n`);
		const sql = await diffMigrationsToSchema(adminUrl, { schemaPath: modified });
		expect(sql).toContain('CREATE TABLE "DriftProbe"');
	}, 30_000);
});

describe('applyMigrations (runtime migrator, no engine)', () => {
	it('applies every migration once and records it as Prisma does', async () => {
		const url = await freshDatabase();
		const migrations = await readMigrations(defaultMigrationsDir);
		expect(migrations.length).toBeGreaterThan(0);

		const first = await applyMigrations(url);
		expect(first.applied).toEqual(migrations.map((m) => m.name));

		const tables = await query<{ member: string | null; company: string | null }>(
			url,
			`SELECT to_regclass('"Member"')::text AS member, to_regclass('"Company"')::text AS company`
		);
		expect(tables[0]).toEqual({ member: '"Member"', company: '"Company"' });

		const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; id: string }>(
			url,
			'SELECT id, migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name'
		);
		expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
		for (const [index, row] of rows.entries()) {
			const file = await readFile(path.join(defaultMigrationsDir, row.migration_name, 'migration.sql'));
			expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'));
			expect(row.checksum).toBe(createHash('sha256').update(migrations[index].sql).digest('hex'));
			expect(row.finished_at).toBeInstanceOf(Date);
			expect(row.applied_steps_count).toBe(1);
			expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
		}

		const second = await applyMigrations(url);
		expect(second.applied).toEqual([]);
	}, 30_000);

	it('creates _prisma_migrations with the columns Prisma uses', async () => {
		const url = await freshDatabase();
		await applyMigrations(url);
		const columns = await query<{ column_name: string; data_type: string; character_maximum_length: number | null; is_nullable: string }>(
			url,
			`SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns
			 WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`
		);
		expect(columns.map((c) => [c.column_name, c.data_type, c.character_maximum_length, c.is_nullable])).toEqual([
			['id', 'character varying', 36, 'NO'],
			['checksum', 'character varying', 64, 'NO'],
			['finished_at', 'timestamp with time zone', null, 'YES'],
			['migration_name', 'character varying', 255, 'NO'],
			['logs', 'text', null, 'YES'],
			['rolled_back_at', 'timestamp with time zone', null, 'YES'],
			['started_at', 'timestamp with time zone', null, 'NO'],
			['applied_steps_count', 'integer', null, 'NO']
		]);
	}, 30_000);

	it('lets only one of two concurrent starts apply (advisory lock)', async () => {
		const url = await freshDatabase();
		const [a, b] = await Promise.all([applyMigrations(url), applyMigrations(url)]);
		const names = (await readMigrations(defaultMigrationsDir)).map((m) => m.name);
		expect([...a.applied, ...b.applied].sort()).toEqual(names);
		const rows = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM "_prisma_migrations"');
		expect(Number(rows[0].n)).toBe(names.length);
	}, 30_000);

	it('refuses a migration edited after it was applied, naming it', async () => {
		const url = await freshDatabase();
		await applyMigrations(url);
		const [first] = await readMigrations(defaultMigrationsDir);
		await query(url, `UPDATE "_prisma_migrations" SET checksum = repeat('0', 64) WHERE migration_name = $1`, [first.name]);
		await expect(applyMigrations(url)).rejects.toThrow(new RegExp(`Migration ${first.name} was modified`));
	}, 30_000);
});
