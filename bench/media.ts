// `npm run bench:media` — what the SFU costs, figures only (nothing asserts a time).
//
// 1. Forwarding: one producer (VP8 in three simulcast layers + Opus, from a Node WebRTC peer) and
//    N = 0, 1, 10, 50, 200 subscribers, through the project's room code (MediaService → MediaRoom:
//    its router settings, audio level observer, paused-then-resumed consumers) and through bare
//    mediasoup (a router with the same codecs, nothing else), each on its own worker, one after the
//    other in the same run. Worker CPU comes from the worker itself (getrusage), per forwarded stream
//    (each subscriber = 2 streams, the increase over N = 0) and per forwarded packet; ratio = project
//    / bare. Subscribers are PlainTransports sending to a UDP sink that counts what arrives: a
//    WebRTC receiver per subscriber would cost this machine more than the worker does.
// 2. Signalling: time from "room:join" to the first decoded video frame for a Node peer
//    (mediasoup-client + @roamhq/wrtc) through socket.io, p50/p95 over BENCH_JOINS joins.
//
// Needs a mediasoup worker binary (MEDIASOUP_WORKER_BIN, or the package's own build). npm cannot
// download or build one on a machine without internet: then this script says why and exits 0.
// BENCH_COUNTS (default 1,10,50,200), BENCH_SECONDS (measured window, default 5), BENCH_ROUNDS
// (project and bare alternate this many times per N; medians are printed, default 3), BENCH_JOINS (20),
// BENCH_JOIN_GAP_MS (pause between joins, default 1500: joins closer than about a second to the
// previous one wait ~1 s for the sender's next key frame — set 0 to see it).
import dgram from 'node:dgram';
import type { types as Ms } from 'mediasoup';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { detectWorker } from '../server/media/detect.ts';
import { createLogger } from '../server/log.ts';

const detection = detectWorker();
if (!detection.ok) {
	console.log(`bench:media cannot run: no mediasoup worker (${detection.reason}).`);
	console.log('Set MEDIASOUP_WORKER_BIN to an executable mediasoup-worker (3.27) and run it again.');
	process.exit(0);
}
// mediasoup reads it when it loads
process.env.MEDIASOUP_WORKER_BIN = detection.bin;

const mediasoup = await import('mediasoup');
const { MediaService, startMedia } = await import('../server/media/workers.ts');
const { MEDIA_CODECS } = await import('../server/media/Room.ts');
const { FakeCamera, FakeMicrophone, NodePeer } = await import('../tests/helpers/node-peer.ts');
const { Device } = await import('mediasoup-client');

const COUNTS = (process.env.BENCH_COUNTS ?? '1,10,50,200').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const JOINS = Number(process.env.BENCH_JOINS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const JOIN_GAP_MS = Number(process.env.BENCH_JOIN_GAP_MS ?? 1500);
const WARMUP_MS = 2000;
const log = createLogger('warn');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

/** Counts RTP packets arriving from the subscribers' PlainTransports. */
async function udpSink() {
	const socket = dgram.createSocket('udp4');
	let packets = 0;
	socket.on('message', () => packets++);
	await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
	return { port: (socket.address() as AddressInfo).port, packets: () => packets, close: () => socket.close() };
}

/** A way through the SFU: how to publish one producer, add subscribers, and read the worker's CPU. */
interface Path {
	name: string;
	router: Ms.Router;
	sendTransport(): Promise<{ id: string; iceParameters: unknown; iceCandidates: unknown; dtlsParameters: unknown }>;
	connect(transportId: string, dtlsParameters: Ms.DtlsParameters): Promise<void>;
	produce(transportId: string, kind: Ms.MediaKind, rtpParameters: Ms.RtpParameters, source: string): Promise<string>;
	subscribe(index: number, transport: Ms.PlainTransport, producerId: string): Promise<void>;
	unsubscribeAll(): Promise<void>;
	cpuMs(): Promise<number>;
	close(): Promise<void>;
}

async function projectPath(): Promise<Path> {
	const service = await MediaService.start({ count: 1, bin: detection.ok ? detection.bin : '', transport: { listenIp: '127.0.0.1', minPort: 40000, maxPort: 44999 }, log });
	const room = await service.room('bench-project');
	const producer = room.peer('producer', 'bench-producer');
	const viewers: string[] = [];
	return {
		name: 'project',
		router: room.router,
		sendTransport: () => room.createTransport(producer, 'send'),
		connect: async (id, dtlsParameters) => void (await producer.transport(id)!.connect({ dtlsParameters })),
		produce: async (id, kind, rtpParameters, source) => (await room.produce(producer, id, kind, rtpParameters, source)).id,
		async subscribe(index, transport, producerId) {
			const viewer = room.peer(`viewer-${index}`, `bench-viewer-${index}`);
			viewers.push(viewer.id);
			// the room code consumes on the viewer's transports; here a PlainTransport stands for the browser
			viewer.transports.set(transport.id, transport as unknown as Ms.WebRtcTransport);
			const consumer = await room.consume(viewer, transport.id, producerId, room.router.rtpCapabilities);
			await viewer.consumers.get(consumer.id)!.resume();
		},
		async unsubscribeAll() {
			for (const id of viewers.splice(0)) room.removePeer(id);
		},
		cpuMs: async () => (await service.stats()).workers[0]!.cpuMs ?? NaN,
		close: () => service.close()
	};
}

async function barePath(): Promise<Path> {
	const worker = await mediasoup.createWorker({ rtcMinPort: 45000, rtcMaxPort: 49999, logLevel: 'warn' });
	const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
	const transports = new Map<string, Ms.WebRtcTransport>();
	const subscribers: Ms.PlainTransport[] = [];
	return {
		name: 'bare mediasoup',
		router,
		async sendTransport() {
			const t = await router.createWebRtcTransport({ listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }] });
			transports.set(t.id, t);
			return { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters };
		},
		connect: (id, dtlsParameters) => transports.get(id)!.connect({ dtlsParameters }),
		produce: async (id, kind, rtpParameters) => (await transports.get(id)!.produce({ kind, rtpParameters })).id,
		async subscribe(_index, transport, producerId) {
			subscribers.push(transport);
			await transport.consume({ producerId, rtpCapabilities: router.rtpCapabilities });
		},
		async unsubscribeAll() {
			for (const t of subscribers.splice(0)) t.close();
		},
		async cpuMs() {
			const usage = await worker.getResourceUsage();
			return usage.ru_utime + usage.ru_stime;
		},
		close: async () => worker.close()
	};
}

/** A Node WebRTC peer publishing camera (3 simulcast layers) + microphone into `path`'s router. */
async function publish(path: Path) {
	const device = new Device({ handlerName: 'Chrome74' });
	// the server's and the client's type packages differ on header extensions they know; the wire format is the same
	await device.load({ routerRtpCapabilities: path.router.rtpCapabilities as never });
	const transport = device.createSendTransport((await path.sendTransport()) as never);
	transport.on('connect', ({ dtlsParameters }, done, fail) => void path.connect(transport.id, dtlsParameters as never).then(done, fail));
	transport.on('produce', ({ kind, rtpParameters, appData }, done, fail) =>
		void path.produce(transport.id, kind, rtpParameters as never, (appData as { source: string }).source).then((id) => done({ id }), fail)
	);
	const camera = new FakeCamera(640, 360, 15, true);
	const mic = new FakeMicrophone();
	const audio = await transport.produce({ track: mic.track, appData: { source: 'mic' } });
	const video = await transport.produce({
		track: camera.track,
		encodings: [
			{ rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
			{ rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
			{ rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_200_000 }
		],
		appData: { source: 'camera' }
	});
	return {
		producerIds: [audio.id, video.id],
		close() {
			transport.close();
			camera.stop();
			mic.stop();
		}
	};
}

interface Sample {
	cpuPercent: number;
	packetsPerSecond: number;
}

async function measure(path: Path, producerIds: string[], subscribers: number, sink: Awaited<ReturnType<typeof udpSink>>): Promise<Sample> {
	for (let i = 0; i < subscribers; i++) {
		const transport = await path.router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: false });
		await transport.connect({ ip: '127.0.0.1', port: sink.port });
		for (const producerId of producerIds) await path.subscribe(i, transport, producerId);
	}
	await sleep(WARMUP_MS);
	const cpu0 = await path.cpuMs();
	const packets0 = sink.packets();
	const t0 = performance.now();
	await sleep(SECONDS * 1000);
	const cpu1 = await path.cpuMs();
	const packets1 = sink.packets();
	const elapsed = performance.now() - t0;
	await path.unsubscribeAll();
	return { cpuPercent: ((cpu1 - cpu0) / elapsed) * 100, packetsPerSecond: ((packets1 - packets0) / elapsed) * 1000 };
}

async function forwarding() {
	console.log(`\n1. Forwarding cost: one producer (VP8 ×3 simulcast layers + Opus), N subscribers; medians of ${ROUNDS} windows of ${SECONDS} s (after ${WARMUP_MS / 1000} s warm-up)`);
	const paths = [await projectPath(), await barePath()];
	const sinks = await Promise.all(paths.map(() => udpSink()));
	const publishers = await Promise.all(paths.map(publish));
	try {
		await sleep(4000); // the encoder ramps up to its bitrate
		const results = new Map<string, Map<number, Sample>>();
		for (const n of [0, ...COUNTS]) {
			const samples = paths.map(() => [] as Sample[]);
			// alternate the two paths so that a busy moment of the machine falls on both
			for (let round = 0; round < ROUNDS; round++) for (const [i, path] of paths.entries()) samples[i]!.push(await measure(path, publishers[i]!.producerIds, n, sinks[i]!));
			for (const [i, path] of paths.entries()) {
				if (!results.has(path.name)) results.set(path.name, new Map());
				const median = (pick: (s: Sample) => number) => percentile(samples[i]!.map(pick), 50);
				results.get(path.name)!.set(n, { cpuPercent: median((s) => s.cpuPercent), packetsPerSecond: median((s) => s.packetsPerSecond) });
			}
		}
		const row = (name: string, n: number) => {
			const s = results.get(name)!.get(n)!;
			const base = results.get(name)!.get(0)!;
			const perStream = n > 0 ? (s.cpuPercent - base.cpuPercent) / (2 * n) : NaN;
			const usPerPacket = s.packetsPerSecond > 0 ? ((s.cpuPercent - base.cpuPercent) / 100 / s.packetsPerSecond) * 1e6 : NaN;
			return { ...s, perStream, usPerPacket };
		};
		console.log('   N | path            | worker CPU | packets/s out | CPU per stream | CPU per packet');
		for (const n of [0, ...COUNTS]) {
			for (const path of paths) {
				const r = row(path.name, n);
				console.log(
					`${String(n).padStart(4)} | ${path.name.padEnd(15)} | ${r.cpuPercent.toFixed(1).padStart(8)} % | ${r.packetsPerSecond.toFixed(0).padStart(13)} | ${n ? `${r.perStream.toFixed(3)} % core`.padStart(14) : '—'.padStart(14)} | ${n ? `${r.usPerPacket.toFixed(2)} µs`.padStart(10) : '—'}`
				);
			}
			if (n > 0) {
				const p = row('project', n);
				const b = row('bare mediasoup', n);
				console.log(`     ratio project / bare: ${(p.perStream / b.perStream).toFixed(2)}× per stream, ${(p.usPerPacket / b.usPerPacket).toFixed(2)}× per packet (target ≤ 1.1×)`);
			}
		}
	} finally {
		for (const p of publishers) p.close();
		for (const s of sinks) s.close();
		for (const p of paths) await p.close();
	}
}

async function joinToFirstFrame() {
	console.log(`\n2. Signalling: "room:join" → first decoded frame for a Node peer through socket.io, ${JOINS} joins ${JOIN_GAP_MS} ms apart`);
	const { startBenchDatabase } = await import('./stack.ts');
	const { createHttpServer } = await import('../server/app.ts');
	const { openSession } = await import('../src/lib/server/auth/sessions.ts');
	const { acceptContactRequest, sendContactRequest } = await import('../src/lib/server/relations/index.ts');
	const { configureRooms, createMeetingRoom } = await import('../src/lib/server/rooms/index.ts');
	const { io } = await import('socket.io-client');
	const stack = await startBenchDatabase('media');
	const media = await startMedia({ log, env: { ...process.env, MEDIASOUP_WORKERS: '1' } });
	const server = await createHttpServer({ handler: (_req, res) => void res.writeHead(404).end(), log, publicUrl: stack.config.publicUrl });
	await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
	const sockets: ReturnType<typeof io>[] = [];
	try {
		configureRooms({ videoMode: 'sfu' });
		const member = (name: string) =>
			stack.db.member.create({
				data: { email: `${name}@bench.relais`, firstName: name, lastName: 'Bench', slug: `bench-${name}`, status: 'active', activatedAt: new Date(), category: 'freelance' },
				select: { id: true }
			});
		const host = await member('host');
		const viewer = await member('viewer');
		const request = await sendContactRequest({ memberId: host.id }, { memberId: viewer.id });
		if (request.outcome === 'requested') await acceptContactRequest({ memberId: viewer.id }, { requestId: request.requestId });
		const { slug } = await createMeetingRoom({ memberId: host.id }, { title: 'Bench', memberIds: [viewer.id] });
		const connect = async (memberId: string) => {
			const { secret } = await openSession(memberId);
			const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: `relais_session=${secret}` } });
			sockets.push(socket);
			await new Promise<void>((resolve, reject) => {
				socket.once('session:state', () => resolve());
				socket.once('connect_error', reject);
			});
			return socket;
		};
		const publisher = new NodePeer(await connect(host.id), slug);
		await publisher.join();
		await publisher.ready();
		await sleep(2000);
		const times: number[] = [];
		for (let i = 0; i < JOINS; i++) {
			const socket = await connect(viewer.id);
			const peer = new NodePeer(socket, slug, { produce: false });
			const t0 = performance.now();
			await peer.join();
			while (peer.firstFrameAt === null && performance.now() - t0 < 15_000) await sleep(2);
			if (peer.firstFrameAt !== null) times.push(peer.firstFrameAt - t0);
			await peer.leave();
			socket.disconnect();
			await sleep(JOIN_GAP_MS);
		}
		publisher.close();
		if (times.length < JOINS) console.log(`   ${JOINS - times.length} join(s) saw no frame within 15 s`);
		console.log(`   join → first frame: p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
	} finally {
		for (const s of sockets) s.disconnect();
		await server.realtime.close();
		await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
		await media.stop();
		await stack.stop();
	}
}

console.log(`bench:media — mediasoup ${mediasoup.version}, worker ${detection.bin}`);
await forwarding();
await joinToFirstFrame();
process.exit(0);
