import type { Server } from 'socket.io';
import { z } from 'zod';
import type { types } from 'mediasoup';
import { forbidden } from '../../src/lib/server/errors.ts';
import { currentMedia } from '../media/workers.ts';
import type { LimitClass } from './limits.ts';
import type { RoomCaller } from './room-state.ts';
import { requireParticipant, socketRoom } from './room-state.ts';

/**
 * SFU signalling (mediasoup-demo's requests): router capabilities, create/connect WebRTC
 * transports, produce, consume (paused, resumed once the client confirms), pause/resume, ICE
 * restart. Only while the room is on the SFU and a worker runs; otherwise a localized error.
 * Each op runs on the node that owns the room (rooms.ts forwards it there with several nodes).
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

/** The SFU's socket events, as ops run by the room's owner for a caller (rooms.ts registers them). */
export function sfuOps(io: Server) {
	type Op = { schema: z.ZodType; limit: LimitClass; run: (caller: RoomCaller, input: any) => Promise<unknown> };
	const ops: Record<string, Op> = {
		'sfu:capabilities': {
			schema: schemas.slug,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.slug>) => {
				const { mediaRoom } = await sfuRoom(caller.socketId, input.slug, io);
				return { rtpCapabilities: mediaRoom.router.rtpCapabilities };
			}
		},
		'sfu:transport-create': {
			schema: schemas.create,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.create>) => {
				const { mediaRoom, peer } = await sfuRoom(caller.socketId, input.slug, io);
				return mediaRoom.createTransport(peer, input.direction);
			}
		},
		'sfu:transport-connect': {
			schema: schemas.connect,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.connect>) => {
				const { peer } = await sfuRoom(caller.socketId, input.slug, io);
				const transport = peer.transport(input.transportId);
				if (!transport) throw forbidden('video.error.sfu_unavailable');
				await transport.connect({ dtlsParameters: input.dtlsParameters as unknown as types.DtlsParameters });
				return {};
			}
		},
		'sfu:transport-restart-ice': {
			schema: schemas.restart,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.restart>) => {
				const { peer } = await sfuRoom(caller.socketId, input.slug, io);
				const transport = peer.transport(input.transportId);
				if (!transport) throw forbidden('video.error.sfu_unavailable');
				return { iceParameters: await transport.restartIce() };
			}
		},
		'sfu:produce': {
			schema: schemas.produce,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.produce>) => {
				const { room, mediaRoom, peer } = await sfuRoom(caller.socketId, input.slug, io);
				const producer = await mediaRoom.produce(peer, input.transportId, input.kind, input.rtpParameters as unknown as types.RtpParameters, input.source);
				io.to(socketRoom(room.id)).except(caller.socketId).emit('sfu:new-producer', { slug: room.slug, peerId: caller.socketId, producerId: producer.id, kind: producer.kind });
				return { id: producer.id };
			}
		},
		'sfu:producers': {
			schema: schemas.slug,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.slug>) => {
				const { mediaRoom } = await sfuRoom(caller.socketId, input.slug, io);
				return { producers: mediaRoom.producersExcept(caller.socketId) };
			}
		},
		'sfu:consume': {
			schema: schemas.consume,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.consume>) => {
				const { mediaRoom, peer } = await sfuRoom(caller.socketId, input.slug, io);
				try {
					return await mediaRoom.consume(peer, input.transportId, input.producerId, input.rtpCapabilities as unknown as types.RtpCapabilities);
				} catch {
					throw forbidden('video.error.sfu_unavailable');
				}
			}
		},
		'sfu:consumer-resume': {
			schema: schemas.consumer,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.consumer>) => {
				const { peer } = await sfuRoom(caller.socketId, input.slug, io);
				const consumer = peer.consumers.get(input.consumerId);
				if (!consumer) throw forbidden('video.error.sfu_unavailable');
				await consumer.resume();
				return {};
			}
		},
		// simulcast: the viewer asks for the layer its tile needs (smaller tiles, less bandwidth)
		'sfu:consumer-layers': {
			schema: schemas.layers,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.layers>) => {
				const { peer } = await sfuRoom(caller.socketId, input.slug, io);
				const consumer = peer.consumers.get(input.consumerId);
				if (!consumer) throw forbidden('video.error.sfu_unavailable');
				if (consumer.type === 'simulcast') await consumer.setPreferredLayers({ spatialLayer: input.spatialLayer, temporalLayer: 2 });
				return {};
			}
		}
	};
	for (const action of ['pause', 'resume'] as const) {
		ops[`sfu:producer-${action}`] = {
			schema: schemas.producer,
			limit: 'other',
			run: async (caller, input: z.infer<typeof schemas.producer>) => {
				const { peer } = await sfuRoom(caller.socketId, input.slug, io);
				const producer = peer.producers.get(input.producerId);
				if (!producer) throw forbidden('video.error.sfu_unavailable');
				await producer[action]();
				return {};
			}
		};
	}
	return ops;
}
