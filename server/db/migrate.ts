// Applies prisma/migrations with plain `pg`, no Prisma engine, and records them in `_prisma_migrations`
// exactly as `prisma migrate deploy` would: a machine that can run the Prisma CLI sees the same history.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** resolved from this file, not from the working directory: server/db → ../../prisma/migrations */
export const defaultMigrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'prisma', 'migrations');

/** the key `prisma migrate` itself locks on, so this migrator and the Prisma CLI also exclude each other */
const ADVISORY_LOCK_KEY = 72707369;

// Same definition as Prisma's schema engine (sql-migration-connector, PostgreSQL flavour).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
	/** directory name, e.g. 20260101120000_init */
	name: string;
	sql: string;
}

export function migrationChecksum(sql: string): string {
	return createHash('sha256').update(sql, 'utf8').digest('hex');
}

/** Prisma also accepts a checksum taken before git turned LF into CRLF (or back) */
function checksumMatches(stored: string, sql: string): boolean {
	return stored === migrationChecksum(sql) || stored === migrationChecksum(sql.replace(/\r\n/g, '\n'));
}

/** every `<dir>/migration.sql`, in name order (the order Prisma applies them in) */
export async function readMigrations(migrationsDir: string = defaultMigrationsDir): Promise<MigrationFile[]> {
	if (!existsSync(migrationsDir)) return [];
	const dirs = (await readdir(migrationsDir, { withFileTypes: true }))
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort();
	return Promise.all(
		dirs.map(async (name) => {
			const file = path.join(migrationsDir, name, 'migration.sql');
			// a folder without its script is a mistake (half-copied migration): say so rather than skip it
			if (!existsSync(file)) throw new Error(`Migration ${name} has no migration.sql (${file})`);
			return { name, sql: await readFile(file, 'utf8') };
		})
	);
}

interface AppliedRow {
	migration_name: string;
	checksum: string;
	finished_at: Date | null;
	rolled_back_at: Date | null;
}

export async function applyMigrations(
	connectionString: string,
	options: { migrationsDir?: string; log?: (line: string) => void } = {}
): Promise<{ applied: string[] }> {
	const log = options.log ?? (() => {});
	const migrations = await readMigrations(options.migrationsDir ?? defaultMigrationsDir);
	const client = new pg.Client({ connectionString });
	await client.connect();
	try {
		// session-level lock: a second process starting at the same time waits here, then finds
		// everything applied
		await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
		try {
			await client.query(CREATE_MIGRATIONS_TABLE);
			const { rows } = await client.query<AppliedRow>(
				'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at'
			);
			const pending = checkHistory(migrations, rows, log);
			const applied: string[] = [];
			for (const migration of pending) {
				await applyOne(client, migration);
				log(`applied migration ${migration.name}`);
				applied.push(migration.name);
			}
			return { applied };
		} finally {
			// ending the session releases it anyway; a failure here must not hide the real outcome
			await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]).catch(() => {});
		}
	} finally {
		await client.end();
	}
}

/** refuses edited or failed migrations before anything runs; returns the ones still to apply */
function checkHistory(migrations: MigrationFile[], rows: AppliedRow[], log: (line: string) => void): MigrationFile[] {
	// rolled-back rows are audit trail only (Prisma ignores them too)
	const live = rows.filter((row) => row.rolled_back_at === null);
	const failed = live.filter((row) => row.finished_at === null).map((row) => row.migration_name);
	if (failed.length > 0) {
		throw new Error(
			`Migration ${failed.join(', ')} failed earlier and is recorded as unfinished in _prisma_migrations; ` +
				'fix the database by hand, then mark it rolled back (rolled_back_at) or applied.'
		);
	}
	const byName = new Map(live.map((row) => [row.migration_name, row]));
	const onDisk = new Set(migrations.map((migration) => migration.name));
	for (const name of byName.keys()) {
		if (!onDisk.has(name)) log(`warning: migration ${name} is applied in the database but missing from the migrations folder`);
	}
	const edited = migrations.filter((migration) => {
		const row = byName.get(migration.name);
		return row !== undefined && !checksumMatches(row.checksum, migration.sql);
	});
	if (edited.length > 0) {
		const names = edited.map((migration) => migration.name).join(', ');
		throw new Error(
			`Migration ${names} was modified after it was applied (checksum differs from _prisma_migrations). ` +
				'Restore the original migration.sql and put the change in a new migration.'
		);
	}
	return migrations.filter((migration) => !byName.has(migration.name));
}

/**
 * One transaction per migration: a failing script leaves neither half its DDL nor a row behind
 * (Prisma, which runs scripts outside a transaction, would leave an unfinished row to resolve by hand).
 */
async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
	await client.query('BEGIN');
	try {
		// simple-protocol query: the whole script at once, as Prisma's engine sends it
		await client.query(migration.sql);
		await client.query(
			`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
			 VALUES ($1, $2, clock_timestamp(), $3, NULL, now(), 1)`,
			[randomUUID(), migrationChecksum(migration.sql), migration.name]
		);
		await client.query('COMMIT');
	} catch (error) {
		await client.query('ROLLBACK').catch(() => {});
		throw new Error(`Migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`, {
			cause: error
		});
	}
}
