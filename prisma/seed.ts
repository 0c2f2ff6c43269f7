// `npm run db:seed` — fills the database at DATABASE_URL with the demo data (prisma/seed/demo.ts).
//
// You rarely need it: `npm start` without DATABASE_URL runs an embedded PostgreSQL and seeds it
// automatically on first start. Use this for an external database:
//
//   DATABASE_URL=postgresql://user:pass@host:5432/relais npm run db:seed
//
// It applies pending migrations first (as the server does at start), then seeds — but only an
// EMPTY database (no members, companies or skills). A database that already holds data is always
// refused, with or without `--force`: the seed would clash with or duplicate existing rows, and
// there is deliberately no `--reset` that would wipe a database for you. To start over, point
// DATABASE_URL at a new, empty database (or drop and recreate it yourself).
//
// Every seeded member shares the demo password printed at the end: never seed a database that
// real users can reach.
import { createDatabase } from '../src/lib/server/db.ts';
import { createJobQueue } from '../src/lib/server/jobs/boss.ts';
import { applyMigrations } from '../server/db/migrate.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/lib/server/config.ts';
import { setContext } from '../src/lib/server/context.ts';
import { DomainEvents } from '../src/lib/server/events.ts';
import { createOutboxMailer } from '../src/lib/server/mail/outbox.ts';
import { seedDemo } from './seed/demo.ts';
import { seedReferencing } from './seed/referencing.ts';

/** host:port/database — never the password */
function describeUrl(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
	} catch {
		return '(unparsable DATABASE_URL)';
	}
}

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	const force = args.includes('--force');
	const unknown = args.filter((arg) => arg !== '--force');
	if (unknown.length > 0) {
		console.error(`db:seed: unknown argument(s) ${unknown.join(' ')} (only --force is accepted; there is no --reset)`);
		return 2;
	}

	const url = process.env.DATABASE_URL;
	if (!url) {
		console.error(
			[
				'db:seed: DATABASE_URL is not set.',
				'',
				'  • To try Relais locally you do not need this command: `npm start` (without DATABASE_URL) starts an',
				'    embedded PostgreSQL under ./data and seeds it with the demo data automatically on first start.',
				'  • To seed another PostgreSQL, set DATABASE_URL to the (empty) database to fill, e.g.',
				'      DATABASE_URL=postgresql://user:password@localhost:5432/relais npm run db:seed'
			].join('\n')
		);
		return 1;
	}

	const where = describeUrl(url);
	const { applied } = await applyMigrations(url, { log: (line) => console.log(`db:seed: ${line}`) });
	if (applied.length === 0) console.log(`db:seed: schema of ${where} is up to date`);

	const prisma = createDatabase(url, { max: 2 });
	try {
		const [members, companies, skills] = await Promise.all([prisma.member.count(), prisma.company.count(), prisma.skill.count()]);
		if (members + companies + skills > 0) {
			console.error(
				[
					`db:seed: refusing to seed ${where}: it is not empty (${members} members, ${companies} companies, ${skills} skills).`,
					force
						? '  --force does not override this: seeding a non-empty database would clash with or duplicate its data, and there is no --reset.'
						: '  The demo data only goes into an empty database; there is no --reset.',
					'  Point DATABASE_URL at a new, empty database (or drop and recreate this one yourself), then run this again.'
				].join('\n')
			);
			return 1;
		}

		// the demo photos and PDFs go where the server will look for uploads (UPLOADS_DIR, else DATA_DIR/uploads)
		const config = loadConfig(process.env);
		const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
		const uploadsDir = config.UPLOADS_DIR ? path.resolve(root, config.UPLOADS_DIR) : path.join(path.resolve(root, config.DATA_DIR), 'uploads');
		setContext({ config, db: prisma, mailer: createOutboxMailer(prisma, () => {}), events: new DomainEvents(), uploadsDir, queue: createJobQueue({ connectionString: url }) });
		console.log(`db:seed: demo photos and documents go to ${uploadsDir}`);
		const { logins } = await seedDemo(prisma, { log: (line) => console.log(`db:seed: ${line}`) });
		logins.push(...(await seedReferencing(prisma)));
		console.log(`\nDemo data loaded into ${where}. Every demo member shares the same password. Ready-made logins:`);
		for (const login of logins) console.log(`  ${login.label}\n    e-mail: ${login.email}   password: ${login.password}`);
		return 0;
	} finally {
		await prisma.$disconnect();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`db:seed: failed — ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	}
);
