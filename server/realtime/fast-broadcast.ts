import type { Socket } from 'socket.io';

/**
 * The last step of a broadcast, made cheap. socket.io's adapter encodes each broadcast once,
 * WebSocket frame included (`wsPreEncodedFrame`), but engine.io then still spends, per
 * recipient, a packet object, four events, a write callback and its completion round (the
 * profile of `npm run bench:realtime` put this bookkeeping at about a fifth of the server's CPU
 * under a chat fan-out). When a connection is an idle WebSocket — open, not upgrading, nothing
 * buffered by engine.io, nothing queued in `ws`'s sender, no compression — the pre-encoded frame
 * is written straight to its TCP socket, as a bare `ws` server would. Anything else (polling,
 * a write in flight, volatile packets, an unknown library shape) takes socket.io's own path, so
 * the order of frames on a connection never changes: a direct write is only made when every
 * earlier frame has already been handed to the same TCP socket.
 */
const PATCHED = Symbol('relais.fastBroadcast');
const JOINED = Symbol('relais.joinedFrame');

interface PacketOptions {
	volatile?: boolean;
	wsPreEncodedFrame?: Buffer[];
	[JOINED]?: Buffer;
}

interface RawWebSocket {
	readyState: number;
	_socket?: { write(data: Buffer): boolean; destroyed?: boolean; writable?: boolean };
	_sender?: { _queue?: unknown[]; _state?: number };
}

interface EngineConnection {
	readyState: string;
	upgrading?: boolean;
	writeBuffer: unknown[];
	transport: { name: string; writable: boolean; perMessageDeflate?: unknown; socket?: RawWebSocket };
}

interface SocketIoClient {
	conn: EngineConnection;
	writeToEngine(packets: unknown, options: PacketOptions): void;
	[PATCHED]?: true;
}

/** The raw TCP socket to write a pre-encoded frame to, or null when socket.io must do it. */
function directSocket(conn: EngineConnection) {
	if (conn.readyState !== 'open' || conn.upgrading || conn.writeBuffer.length !== 0) return null;
	const transport = conn.transport;
	if (transport.name !== 'websocket' || !transport.writable || transport.perMessageDeflate) return null;
	const ws = transport.socket;
	const raw = ws?._socket;
	const sender = ws?._sender;
	if (!ws || ws.readyState !== 1 || !raw || raw.destroyed || raw.writable === false || typeof raw.write !== 'function') return null;
	if (!sender || !Array.isArray(sender._queue) || sender._queue.length !== 0 || (sender._state !== undefined && sender._state !== 0)) return null;
	return raw;
}

export function fastBroadcastWrites(socket: Socket) {
	const client = socket.client as unknown as SocketIoClient;
	if (client[PATCHED] || typeof client.writeToEngine !== 'function') return;
	client[PATCHED] = true;
	const original = client.writeToEngine.bind(client);
	client.writeToEngine = (packets, options) => {
		const frame = options?.wsPreEncodedFrame;
		if (frame && !options.volatile && Array.isArray(frame)) {
			const raw = directSocket(client.conn);
			if (raw) {
				// the options object is shared by every recipient of one broadcast: join header and payload once
				raw.write((options[JOINED] ??= Buffer.concat(frame)));
				return;
			}
		}
		original(packets, options);
	};
}
