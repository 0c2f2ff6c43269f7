import type { Config } from './config.ts';
import type { Database } from './db.ts';
import type { JobQueue } from './jobs/boss.ts';
import type { Mailer } from './mail/mailer.ts';
import type { DomainEvents } from './events.ts';

/**
 * What the running process wires once at start-up. Stored on globalThis because the SvelteKit
 * handler is a separate bundle from server/index.ts: both must see the same database and mailer.
 */
export interface AppContext {
	config: Config;
	db: Database;
	mailer: Mailer;
	events: DomainEvents;
	/** absolute folder of uploaded files */
	uploadsDir: string;
	/** background work (pg-boss): enqueue through src/lib/server/jobs/queue.ts */
	queue: JobQueue;
}

const KEY = Symbol.for('relais.context');
type Holder = { [KEY]?: AppContext };

export function setContext(context: AppContext) {
	(globalThis as Holder)[KEY] = context;
}

export function context(): AppContext {
	const value = (globalThis as Holder)[KEY];
	if (!value) throw new Error('Relais context not initialised (server/index.ts or the test harness sets it)');
	return value;
}
