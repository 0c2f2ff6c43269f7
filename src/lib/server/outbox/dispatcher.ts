import pg from 'pg';
import type { Database } from '../db.ts';
import type { OutboxEventMap, OutboxEventName } from './events.ts';
import { OUTBOX_CHANNEL, type Tx } from './record.ts';

export interface Delivery {
	eventId: bigint;
	createdAt: Date;
	/** the subscriber's own transaction: what it writes commits together with "delivered" */
	tx: Tx;
	/** runs `effect` once the transaction has committed (e.g. tell open tabs about rows it wrote); failures are logged */
	afterCommit(effect: () => void | Promise<void>): void;
}

interface Subscriber {
	event: OutboxEventName;
	name: string;
	handle: (payload: never, delivery: Delivery) => Promise<void>;
	/** runs after the delivery is recorded (at most once): for effects outside the database, e.g. a socket fan-out */
	afterCommit: boolean;
}

interface PendingEvent {
	id: bigint;
	name: string;
	payload: unknown;
	createdAt: Date;
	attempts: number;
}

export interface DispatcherOptions {
	log?: { warn(line: string): void; error(line: string): void };
	batch?: number;
	/** after this many failed rounds an event is given up (failedAt) and logged */
	maxAttempts?: number;
	/** safety net besides NOTIFY: how often pending events are looked for */
	sweepMs?: number;
}

const BACKOFF_MS = [1_000, 5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000];

/**
 * Delivers recorded events to subscribers, each (event, subscriber) once: the subscriber runs in
 * a transaction that first inserts its DomainEventDelivery row, so a concurrent dispatcher on
 * another node waits on that row and then skips it, and a failure rolls both back for a retry.
 * Woken by NOTIFY after each commit, and by a periodic sweep (events left by a crash, retries).
 */
export class OutboxDispatcher {
	private subscribers = new Map<string, Subscriber[]>();
	private listener: pg.Client | null = null;
	private timer: NodeJS.Timeout | null = null;
	private running: Promise<void> | null = null;
	private again = false;
	private stopped = false;

	constructor(
		private db: Database,
		private options: DispatcherOptions = {}
	) {}

	subscribe<K extends OutboxEventName>(event: K, name: string, handle: (payload: OutboxEventMap[K], delivery: Delivery) => Promise<void>, options: { afterCommit?: boolean } = {}): void {
		const list = this.subscribers.get(event) ?? [];
		if (list.some((s) => s.name === name)) throw new Error(`outbox: subscriber ${name} already listens to ${event}`);
		list.push({ event, name, handle: handle as Subscriber['handle'], afterCommit: options.afterCommit ?? false });
		this.subscribers.set(event, list);
	}

	/** Delivers every due event; returns how many deliveries were made. Tests call it directly. */
	async dispatchPending(now: Date = new Date()): Promise<number> {
		let delivered = 0;
		for (;;) {
			const events = await this.db.$queryRaw<PendingEvent[]>`
				SELECT "id", "name", "payload", "createdAt", "attempts" FROM "DomainEvent"
				WHERE "dispatchedAt" IS NULL AND "nextAttemptAt" <= ${now}
				ORDER BY "id" LIMIT ${this.options.batch ?? 100}`;
			for (const event of events) delivered += await this.dispatchOne(event, now);
			if (events.length < (this.options.batch ?? 100)) return delivered;
		}
	}

	private async dispatchOne(event: PendingEvent, now: Date): Promise<number> {
		let delivered = 0;
		const errors: string[] = [];
		for (const subscriber of this.subscribers.get(event.name) ?? []) {
			try {
				const effects: (() => void | Promise<void>)[] = [];
				const delivery = { eventId: event.id, createdAt: event.createdAt, afterCommit: (effect: () => void | Promise<void>) => void effects.push(effect) };
				const claimed = await this.db.$transaction(async (tx) => {
					const inserted = await tx.$executeRaw`
						INSERT INTO "DomainEventDelivery" ("eventId", "subscriber") VALUES (${event.id}, ${subscriber.name})
						ON CONFLICT DO NOTHING`;
					if (inserted === 0) return false;
					if (!subscriber.afterCommit) await subscriber.handle(event.payload as never, { ...delivery, tx });
					return true;
				});
				if (!claimed) continue;
				delivered++;
				if (subscriber.afterCommit) effects.unshift(() => subscriber.handle(event.payload as never, { ...delivery, tx: this.db }));
				for (const effect of effects) {
					try {
						await effect();
					} catch (error) {
						this.options.log?.warn(`outbox: ${subscriber.name} on ${event.name} #${event.id} (after commit): ${(error as Error).message}`);
					}
				}
			} catch (error) {
				errors.push(`${subscriber.name}: ${(error as Error).message}`);
			}
		}
		if (errors.length === 0) {
			await this.db.domainEvent.updateMany({ where: { id: event.id, dispatchedAt: null }, data: { dispatchedAt: now } });
			return delivered;
		}
		const attempts = event.attempts + 1;
		const givenUp = attempts >= (this.options.maxAttempts ?? BACKOFF_MS.length + 1);
		const lastError = errors.join('; ').slice(0, 2000);
		if (givenUp) this.options.log?.error(`outbox: event ${event.name} #${event.id} given up after ${attempts} attempts: ${lastError}`);
		else this.options.log?.warn(`outbox: event ${event.name} #${event.id} will be retried: ${lastError}`);
		await this.db.domainEvent.update({
			where: { id: event.id },
			data: {
				attempts,
				lastError,
				nextAttemptAt: new Date(now.getTime() + BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)]),
				...(givenUp ? { dispatchedAt: now, failedAt: now } : {})
			}
		});
		return delivered;
	}

	/** Listens for commits on its own connection and sweeps periodically; delivers what a crash left behind at once. */
	async start(connectionString: string): Promise<void> {
		this.stopped = false;
		const listener = new pg.Client({ connectionString });
		listener.on('error', (error) => this.options.log?.warn(`outbox listener: ${error.message}`));
		listener.on('notification', () => this.kick());
		await listener.connect();
		await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
		this.listener = listener;
		this.timer = setInterval(() => this.kick(), this.options.sweepMs ?? 5_000);
		this.timer.unref();
		this.kick();
	}

	/** Runs one dispatch round now, or right after the current one (rounds never overlap in one process). */
	kick(): void {
		if (this.stopped) return;
		if (this.running) {
			this.again = true;
			return;
		}
		this.running = this.dispatchPending()
			.then(() => undefined)
			.catch((error: Error) => this.options.log?.warn(`outbox dispatch failed: ${error.message}`))
			.finally(() => {
				this.running = null;
				if (this.again) {
					this.again = false;
					this.kick();
				}
			});
	}

	/** Lets the round under way finish; what is left is delivered by the next start, on any node. */
	async stop(): Promise<void> {
		this.stopped = true;
		if (this.timer) clearInterval(this.timer);
		await this.running;
		await this.listener?.end().catch(() => {});
		this.listener = null;
	}
}
