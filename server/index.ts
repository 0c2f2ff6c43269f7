import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { openDatabaseServer } from './db/database.ts';
import { applyMigrations } from './db/migrate.ts';
import { createDatabase } from '../src/lib/server/db.ts';
import { setContext } from '../src/lib/server/context.ts';
import { DomainEvents } from '../src/lib/server/events.ts';
import { createSmtpMailer } from '../src/lib/server/mail/smtp.ts';
import { createOutboxMailer } from '../src/lib/server/mail/outbox.ts';
import { purgeExpiredSessions } from '../src/lib/server/auth/sessions.ts';
import { createHttpServer, ORIGIN_HOST_HEADER, ORIGIN_PROTOCOL_HEADER } from './app.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../prisma/seed/demo.ts';
import { checkChatEnv } from '../src/lib/server/chat/settings.ts';
import { checkPresenceEnv } from '../src/lib/server/presence/settings.ts';
import { startJobRunner } from './jobs/runner.ts';
import { checkRoomsEnv } from '../src/lib/server/rooms/settings.ts';
import { startMedia } from './media/workers.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * Boot order (ARCHITECTURE.md): config → database → migrations → seed → HTTP + SvelteKit →
 * socket.io → media workers (SFU, optional) → jobs. Shutdown runs the other way round on SIGINT/SIGTERM.
 */
export async function startServer(env: Record<string, string | undefined> = process.env) {
	const config = loadConfig(env);
	checkChatEnv(env);
	checkPresenceEnv(env);
	checkRoomsEnv(env);
	const log = createLogger(config.LOG_LEVEL);
	const dataDir = path.resolve(root, config.DATA_DIR);
	const stops: (() => Promise<void>)[] = [];
	const stopAll = async () => {
		for (const stop of stops.reverse()) {
			try {
				await stop();
			} catch (error) {
				log.error(`shutdown step failed: ${(error as Error).message}`);
			}
		}
	};
	try {
		const server = await openDatabaseServer({ databaseUrl: config.DATABASE_URL, dataDir, log });
		if (server.embedded) stops.push(() => server.embedded!.stop());

		const { applied } = await applyMigrations(server.url, { log: (line) => log.info(line) });
		if (applied.length) log.info(`migrations applied: ${applied.join(', ')}`);

		const db = createDatabase(server.url);
		stops.push(() => db.$disconnect());
		const mailer = config.SMTP_URL ? createSmtpMailer(config.SMTP_URL, config.MAIL_FROM) : createOutboxMailer(db, (line) => log.info(line));
		stops.push(() => mailer.close());
		if (mailer.kind === 'outbox') log.info(`no SMTP_URL: emails are kept at ${config.publicUrl}/dev/outbox and their links logged here`);
		const uploadsDir = config.UPLOADS_DIR ? path.resolve(root, config.UPLOADS_DIR) : path.join(dataDir, 'uploads');
		setContext({ config, db, mailer, events: new DomainEvents(), uploadsDir });

		if (config.SEED_DEMO === 'auto' && (await db.member.count()) === 0) {
			const { logins } = await seedDemo(db, { log: (line) => log.info(line) });
			log.info('empty database: demo data seeded');
			printLogins(logins, log.info);
		} else if (config.SEED_DEMO === 'auto' && config.devTools) {
			log.info(`demo logins (if the seed data is still there): ${DEMO_LOGINS.map((l) => l.email).join(' / ')} — password ${DEMO_PASSWORD}`);
		}

		// adapter-node reads these when it loads; app.ts fills the headers from PUBLIC_URL
		process.env.PROTOCOL_HEADER = ORIGIN_PROTOCOL_HEADER;
		process.env.HOST_HEADER = ORIGIN_HOST_HEADER;
		process.env.BODY_SIZE_LIMIT ??= '12M';
		const handlerPath = path.join(root, 'build', 'handler.js');
		if (!existsSync(handlerPath)) throw new Error('No build found: run `npm run build` (npm start does it for you).');
		const { handler } = (await import(pathToFileURL(handlerPath).href)) as { handler: Parameters<typeof createHttpServer>[0]['handler'] };

		const { httpServer, realtime } = await createHttpServer({ handler, log, publicUrl: config.publicUrl, visitorWritesPerMinute: config.VISITOR_WRITES_PER_MINUTE });
		await new Promise<void>((resolve, reject) => {
			httpServer.once('error', reject);
			httpServer.listen(config.PORT, config.HOST, () => resolve());
		});
		stops.push(async () => {
			await realtime.close();
			await new Promise<void>((resolve) => httpServer.close(() => resolve()));
		});
		const port = (httpServer.address() as AddressInfo).port;

		// the SFU is optional: without a mediasoup worker, one log line and rooms stay peer-to-peer
		const media = await startMedia({ log, env });
		stops.push(() => media.stop());

		const purge = setInterval(() => void purgeExpiredSessions().catch((e: Error) => log.warn(`session purge failed: ${e.message}`)), 3600_000);
		purge.unref();
		stops.push(async () => clearInterval(purge));

		// last to start, first to stop: running jobs finish before the database goes
		const jobs = startJobRunner({ log });
		stops.push(() => jobs.stop());

		log.info(`Relais is listening on ${config.publicUrl} (port ${port})`);
		return { port, url: config.publicUrl, stop: stopAll, log };
	} catch (error) {
		await stopAll();
		throw error;
	}
}

function printLogins(logins: { label: string; email: string; password: string }[], write: (line: string) => void) {
	write('demo logins:');
	for (const login of logins) write(`  ${login.label}: ${login.email} / ${login.password}`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
	startServer()
		.then(({ stop, log }) => {
			let stopping = false;
			const shutdown = (signal: string) => {
				if (stopping) return;
				stopping = true;
				log.info(`${signal} received: shutting down`);
				stop().then(
					() => process.exit(0),
					() => process.exit(1)
				);
			};
			process.on('SIGINT', () => shutdown('SIGINT'));
			process.on('SIGTERM', () => shutdown('SIGTERM'));
		})
		.catch((error: Error) => {
			console.error(`Relais could not start: ${error.message}`);
			process.exit(1);
		});
}
