import type { types } from 'mediasoup';

/** One participant's media on the SFU: its WebRTC transports, producers and consumers. */
export class Peer {
	readonly transports = new Map<string, types.WebRtcTransport>();
	readonly producers = new Map<string, types.Producer>();
	readonly consumers = new Map<string, types.Consumer>();

	constructor(
		readonly id: string,
		readonly memberId: string
	) {}

	transport(id: string): types.WebRtcTransport | undefined {
		return this.transports.get(id);
	}

	close() {
		for (const t of this.transports.values()) t.close();
		this.transports.clear();
		this.producers.clear();
		this.consumers.clear();
	}
}
