import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/** scripts/mediasoup-worker.mjs, run by `npm install` (postinstall): never fails, never hangs. */
const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'mediasoup-worker.mjs');

function run(env: Record<string, string>) {
	const started = Date.now();
	const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	child.stdout.on('data', (c: Buffer) => (out += c.toString()));
	child.stderr.on('data', (c: Buffer) => (out += c.toString()));
	return new Promise<{ code: number | null; out: string; ms: number }>((resolve) => child.on('close', (code) => resolve({ code, out, ms: Date.now() - started })));
}

const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

describe('postinstall: mediasoup prebuilt worker', () => {
	it('download host unreachable: exits 0 at once with one line saying rooms stay peer-to-peer', async () => {
		const { code, out, ms } = await run({ MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL: 'http://127.0.0.1:9' });
		expect(code).toBe(0);
		expect(ms).toBeLessThan(10_000);
		expect(out.trim().split('\n')).toHaveLength(1);
		expect(out).toMatch(/^mediasoup worker: no prebuilt worker \(download failed: .*ECONNREFUSED.*\); rooms stay peer-to-peer/);
	});

	it('a host that never answers: given up after the time-out, still exit 0', async () => {
		const silent = createServer(() => {}); // accepts connections, never answers
		servers.push(silent);
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		const port = (silent.address() as { port: number }).port;
		const { code, out, ms } = await run({ MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL: `http://127.0.0.1:${port}`, MEDIASOUP_DOWNLOAD_TIMEOUT_SECONDS: '1' });
		expect(code).toBe(0);
		expect(ms).toBeLessThan(6_000);
		expect(out.trim()).toBe('mediasoup worker: no prebuilt worker (no answer within 1 s); rooms stay peer-to-peer until MEDIASOUP_WORKER_BIN points at one — see the README.');
	});

	it('MEDIASOUP_WORKER_BIN set: nothing is downloaded', async () => {
		const { code, out } = await run({ MEDIASOUP_WORKER_BIN: '/opt/mediasoup-worker', MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL: 'http://127.0.0.1:9' });
		expect(code).toBe(0);
		expect(out.trim()).toBe('mediasoup worker: MEDIASOUP_WORKER_BIN is set (/opt/mediasoup-worker), no download.');
	});
});
