import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { createDatabase } from '../../src/lib/server/db.ts';
import { OutboxDispatcher, recordEvent } from '../../src/lib/server/outbox/index.ts';

let ctx: TestContext;
const quiet = { warn: () => {}, error: () => {} };

beforeAll(async () => {
	ctx = await useTestContext();
	await ctx.prisma.$executeRawUnsafe(`CREATE TABLE test_effects (event_id bigint, subscriber text, n int)`);
	await ctx.prisma.$executeRawUnsafe(`CREATE TABLE test_changes (label text)`);
});
afterAll(async () => ctx?.close());
beforeEach(async () => {
	await ctx.prisma.$executeRawUnsafe(`TRUNCATE test_effects, test_changes, "DomainEvent" CASCADE`);
});

/** a subscriber whose effect is a row: counting rows counts deliveries */
function effectOf(name: string) {
	return async (payload: { n: number }, delivery: { eventId: bigint; tx: { $executeRaw: typeof ctx.prisma.$executeRaw } }) => {
		await delivery.tx.$executeRaw`INSERT INTO test_effects (event_id, subscriber, n) VALUES (${delivery.eventId}, ${name}, ${payload.n})`;
	};
}
const effects = () => ctx.prisma.$queryRaw<{ subscriber: string; n: number }[]>`SELECT subscriber, n FROM test_effects ORDER BY event_id, subscriber`;

function dispatcherWith(db = ctx.prisma) {
	const dispatcher = new OutboxDispatcher(db, { log: quiet });
	dispatcher.subscribe('outbox.ping', 'mail', effectOf('mail'));
	dispatcher.subscribe('outbox.ping', 'queue', effectOf('queue'));
	return dispatcher;
}

describe('the outbox', () => {
	it('records an event only if the change commits', async () => {
		await expect(
			ctx.prisma.$transaction(async (tx) => {
				await recordEvent(tx, 'outbox.ping', { n: 1 });
				throw new Error('the change fails');
			})
		).rejects.toThrow('the change fails');
		expect(await ctx.prisma.domainEvent.count()).toBe(0);
		await ctx.prisma.$transaction((tx) => recordEvent(tx, 'outbox.ping', { n: 2 }));
		expect(await ctx.prisma.domainEvent.count()).toBe(1);
	});

	it('delivers each event to each subscriber once, however often it runs', async () => {
		for (const n of [1, 2, 3]) await ctx.prisma.$transaction((tx) => recordEvent(tx, 'outbox.ping', { n }));
		const dispatcher = dispatcherWith();
		expect(await dispatcher.dispatchPending()).toBe(6);
		expect(await dispatcher.dispatchPending()).toBe(0);
		expect(await effects()).toEqual([1, 2, 3].flatMap((n) => [{ subscriber: 'mail', n }, { subscriber: 'queue', n }]));
		expect(await ctx.prisma.domainEvent.count({ where: { dispatchedAt: null } })).toBe(0);
	});

	it('retries a failing subscriber later without running the others again, and rolls back its partial effect', async () => {
		await ctx.prisma.$transaction((tx) => recordEvent(tx, 'outbox.ping', { n: 7 }));
		const dispatcher = new OutboxDispatcher(ctx.prisma, { log: quiet });
		dispatcher.subscribe('outbox.ping', 'mail', effectOf('mail'));
		let fail = true;
		dispatcher.subscribe('outbox.ping', 'flaky', async (payload, delivery) => {
			await effectOf('flaky')(payload, delivery);
			if (fail) throw new Error('SMTP down');
		});
		// the event's first attempt is due at its recording time (now)
		const t0 = new Date(Date.now() + 1_000);
		expect(await dispatcher.dispatchPending(t0)).toBe(1);
		expect(await effects()).toEqual([{ subscriber: 'mail', n: 7 }]);
		const event = await ctx.prisma.domainEvent.findFirstOrThrow();
		expect(event).toMatchObject({ attempts: 1, dispatchedAt: null, lastError: expect.stringContaining('SMTP down') });
		expect(event.nextAttemptAt.getTime()).toBeGreaterThan(t0.getTime());

		fail = false;
		expect(await dispatcher.dispatchPending(t0)).toBe(0); // not due yet
		expect(await dispatcher.dispatchPending(new Date(t0.getTime() + 60_000))).toBe(1);
		expect(await effects()).toEqual([
			{ subscriber: 'flaky', n: 7 },
			{ subscriber: 'mail', n: 7 }
		]);
	});

	it('gives an event up after its last attempt and says so', async () => {
		await ctx.prisma.$transaction((tx) => recordEvent(tx, 'outbox.ping', { n: 1 }));
		const errors: string[] = [];
		const dispatcher = new OutboxDispatcher(ctx.prisma, { log: { warn: () => {}, error: (l) => errors.push(l) }, maxAttempts: 2 });
		dispatcher.subscribe('outbox.ping', 'broken', async () => {
			throw new Error('always');
		});
		const later = new Date(Date.now() + 86_400_000);
		await dispatcher.dispatchPending();
		await dispatcher.dispatchPending(later);
		const event = await ctx.prisma.domainEvent.findFirstOrThrow();
		expect(event.failedAt).not.toBeNull();
		expect(event.dispatchedAt).not.toBeNull();
		expect(errors.join('\n')).toMatch(/given up after 2 attempts: broken: always/);
	});

	it('two dispatchers on two connections (two nodes) still deliver each event once per subscriber', async () => {
		for (let n = 0; n < 40; n++) await ctx.prisma.$transaction((tx) => recordEvent(tx, 'outbox.ping', { n }));
		const other = createDatabase(ctx.url, { max: 4 });
		try {
			const [a, b] = await Promise.all([dispatcherWith().dispatchPending(), dispatcherWith(other).dispatchPending()]);
			expect(a + b).toBe(80);
		} finally {
			await other.$disconnect();
		}
		const rows = await effects();
		expect(rows).toHaveLength(80);
		expect(new Set(rows.map((r) => `${r.subscriber}:${r.n}`)).size).toBe(80);
	});

	it('wakes up on commit (NOTIFY) without waiting for its sweep', async () => {
		const dispatcher = new OutboxDispatcher(ctx.prisma, { log: quiet, sweepMs: 3_600_000 });
		dispatcher.subscribe('outbox.ping', 'mail', effectOf('mail'));
		await dispatcher.start(ctx.url);
		try {
			await ctx.prisma.$transaction((tx) => recordEvent(tx, 'outbox.ping', { n: 5 }));
			await vi.waitFor(async () => expect(await effects()).toEqual([{ subscriber: 'mail', n: 5 }]), { timeout: 5_000, interval: 20 });
		} finally {
			await dispatcher.stop();
		}
	});

	it('delivers, after a restart, what a process killed right after its commit left behind', async () => {
		const root = path.resolve(import.meta.dirname, '../..');
		const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/outbox-crash-child.ts'], { cwd: root, env: { ...process.env, CHILD_DATABASE_URL: ctx.url }, stdio: 'inherit' });
		const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
		expect(signal).toBe('SIGKILL');
		expect(await ctx.prisma.$queryRaw`SELECT label FROM test_changes`).toEqual([{ label: 'committed before the crash' }]);
		expect(await effects()).toEqual([]);

		const restarted = dispatcherWith();
		await restarted.dispatchPending();
		await restarted.dispatchPending();
		expect(await effects()).toEqual([
			{ subscriber: 'mail', n: 99 },
			{ subscriber: 'queue', n: 99 }
		]);
	});
});
