import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { detectWorker } from '../../server/media/detect.ts';

/**
 * The SFU with real peers: Node participants (mediasoup-client over @roamhq/wrtc, the same
 * signalling as the browser) send VP8 + Opus through a real mediasoup worker and decode what
 * they receive. Needs a worker binary (MEDIASOUP_WORKER_BIN); npm cannot fetch or build one on
 * these machines, so without it the whole file is skipped and says why.
 */
const worker = detectWorker();
if (!worker.ok) console.log(`SFU peer tests skipped: no mediasoup worker (${worker.reason})`);

describe.skipIf(!worker.ok)('SFU with Node WebRTC peers', async () => {
	const { useTestContext } = await import('../helpers/context.ts');
	const { ask, connectAs, makeContacts, makeMember, next, startRealtime, until } = await import('../helpers/realtime.ts');
	const { NodePeer } = await import('../helpers/node-peer.ts');
	const { configureRooms, createMeetingRoom, mediaStats, resetCalls } = await import('../../src/lib/server/rooms/index.ts');
	const { resetPresenceRegistry } = await import('../../src/lib/server/presence/index.ts');
	const { currentMedia } = await import('../../server/media/workers.ts');
	const { liveRooms } = await import('../../server/realtime/room-state.ts');

	let ctx: Awaited<ReturnType<typeof useTestContext>>;
	let rt: Awaited<ReturnType<typeof startRealtime>>;
	const peers: InstanceType<typeof NodePeer>[] = [];
	const defaults = { videoMode: 'auto' as const, p2pReturnMs: 10_000 };

	beforeAll(async () => {
		ctx = await useTestContext();
		resetPresenceRegistry();
		resetCalls();
		rt = await startRealtime(ctx);
	});
	afterEach(() => {
		for (const p of peers.splice(0)) p.close();
		configureRooms(defaults);
	});
	afterAll(async () => {
		await rt?.close();
		await ctx?.close();
	});

	/** A meeting room whose host invited `guests` contacts; returns every member's connected peer. */
	async function meeting(guests: number, options: ConstructorParameters<typeof NodePeer>[2] = {}) {
		const host = await makeMember(ctx);
		const others = [];
		for (let i = 0; i < guests; i++) {
			const m = await makeMember(ctx);
			await makeContacts(host.id, m.id);
			others.push(m);
		}
		const { slug } = await createMeetingRoom({ memberId: host.id }, { title: 'Point équipe', memberIds: others.map((m) => m.id) });
		const make = async (memberId: string) => {
			const { socket } = await connectAs(rt, memberId);
			const peer = new NodePeer(socket, slug, options);
			peers.push(peer);
			return peer;
		};
		return { slug, host: await make(host.id), guests: await Promise.all(others.map((m) => make(m.id))) };
	}

	const roomIdOf = (slug: string) => [...liveRooms().values()].find((r) => r.slug === slug)!.id;
	const framesFrom = (peer: InstanceType<typeof NodePeer>, from: InstanceType<typeof NodePeer>) => peer.frames.get(from.peerId!) ?? 0;

	it('moves a two-person call to the SFU when a third joins: each decodes the two others, then back to P2P when one leaves', async () => {
		configureRooms({ p2pReturnMs: 800 });
		const { host, guests } = await meeting(2);
		const [a, b] = guests;
		expect((await host.join()).data).toMatchObject({ status: 'joined', topology: 'p2p' });
		expect((await a.join()).data.topology).toBe('p2p');
		const switched = next(host.socket, 'room:topology');
		const speaker = next(host.socket, 'room:active-speaker', (m: { peerId: string | null }) => m.peerId !== null, 20_000);
		expect((await b.join()).data.topology).toBe('sfu');
		expect(await switched).toMatchObject({ topology: 'sfu' });
		await Promise.all([host.ready(), a.ready(), b.ready()]);

		const trio = [host, a, b];
		await until(() => trio.every((p) => trio.every((q) => p === q || framesFrom(p, q) > 10)), 20_000, 100);
		// the admin page's figures: three participants, each sending 2 streams and receiving 4
		const admin = await makeMember(ctx, { roles: ['member', 'admin'] });
		const figures = await mediaStats({ memberId: admin.id });
		expect(figures.available && figures.stats.rooms.find((r) => r.roomId === roomIdOf(host.slug))).toMatchObject({ peers: 3, producers: 6, consumers: 12 });
		for (const p of trio) for (const q of trio) if (p !== q) expect(p.audio.get(q.peerId!) ?? 0).toBeGreaterThan(0);
		expect(trio.flatMap((p) => p.errors)).toEqual([]);
		// everyone's microphone plays a tone: the audio level observer names one of them
		expect(trio.map((p) => p.peerId)).toContain((await speaker).peerId);

		// two left: back to peer-to-peer after the delay, and the SFU room is closed
		const back = next(host.socket, 'room:topology', () => true, 5000);
		await b.leave();
		expect(await back).toMatchObject({ topology: 'p2p' });
		await until(() => currentMedia()!.existingRoom(roomIdOf(host.slug)) === undefined, 3000);
	});

	it('creates consumers paused and forwards only once the viewer confirms', async () => {
		configureRooms({ videoMode: 'sfu' });
		const { slug, host, guests } = await meeting(1);
		await host.join();
		await host.ready();
		const viewer = guests[0].socket;
		await ask(viewer, 'room:join', { slug });
		const { rtpCapabilities } = (await ask(viewer, 'sfu:capabilities', { slug })).data;
		const { Device } = await import('mediasoup-client');
		const device = new Device({ handlerName: 'Chrome74' });
		await device.load({ routerRtpCapabilities: rtpCapabilities });
		const recv = (await ask(viewer, 'sfu:transport-create', { slug, direction: 'recv' })).data;
		const producers = (await ask(viewer, 'sfu:producers', { slug })).data.producers as { producerId: string; kind: string }[];
		expect(producers.map((p) => p.kind).sort()).toEqual(['audio', 'video']);
		const video = producers.find((p) => p.kind === 'video')!;
		const consumed = await ask(viewer, 'sfu:consume', { slug, transportId: recv.id, producerId: video.producerId, rtpCapabilities: device.recvRtpCapabilities });
		expect(consumed.data).toMatchObject({ producerId: video.producerId, kind: 'video', type: 'simulcast' });

		const mediaRoom = await currentMedia()!.existingRoom(roomIdOf(slug))!;
		const serverConsumer = () => [...mediaRoom.peers.values()].flatMap((p) => [...p.consumers.values()]).find((c) => c.id === consumed.data.id)!;
		expect(serverConsumer().paused).toBe(true);
		expect((await ask(viewer, 'sfu:consumer-resume', { slug, consumerId: consumed.data.id })).ok).toBe(true);
		expect(serverConsumer().paused).toBe(false);
		// the same stream twice on one connection is refused (a client announcing and listing producers must not double them)
		const again = await ask(viewer, 'sfu:consume', { slug, transportId: recv.id, producerId: video.producerId, rtpCapabilities: device.recvRtpCapabilities });
		expect(again.error?.code).toBe('forbidden');
	});

	it('sends each viewer the simulcast layer its tile asks for', async () => {
		configureRooms({ videoMode: 'sfu' });
		const { host, guests } = await meeting(1, { width: 960, height: 540, fps: 15 });
		const viewer = guests[0];
		await host.join();
		await viewer.join();
		await Promise.all([host.ready(), viewer.ready()]);
		await until(() => framesFrom(viewer, host) > 5, 15_000, 100);

		await viewer.preferLayer(host.peerId!, 0);
		await until(() => viewer.frameSize.get(host.peerId!)?.width === 240, 15_000, 100);
		await viewer.preferLayer(host.peerId!, 2);
		await until(() => (viewer.frameSize.get(host.peerId!)?.width ?? 0) > 240, 20_000, 100);
		// a layer that does not exist is refused, and changes nothing
		const consumer = viewer.videoConsumerOf(host.peerId!)!;
		expect((await ask(viewer.socket, 'sfu:consumer-layers', { slug: viewer.slug, consumerId: consumer.id, spatialLayer: 7 })).error?.code).toBe('malformed');
	});

	it('resumes the call on a new worker when the room’s worker is killed', async () => {
		configureRooms({ videoMode: 'sfu' });
		const { slug, host, guests } = await meeting(1);
		const guest = guests[0];
		await host.join();
		await guest.join();
		await Promise.all([host.ready(), guest.ready()]);
		await until(() => framesFrom(host, guest) > 5 && framesFrom(guest, host) > 5, 15_000, 100);

		const before = await currentMedia()!.existingRoom(roomIdOf(slug))!;
		const told = next(host.socket, 'room:reconnect', () => true, 5000);
		process.kill(before.workerPid, 'SIGKILL');
		await told;
		// both peers joined again by themselves; media flows through a router on another worker
		await until(async () => {
			const after = await currentMedia()?.existingRoom(roomIdOf(slug))?.catch(() => null);
			return !!after && after.workerPid !== before.workerPid;
		}, 10_000, 100);
		const host0 = framesFrom(host, guest);
		const guest0 = framesFrom(guest, host);
		await until(() => framesFrom(host, guest) > host0 + 10 && framesFrom(guest, host) > guest0 + 10, 20_000, 100);
		expect(currentMedia()!.workerCount).toBe(1);
	});

	it('refuses SFU requests from outsiders and malformed ones, and keeps serving', async () => {
		configureRooms({ videoMode: 'sfu' });
		const { slug, host } = await meeting(1);
		await host.join();
		await host.ready();
		const outsider = await connectAs(rt, (await makeMember(ctx)).id);
		for (const [event, payload] of [
			['sfu:capabilities', { slug }],
			['sfu:transport-create', { slug, direction: 'recv' }],
			['sfu:producers', { slug }],
			['sfu:consume', { slug, transportId: 'x', producerId: 'y', rtpCapabilities: {} }]
		] as const) {
			expect((await ask(outsider.socket, event, payload)).error?.code, event).toBe('forbidden');
		}
		for (const payload of [null, { slug, direction: 'sideways' }, { slug, direction: 'send', extra: true }]) {
			expect((await ask(host.socket, 'sfu:transport-create', payload)).error?.code).toBe('malformed');
		}
		// unknown ids and a consumer the router cannot make: a localized refusal, no crash
		expect((await ask(host.socket, 'sfu:consume', { slug, transportId: 'nope', producerId: 'nope', rtpCapabilities: {} })).error?.message).toContain('serveur multimédia');
		expect((await ask(host.socket, 'sfu:consumer-resume', { slug, consumerId: 'nope' })).error?.code).toBe('forbidden');
		expect((await ask(host.socket, 'sfu:transport-connect', { slug, transportId: 'nope', dtlsParameters: { role: 'x' } })).error?.code).toBe('forbidden');
		expect((await ask(host.socket, 'sfu:capabilities', { slug })).ok).toBe(true);
	});
});
