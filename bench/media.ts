// `npm run bench:media` — the SFU's set-up costs, figures only (nothing asserts a time).
//
// Needs a mediasoup worker binary (MEDIASOUP_WORKER_BIN, or the package's own build). npm cannot
// download or build one on a machine without internet: then this script says why and exits 0.
// With a worker: MEDIASOUP_WORKERS workers; BENCH_ROOMS rooms created concurrently (twice each, to
// show that concurrent joins share one router); BENCH_TRANSPORTS WebRTC transports per room.
// Forwarding cost per subscriber is measured in notes/TOOLCHAIN.md (PlainTransport consumers).
import { performance } from 'node:perf_hooks';
import { detectWorker } from '../server/media/detect.ts';
import { createLogger } from '../server/log.ts';

const detection = detectWorker();
if (!detection.ok) {
	console.log(`bench:media cannot run: no mediasoup worker (${detection.reason}).`);
	console.log('Set MEDIASOUP_WORKER_BIN to an executable mediasoup-worker (3.27) and run it again.');
	process.exit(0);
}

const { startMedia } = await import('../server/media/workers.ts');
const rooms = Number(process.env.BENCH_ROOMS ?? 50);
const transports = Number(process.env.BENCH_TRANSPORTS ?? 4);
const media = await startMedia({ log: createLogger('warn') });
if (!media.service) {
	console.log(`bench:media cannot run: ${media.reason}`);
	process.exit(0);
}
const service = media.service;
try {
	let t0 = performance.now();
	const created = await Promise.all(Array.from({ length: rooms * 2 }, (_, i) => service.room(`bench-${i % rooms}`)));
	const routerMs = performance.now() - t0;
	const distinct = new Set(created).size;
	console.log(`workers: ${service.workerCount}`);
	console.log(`rooms: ${rooms} (requested twice each, concurrently) → ${distinct} routers in ${routerMs.toFixed(1)} ms (${(routerMs / rooms).toFixed(2)} ms per room)`);
	t0 = performance.now();
	let count = 0;
	for (const room of new Set(created)) {
		for (let i = 0; i < transports; i++) {
			await room.createTransport(room.peer(`p${i}`, `m${i}`), i % 2 ? 'recv' : 'send');
			count++;
		}
	}
	const transportMs = performance.now() - t0;
	console.log(`WebRTC transports: ${count} in ${transportMs.toFixed(1)} ms (${(transportMs / count).toFixed(2)} ms each)`);
} finally {
	await media.stop();
}
