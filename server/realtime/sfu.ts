import type { Server } from 'socket.io';
import { z } from 'zod';
import type { types } from 'mediasoup';
import { forbidden } from '../../src/lib/server/errors.ts';
import { currentMedia } from '../media/workers.ts';
import { register, type HandlerContext } from './protocol.ts';
import { requireParticipant, socketRoom } from './room-state.ts';

/**
 * SFU signalling (mediasoup-demo's requests): router capabilities, create/connect WebRTC
 * transports, produce, consume (paused, resumed once the client confirms), pause/resume, ICE
 * restart. Only while the room is on the SFU and a worker runs; otherwise a localized error.
 */
export const SFU_EVENTS = [
	'sfu:capabilities',
	'sfu:transport-create',
	'sfu:transport-connect',
	'sfu:transport-restart-ice',
	'sfu:produce',
	'sfu:consume',
	'sfu:consumer-resume',
	'sfu:consumer-layers',
	'sfu:producer-pause',
	'sfu:producer-resume',
	'sfu:producers'
] as const;

const slug = z.string().min(4).max(64).regex(/^[A-Za-z0-9_-]+$/);
const id = z.string().min(1).max(64);
const loose = z.looseObject({});
const schemas = {
	slug: z.object({ slug }).strict(),
	create: z.object({ slug, direction: z.enum(['send', 'recv']) }).strict(),
	connect: z.object({ slug, transportId: id, dtlsParameters: loose }).strict(),
	restart: z.object({ slug, transportId: id }).strict(),
	produce: z.object({ slug, transportId: id, kind: z.enum(['audio', 'video']), rtpParameters: loose, source: z.enum(['mic', 'camera', 'screen']).default('camera') }).strict(),
	consume: z.object({ slug, transportId: id, producerId: id, rtpCapabilities: loose }).strict(),
	consumer: z.object({ slug, consumerId: id }).strict(),
	layers: z.object({ slug, consumerId: id, spatialLayer: z.number().int().min(0).max(2) }).strict(),
	producer: z.object({ slug, producerId: id }).strict()
};

const speakerWired = new WeakSet<object>();

async function sfuRoom(socketId: string, roomSlug: string, io: Server) {
	const { room, me } = requireParticipant(socketId, roomSlug);
	const media = currentMedia();
	if (!media) throw forbidden('video.error.sfu_unavailable');
	if (room.topology !== 'sfu') throw forbidden('video.error.sfu_unavailable');
	const mediaRoom = await media.room(room.id);
	if (!speakerWired.has(mediaRoom)) {
		speakerWired.add(mediaRoom);
		// active speaker from the audio level observer
		mediaRoom.onActiveSpeaker((peerId) => io.to(socketRoom(room.id)).emit('room:active-speaker', { slug: room.slug, peerId }));
	}
	return { room, mediaRoom, peer: mediaRoom.peer(socketId, me.memberId) };
}

export function registerSfu(ctx: HandlerContext, io: Server) {
	const { socket } = ctx;
	register(ctx, 'sfu:capabilities', { schema: schemas.slug, limit: 'other' }, async (input) => {
		const { mediaRoom } = await sfuRoom(socket.id, input.slug, io);
		return { rtpCapabilities: mediaRoom.router.rtpCapabilities };
	});
	register(ctx, 'sfu:transport-create', { schema: schemas.create, limit: 'other' }, async (input) => {
		const { mediaRoom, peer } = await sfuRoom(socket.id, input.slug, io);
		return mediaRoom.createTransport(peer, input.direction);
	});
	register(ctx, 'sfu:transport-connect', { schema: schemas.connect, limit: 'other' }, async (input) => {
		const { peer } = await sfuRoom(socket.id, input.slug, io);
		const transport = peer.transport(input.transportId);
		if (!transport) throw forbidden('video.error.sfu_unavailable');
		await transport.connect({ dtlsParameters: input.dtlsParameters as unknown as types.DtlsParameters });
		return {};
	});
	register(ctx, 'sfu:transport-restart-ice', { schema: schemas.restart, limit: 'other' }, async (input) => {
		const { peer } = await sfuRoom(socket.id, input.slug, io);
		const transport = peer.transport(input.transportId);
		if (!transport) throw forbidden('video.error.sfu_unavailable');
		return { iceParameters: await transport.restartIce() };
	});
	register(ctx, 'sfu:produce', { schema: schemas.produce, limit: 'other' }, async (input) => {
		const { room, mediaRoom, peer } = await sfuRoom(socket.id, input.slug, io);
		const producer = await mediaRoom.produce(peer, input.transportId, input.kind, input.rtpParameters as unknown as types.RtpParameters, input.source);
		socket.to(socketRoom(room.id)).emit('sfu:new-producer', { slug: room.slug, peerId: socket.id, producerId: producer.id, kind: producer.kind });
		return { id: producer.id };
	});
	register(ctx, 'sfu:producers', { schema: schemas.slug, limit: 'other' }, async (input) => {
		const { mediaRoom } = await sfuRoom(socket.id, input.slug, io);
		return { producers: mediaRoom.producersExcept(socket.id) };
	});
	register(ctx, 'sfu:consume', { schema: schemas.consume, limit: 'other' }, async (input) => {
		const { mediaRoom, peer } = await sfuRoom(socket.id, input.slug, io);
		try {
			return await mediaRoom.consume(peer, input.transportId, input.producerId, input.rtpCapabilities as unknown as types.RtpCapabilities);
		} catch {
			throw forbidden('video.error.sfu_unavailable');
		}
	});
	register(ctx, 'sfu:consumer-resume', { schema: schemas.consumer, limit: 'other' }, async (input) => {
		const { peer } = await sfuRoom(socket.id, input.slug, io);
		const consumer = peer.consumers.get(input.consumerId);
		if (!consumer) throw forbidden('video.error.sfu_unavailable');
		await consumer.resume();
		return {};
	});
	// simulcast: the viewer asks for the layer its tile needs (smaller tiles, less bandwidth)
	register(ctx, 'sfu:consumer-layers', { schema: schemas.layers, limit: 'other' }, async (input) => {
		const { peer } = await sfuRoom(socket.id, input.slug, io);
		const consumer = peer.consumers.get(input.consumerId);
		if (!consumer) throw forbidden('video.error.sfu_unavailable');
		if (consumer.type === 'simulcast') await consumer.setPreferredLayers({ spatialLayer: input.spatialLayer, temporalLayer: 2 });
		return {};
	});
	for (const action of ['pause', 'resume'] as const) {
		register(ctx, `sfu:producer-${action}`, { schema: schemas.producer, limit: 'other' }, async (input) => {
			const { peer } = await sfuRoom(socket.id, input.slug, io);
			const producer = peer.producers.get(input.producerId);
			if (!producer) throw forbidden('video.error.sfu_unavailable');
			await producer[action]();
			return {};
		});
	}
}
