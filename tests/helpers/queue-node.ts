import pg from 'pg';
import { TestClock } from 'pg-boss';
import { createJobQueue } from '../../src/lib/server/jobs/boss.ts';
import { startJobRunner } from '../../server/jobs/runner.ts';

/**
 * One "server" of tests/integration/queue-cluster.test.ts, in its own process: pg-boss with the
 * production runner (workers + schedules) on the shared database, on a TestClock the parent moves
 * over IPC ({ tick: ms }, { setTime: ms }), so that several processes agree on a fake time without sleeping. Every
 * execution is recorded in the table queue_runs.
 */
const url = process.env.QUEUE_NODE_DATABASE_URL!;
const clock = new TestClock(Number(process.env.QUEUE_NODE_START));
const pool = new pg.Pool({ connectionString: url, max: 2 });
const record = async (kind: string, jobId: string) => {
	await pool.query('INSERT INTO queue_runs (kind, job_id, pid, at) VALUES ($1, $2, $3, $4)', [kind, jobId, process.pid, new Date(clock.now())]);
};
const log = { info: () => {}, warn: (line: string) => console.warn(`[${process.pid}] ${line}`), error: (line: string) => console.error(`[${process.pid}] ${line}`) };
const queue = createJobQueue({ connectionString: url, clock, schedule: true, onError: (e) => log.warn(`queue: ${e.message}`) });
const runner = startJobRunner({
	log,
	queue,
	pollMs: 1000,
	jobs: [{ kind: 'test.count', run: (_payload, job) => record('test.count', job.id) }],
	schedules: [{ name: 'test.thursday', cron: '0 13 * * 4', tz: 'Europe/Paris', run: (job) => record('test.thursday', job.id) }]
});

process.on('message', (message: { seq: number; tick?: number; setTime?: number; stop?: boolean }) => {
	void (async () => {
		if (message.setTime !== undefined) await clock.setTime(message.setTime);
		if (message.tick !== undefined) await clock.tick(message.tick);
		if (message.stop) {
			await runner.stop();
			await queue.stop();
			await pool.end();
		}
		process.send!({ seq: message.seq });
		if (message.stop) process.disconnect();
	})().catch((error: Error) => {
		console.error(error);
		process.exit(1);
	});
});

runner.ready().then(
	() => process.send!({ ready: true }),
	(error: Error) => {
		console.error(error);
		process.exit(1);
	}
);
