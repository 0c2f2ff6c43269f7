import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/lib/server/config.ts';
import { setContext } from '../../src/lib/server/context.ts';
import { DomainEvents } from '../../src/lib/server/events.ts';
import type { Mailer, MailMessage } from '../../src/lib/server/mail/mailer.ts';
import { createOutboxMailer } from '../../src/lib/server/mail/outbox.ts';
import { TestClock } from 'pg-boss';
import { createJobQueue, type JobQueue } from '../../src/lib/server/jobs/boss.ts';
import { freshDatabase, type FreshDatabase } from './db.ts';
import { OutboxDispatcher } from '../../src/lib/server/outbox/index.ts';
import { registerSubscribers } from '../../src/lib/server/subscribers.ts';

export interface TestContext extends FreshDatabase {
	uploadsDir: string;
	config: Config;
	events: DomainEvents;
	mailer: Mailer;
	/** the job queue (pg-boss, started on first enqueue) on a TestClock: run due jobs with runDueJobs (tests/helpers/jobs.ts) */
	queue: JobQueue;
	clock: TestClock;
	/** every message the outbox mailer stored, oldest first (reads the real OutboxMail table) */
	sentMail(to?: string): Promise<MailMessage[]>;
	/** delivers the outbox's pending events to the subscribers the server registers (as its dispatcher would after commit) */
	deliverEvents(now?: Date): Promise<number>;
	/** the first link of the newest mail to `to` */
	lastLink(to: string): Promise<string>;
	close(): Promise<void>;
}

/**
 * Wires the domain exactly as server/index.ts does, over a fresh real database. The mailer is
 * the outbox (rows in PostgreSQL) unless a test passes another, e.g. real SMTP.
 */
export async function useTestContext(options: { env?: Record<string, string>; mailer?: Mailer } = {}): Promise<TestContext> {
	const database = await freshDatabase();
	const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'http://127.0.0.1:3999', ...options.env });
	const events = new DomainEvents();
	const mailer = options.mailer ?? createOutboxMailer(database.prisma, () => {});
	const uploadsDir = mkdtempSync(path.join(os.tmpdir(), 'relais-uploads-'));
	// pg-boss reads time through the TestClock, so a test moves the queue's `now` instead of sleeping
	const clock = new TestClock(Date.now());
	const queue = createJobQueue({ connectionString: database.url, clock, max: 2 });
	setContext({ config, db: database.prisma, mailer, events, uploadsDir, queue });
	const sentMail = async (to?: string) => {
		const rows = await database.prisma.outboxMail.findMany({ where: to ? { to } : {}, orderBy: { createdAt: 'asc' } });
		return rows.map((r) => ({ to: r.to, subject: r.subject, text: r.text, html: r.html ?? undefined, headers: (r.headers as Record<string, string> | null) ?? undefined }));
	};
	const outbox = registerSubscribers(new OutboxDispatcher(database.prisma, { log: { warn: (l) => console.warn(l), error: (l) => console.error(l) } }));
	return {
		...database,
		deliverEvents: (now?: Date) => outbox.dispatchPending(now),
		config,
		events,
		mailer,
		uploadsDir,
		queue,
		clock,
		sentMail,
		async lastLink(to: string) {
			const mails = await sentMail(to);
			const link = mails.at(-1)?.text.match(/https?:\/\/\S+/)?.[0];
			if (!link) throw new Error(`no link mailed to ${to}`);
			return link;
		},
		async close() {
			await queue.stop();
			await mailer.close();
			await database.drop();
			rmSync(uploadsDir, { recursive: true, force: true });
		}
	};
}

export function tokenOf(link: string): string {
	return new URL(link).searchParams.get('token') ?? '';
}
