// Offline Prisma migrations (the native schema engine cannot be downloaded here):
//   tsx scripts/migrations.ts create <name>   writes prisma/migrations/<UTC timestamp>_<name>/migration.sql
//   tsx scripts/migrations.ts check           exit 1 + SQL when schema.prisma and the migrations disagree
// The engine replays the migrations into a temporary shadow database: on DATABASE_URL's server when set
// (the role needs CREATEDB), otherwise on an embedded PostgreSQL started for the occasion.
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { defaultMigrationsDir, defaultSchemaPath, diffMigrationsToSchema, migrationLockContent } from '../server/db/schema-engine.ts';

const usage = 'usage: tsx scripts/migrations.ts create <name> | check';

async function withServer<T>(run: (adminUrl: string) => Promise<T>): Promise<T> {
	const external = process.env.DATABASE_URL;
	if (external) return run(external);
	const dir = await mkdtemp(path.join(tmpdir(), 'relais-migrations-'));
	// mkdtemp makes a 0700 folder; as root, PostgreSQL runs as `postgres` and must traverse it
	await chmod(dir, 0o755);
	const db = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), log: process.env.DEBUG ? console.error : undefined });
	try {
		return await run(db.adminUrl);
	} finally {
		await db.stop();
		await rm(dir, { recursive: true, force: true });
	}
}

/** Prisma's directory names: UTC timestamp to the second, then the name in snake case */
function timestamp(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return (
		`${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
		`${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`
	);
}

function sanitiseName(raw: string): string {
	return raw
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '')
		.slice(0, 200);
}

async function create(rawName: string | undefined): Promise<number> {
	const name = sanitiseName(rawName ?? '');
	if (!name) {
		console.error(usage);
		return 2;
	}
	const sql = await withServer((adminUrl) => diffMigrationsToSchema(adminUrl));
	if (sql === '') {
		console.error('prisma/schema.prisma and prisma/migrations already agree: no migration created.');
		return 1;
	}
	const existing = existsSync(defaultMigrationsDir)
		? (await readdir(defaultMigrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()
		: [];
	const dirName = `${timestamp(new Date())}_${name}`;
	const last = existing.at(-1);
	// migrations apply in name order: a new one sorting before the last (clock skew, same second) would
	// be applied out of order on fresh databases
	if (last !== undefined && dirName <= last) {
		console.error(`refusing to create ${dirName}: it would not sort after the last migration ${last}`);
		return 1;
	}
	const lockPath = path.join(defaultMigrationsDir, 'migration_lock.toml');
	if (existsSync(lockPath) && !/^provider\s*=\s*"postgresql"\s*$/m.test(await readFile(lockPath, 'utf8'))) {
		console.error(`${lockPath} names another provider than postgresql: fix it before creating migrations`);
		return 1;
	}
	const dir = path.join(defaultMigrationsDir, dirName);
	await mkdir(dir, { recursive: true });
	await writeFile(path.join(dir, 'migration.sql'), sql);
	if (!existsSync(lockPath)) await writeFile(lockPath, migrationLockContent);
	console.log(`created ${path.relative(process.cwd(), path.join(dir, 'migration.sql'))}`);
	return 0;
}

async function check(): Promise<number> {
	const sql = await withServer((adminUrl) => diffMigrationsToSchema(adminUrl));
	if (sql === '') {
		console.log(`migrations are in sync with ${path.relative(process.cwd(), defaultSchemaPath)}`);
		return 0;
	}
	console.error('prisma/schema.prisma differs from prisma/migrations; the missing migration would be:\n');
	console.log(sql);
	console.error('create it with: npm run db:migrate:create -- <name>');
	return 1;
}

const [command, argument] = process.argv.slice(2);
const run = command === 'create' ? () => create(argument) : command === 'check' ? check : undefined;
if (!run) {
	console.error(usage);
	process.exit(2);
}
run().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? (error.stack ?? error.message) : error);
		process.exit(1);
	}
);
