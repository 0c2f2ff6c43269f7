import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../helpers/db.ts';
import { until } from '../helpers/realtime.ts';
import { createJobQueue, sendJob, type JobQueue } from '../../src/lib/server/jobs/boss.ts';

/**
 * Three server-like processes (tests/helpers/queue-node.ts: pg-boss + the production runner) on one
 * database, on a fake clock they share: a schedule fires once per occurrence, a job runs once.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const NODE = path.join(here, '..', 'helpers', 'queue-node.ts');
// Thursday 7 January 2027, 12:58:30 in Paris (UTC+1): the schedule says Thursdays 13:00 Europe/Paris
const START = Date.parse('2027-01-07T11:58:30Z');
const SECOND = 1000;

let db: FreshDatabase;
let sender: JobQueue;
const nodes: { child: ChildProcess; call(message: object): Promise<void> }[] = [];

function startNode(): Promise<(typeof nodes)[number]> {
	const child = fork(NODE, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, QUEUE_NODE_DATABASE_URL: db.url, QUEUE_NODE_START: String(START) }, stdio: 'inherit' });
	let seq = 0;
	const waiting = new Map<number, () => void>();
	child.on('message', (m: { seq?: number }) => {
		if (m.seq !== undefined) waiting.get(m.seq)?.();
	});
	const call = (message: object) =>
		new Promise<void>((resolve, reject) => {
			const id = ++seq;
			waiting.set(id, resolve);
			child.once('exit', (code) => reject(new Error(`queue node exited (${code})`)));
			child.send({ ...message, seq: id });
		});
	return new Promise((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`queue node exited before ready (${code})`)));
		child.on('message', (m: { ready?: boolean }) => {
			if (m.ready) resolve({ child, call });
		});
	});
}

/** moves every node's clock by `ms`, `step` at a time, in lock step */
async function advance(ms: number, step = 5 * SECOND) {
	for (let moved = 0; moved < ms; moved += step) await Promise.all(nodes.map((n) => n.call({ tick: step })));
}

const runs = async (kind: string) => (await db.prisma.$queryRaw<{ job_id: string; pid: number; at: Date }[]>`SELECT job_id, pid, at FROM queue_runs WHERE kind = ${kind} ORDER BY at`);

beforeAll(async () => {
	db = await freshDatabase();
	await db.prisma.$executeRawUnsafe('CREATE TABLE queue_runs (kind text NOT NULL, job_id text NOT NULL, pid int NOT NULL, at timestamptz NOT NULL)');
	sender = createJobQueue({ connectionString: db.url, max: 1 });
	for (let i = 0; i < 3; i++) nodes.push(await startNode());
}, 60_000);

afterAll(async () => {
	// one after the other: each stop restores pg-boss's clock function in the shared schema
	for (const n of nodes) await n.call({ stop: true }).catch(() => n.child.kill('SIGKILL'));
	await sender?.stop();
	await db?.drop();
}, 60_000);

describe('three processes on one database', () => {
	it('run each job once, and fire a Thursday 13:00 Europe/Paris schedule once per occurrence (two Thursdays)', async () => {
		const boss = await sender.boss();
		const ids = [];
		for (let i = 0; i < 30; i++) ids.push(await sendJob(boss, 'test.count', { i }, { runAt: new Date(START - 60 * SECOND) }));
		// 12:58:30 → 13:02:30 Paris: the jobs run, the 13:00 occurrence fires
		await advance(4 * 60 * SECOND);
		await until(async () => (await runs('test.count')).length >= 30 && (await runs('test.thursday')).length >= 1, 10_000);
		// and nothing more in the minutes after it
		await advance(3 * 60 * SECOND, 15 * SECOND);

		const counted = await runs('test.count');
		expect(counted).toHaveLength(30);
		expect(new Set(counted.map((r) => r.job_id))).toEqual(new Set(ids));
		const fired = await runs('test.thursday');
		expect(fired).toHaveLength(1);
		// fired at 13:00 Paris (12:00 UTC), within a cron pass of it; the three clocks move in 5 s
		// steps one after the other, so a process may read the shared time one step off
		expect(fired[0]!.at.getTime()).toBeGreaterThanOrEqual(Date.parse('2027-01-07T12:00:00Z') - 5 * SECOND);
		expect(fired[0]!.at.getTime()).toBeLessThan(Date.parse('2027-01-07T12:01:30Z'));
		// the pool of workers was shared: the jobs did not all run in one process
		expect(new Set(counted.map((r) => r.pid)).size).toBeGreaterThan(1);

		// a week later, the next occurrence: once again
		await Promise.all(nodes.map((n) => n.call({ setTime: Date.parse('2027-01-14T11:59:30Z') })));
		await advance(3 * 60 * SECOND);
		await until(async () => (await runs('test.thursday')).length >= 2, 10_000);
		await advance(2 * 60 * SECOND, 15 * SECOND);
		const weekly = await runs('test.thursday');
		expect(weekly).toHaveLength(2);
		expect(weekly[1]!.at.getTime()).toBeGreaterThanOrEqual(Date.parse('2027-01-14T12:00:00Z') - 5 * SECOND);
		expect(weekly[1]!.at.getTime()).toBeLessThan(Date.parse('2027-01-14T12:01:30Z'));
	}, 120_000);
});
