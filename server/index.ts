import path from 'node:path';
import { leaveSignalsToCaller } from './db/embedded.ts';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { demoSeedWanted, loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { openDatabaseServer } from './db/database.ts';
import { applyMigrations } from './db/migrate.ts';
import { createDatabase, type Database } from '../src/lib/server/db.ts';
import { prewarmDirectory } from '../src/lib/server/directory/index.ts';
import { setContext } from '../src/lib/server/context.ts';
import { DomainEvents } from '../src/lib/server/events.ts';
import { createSmtpMailer } from '../src/lib/server/mail/smtp.ts';
import { createOutboxMailer } from '../src/lib/server/mail/outbox.ts';
import { createJobQueue } from '../src/lib/server/jobs/boss.ts';
import { createHttpServer, ORIGIN_HOST_HEADER, ORIGIN_PROTOCOL_HEADER } from './app.ts';
import { CLIENT_ADDRESS_HEADER, isLoopbackAddress } from '../src/lib/server/client-address.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../prisma/seed/demo.ts';
import { seedReferencing } from '../prisma/seed/referencing.ts';
import { checkChatEnv } from '../src/lib/server/chat/settings.ts';
import { checkPresenceEnv } from '../src/lib/server/presence/settings.ts';
import { checkAdminEnv } from '../src/lib/server/admin/settings.ts';
import { startJobRunner } from './jobs/runner.ts';
import { checkRoomsEnv } from '../src/lib/server/rooms/settings.ts';
import { checkNotificationsEnv } from '../src/lib/server/notifications/settings.ts';
import { paymentSettings } from '../src/lib/server/payments/settings.ts';
import { setMedia, startMedia } from './media/workers.ts';
import { OutboxDispatcher } from '../src/lib/server/outbox/index.ts';
import { registerSubscribers } from '../src/lib/server/subscribers.ts';
import { checkLiveEnv, connectLiveRedis, liveSettings } from '../src/lib/server/live/index.ts';
import { startSharedPresence, stopSharedPresence } from '../src/lib/server/presence/index.ts';
import { checkUploadStorageEnv, uploadStorageSettings } from '../src/lib/server/uploads/index.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * Boot order (ARCHITECTURE.md): config → database → migrations → seed → HTTP + SvelteKit →
 * socket.io → media workers (SFU, optional) → job workers and schedules (pg-boss, started with the
 * database so that requests can enqueue). Shutdown runs the other way round on SIGINT/SIGTERM.
 */
export async function startServer(env: Record<string, string | undefined> = process.env) {
	const config = loadConfig(env);
	checkChatEnv(env);
	checkPresenceEnv(env);
	checkAdminEnv(env);
	checkRoomsEnv(env);
	checkNotificationsEnv(env);
	paymentSettings.check(env);
	checkLiveEnv(env);
	checkUploadStorageEnv(env);
	const log = createLogger(config.LOG_LEVEL);
	if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) log.warn('STRIPE_SECRET_KEY is set without STRIPE_WEBHOOK_SECRET: Stripe webhooks will be refused and no online payment will ever be confirmed');
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
		// pg-boss (schema pgboss, installed or migrated here); requests may enqueue from now on, so it
		// stops after the HTTP server: running jobs finish (graceful), then its pool closes
		const queue = createJobQueue({ connectionString: server.url, schedule: true, supervise: true, onError: (e) => log.warn(`queue: ${e.message}`) });
		await queue.boss();
		stops.push(() => queue.stop());
		const mailer = config.SMTP_URL ? createSmtpMailer(config.SMTP_URL, config.MAIL_FROM) : createOutboxMailer(db, (line) => log.info(line));
		stops.push(() => mailer.close());
		if (mailer.kind === 'outbox') {
			if (!isLoopbackAddress(config.HOST)) {
				log.warn(
					`no SMTP_URL while listening on ${config.HOST}: emails are NOT delivered to anyone — set SMTP_URL. They are kept in the database; ${config.publicUrl}/dev/outbox answers only to requests from this machine (not through a proxy) and to administrators.`
				);
			} else log.info(`no SMTP_URL: emails are kept at ${config.publicUrl}/dev/outbox (from this machine only) and their links logged here`);
		}
		// several nodes (README "Plusieurs serveurs"): socket fan-out, presence, calls and socket
		// rate limits share Redis; without REDIS_URL everything stays in this process's memory
		const shared = liveSettings();
		if (shared.redisUrl) {
			const live = await connectLiveRedis(shared.redisUrl, { nodeId: shared.nodeId, log: log.warn });
			stops.push(() => live.close());
			await startSharedPresence(live, log.warn);
			stops.push(() => stopSharedPresence());
			log.info(`REDIS_URL set: live state shared in Redis, this node is ${live.nodeId}`);
		}
		const uploadsDir = config.UPLOADS_DIR ? path.resolve(root, config.UPLOADS_DIR) : path.join(dataDir, 'uploads');
		setContext({ config, db, mailer, events: new DomainEvents(), uploadsDir, queue });
		const storage = uploadStorageSettings();
		if (storage.kind === 's3') log.info(`uploads in S3-compatible storage: bucket ${storage.bucket}${storage.endpoint ? ` at ${storage.endpoint}` : ''}`);

		const emptyDatabase = (await db.member.count()) === 0;
		if (demoSeedWanted(config) && emptyDatabase) {
			const { logins } = await seedDemo(db, { log: (line) => log.info(line) });
			// cooperative referencing (prisma/seed/referencing.ts): its buyer and cooperative logins
			logins.push(...(await seedReferencing(db)));
			log.info('empty database: demo data seeded');
			printLogins(logins, log.info);
		} else if (emptyDatabase && config.SEED_DEMO === 'auto') {
			log.info('empty database: no demo data in production (SEED_DEMO=on to seed it)');
		} else if (config.SEED_DEMO !== 'off' && config.devTools) {
			log.info(`demo logins (if the seed data is still there): ${DEMO_LOGINS.map((l) => l.email).join(' / ')} — password ${DEMO_PASSWORD}`);
		}

		// adapter-node reads these when it loads; app.ts fills the headers from PUBLIC_URL
		process.env.PROTOCOL_HEADER = ORIGIN_PROTOCOL_HEADER;
		process.env.HOST_HEADER = ORIGIN_HOST_HEADER;
		process.env.ADDRESS_HEADER = CLIENT_ADDRESS_HEADER;
		process.env.BODY_SIZE_LIMIT ??= '12M';
		const handlerPath = path.join(root, 'build', 'handler.js');
		if (!existsSync(handlerPath)) throw new Error('No build found: run `npm run build` (npm start does it for you).');
		const { handler } = (await import(pathToFileURL(handlerPath).href)) as { handler: Parameters<typeof createHttpServer>[0]['handler'] };

		const { httpServer, realtime, startDraining } = await createHttpServer({ handler, log, publicUrl: config.publicUrl, visitorWritesPerMinute: config.VISITOR_WRITES_PER_MINUTE });
		await new Promise<void>((resolve, reject) => {
			httpServer.once('error', reject);
			httpServer.listen(config.PORT, config.HOST, () => resolve());
		});
		stops.push(async () => {
			await realtime.close();
			await new Promise<void>((resolve) => httpServer.close(() => resolve()));
		});
		const port = (httpServer.address() as AddressInfo).port;

		// the SFU is optional: without a mediasoup worker, one log line and rooms stay peer-to-peer.
		// RELAIS_ROLE=web: none on this node (rooms are placed on the media nodes, README "Plusieurs serveurs")
		if (shared.role === 'web') {
			log.info('RELAIS_ROLE=web: no mediasoup worker on this node; rooms go to nodes running the SFU when there are any');
			setMedia(null, 'RELAIS_ROLE=web : pas de worker mediasoup sur ce nœud (les salles vont sur les nœuds SFU)');
		}
		else {
			const media = await startMedia({ log, env });
			stops.push(() => media.stop());
		}

		// events recorded by commits (and any a crash left undelivered) reach their subscribers
		const outbox = registerSubscribers(new OutboxDispatcher(db, { log }));
		await outbox.start(server.url);
		stops.push(() => outbox.stop());

		// last to start, first to stop: workers of every job kind and the schedules of
		// server/jobs/schedules.ts (e.g. the nightly purge of expired sessions)
		const jobs = startJobRunner({ log, queue });
		stops.push(() => jobs.stop());

		await warmUp(db, config.HOST, port, log);
		log.info(`Relais is listening on ${config.publicUrl} (port ${port})`);
		/**
		 * Leaving a cluster (SIGTERM with REDIS_URL): not ready any more (the load balancer stops
		 * sending), no new connections, every socket told to reconnect — to another node, where its
		 * session is recovered from Redis and its rooms rejoined — then the normal stop.
		 */
		const drain = async () => {
			if (!shared.redisUrl) return;
			startDraining();
			httpServer.close();
			realtime.drain();
			const until = Date.now() + shared.drainMs;
			while (realtime.io.of('/').sockets.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
			log.info(`drained: ${realtime.io.of('/').sockets.size} connection(s) left`);
		};
		return { port, url: config.publicUrl, stop: stopAll, drain, log };
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/**
 * The first search after a start paid for loading the gazetteer, SvelteKit's route modules and
 * PostgreSQL's first plans and pages (1.4 s at a million members against ~50 ms warm): the
 * directory's indexes and rows are loaded into PostgreSQL's shared buffers (pg_prewarm), then a
 * few directory searches of our own go through the real HTTP stack, before we announce that we listen.
 */
async function warmUp(db: Database, host: string, port: number, log: ReturnType<typeof createLogger>) {
	const address = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	const started = performance.now();
	try {
		const bytes = await prewarmDirectory(db);
		if (bytes > 0) log.info(`directory loaded into PostgreSQL's memory: ${Math.round(bytes / 1048576)} MB in ${Math.round(performance.now() - started)} ms`);
		// each shape of search, then each again side by side, so that several pooled connections
		// (each with its own PostgreSQL caches) have served one
		// (a misspelt word takes the typo path; companies have their own search)
		const shapes = ['providers?q=conseil', 'providers?q=conseil&where=Paris', 'providers?where=Lyon&sort=distance', 'providers?skill=formation', 'providers?q=plonbier', 'companies?q=conseil'];
		const search = (query: string) => fetch(`http://${address}:${port}/api/v1/${query}`, { signal: AbortSignal.timeout(15_000) }).then((r) => r.arrayBuffer());
		for (const query of shapes) await search(query);
		for (let round = 0; round < 2; round++) await Promise.all(shapes.map(search));
		log.debug(`warm-up: ${Math.round(performance.now() - started)} ms`);
	} catch (error) {
		log.warn(`warm-up skipped: ${(error as Error).message}`);
	}
}

function printLogins(logins: { label: string; email: string; password: string }[], write: (line: string) => void) {
	write('demo logins:');
	for (const login of logins) write(`  ${login.label}: ${login.email} / ${login.password}`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
	startServer()
		.then(({ stop, drain, log }) => {
			let stopping = false;
			const shutdown = (signal: string) => {
				if (stopping) return;
				stopping = true;
				log.info(`${signal} received: shutting down`);
				drain()
					.catch((error: Error) => log.warn(`drain failed: ${error.message}`))
					.then(stop)
					.then(
						() => process.exit(0),
						() => process.exit(1)
					);
			};
			leaveSignalsToCaller();
			process.on('SIGINT', () => shutdown('SIGINT'));
			process.on('SIGTERM', () => shutdown('SIGTERM'));
		})
		.catch((error: Error) => {
			console.error(`Relais could not start: ${error.message}`);
			process.exit(1);
		});
}
