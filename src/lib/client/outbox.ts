/**
 * Exactly-once sending from the client's side: each message gets a client-generated id, is
 * emitted with an ack time-out and re-emitted (same id) until the server acknowledges it — after a
 * time-out, a reconnection, a throttle. The server de-duplicates on (sender, clientId), so a
 * message sent during a network drop is stored and delivered once. Plain TypeScript: used by the
 * browser store and by the integration tests with a real socket.io client.
 */
export interface AckReply<T> {
	ok: boolean;
	data?: T;
	error?: { code: string; message: string; retryMs?: number };
}

export interface OutboxSocket {
	readonly connected: boolean;
	on(event: 'connect' | 'disconnect', listener: () => void): unknown;
	off(event: 'connect' | 'disconnect', listener: () => void): unknown;
	timeout(ms: number): { emit(event: string, payload: unknown, callback: (error: Error | null, reply: AckReply<unknown>) => void): unknown };
}

export interface OutgoingMessage {
	conversationId: string;
	body: string;
	attachmentIds?: string[];
}

interface Pending<T> {
	clientId: string;
	payload: OutgoingMessage & { clientId: string };
	attempt: number;
	inFlight: boolean;
	timer: ReturnType<typeof setTimeout> | null;
	resolve(value: T): void;
	reject(error: Error & { code?: string }): void;
}

const RETRYABLE = new Set(['throttled', 'unexpected']);

export function newClientId(): string {
	const c = globalThis.crypto;
	if (c && 'randomUUID' in c && typeof c.randomUUID === 'function') return c.randomUUID();
	const bytes = new Uint8Array(16);
	c.getRandomValues(bytes);
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class MessageOutbox<T = unknown> {
	private pending = new Map<string, Pending<T>>();
	private readonly onConnect = () => this.flush();
	// what was in flight on a dead connection is re-sent at once on the next one (same clientId)
	private readonly onDisconnect = () => {
		for (const item of this.pending.values()) {
			item.attempt++;
			item.inFlight = false;
		}
	};

	constructor(
		private socket: OutboxSocket,
		private options: { ackTimeoutMs?: number; retryDelayMs?: number; event?: string } = {}
	) {
		socket.on('connect', this.onConnect);
		socket.on('disconnect', this.onDisconnect);
	}

	/** Messages not yet acknowledged (for the UI's "sending…" marks). */
	get size() {
		return this.pending.size;
	}

	pendingIds(): string[] {
		return [...this.pending.keys()];
	}

	send(message: OutgoingMessage, clientId = newClientId()): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.pending.set(clientId, { clientId, payload: { ...message, clientId }, attempt: 0, inFlight: false, timer: null, resolve, reject });
			this.flush();
		});
	}

	/** (Re)sends everything not in flight; called on connect and after failures. */
	flush() {
		if (!this.socket.connected) return;
		for (const item of this.pending.values()) if (!item.inFlight && !item.timer) this.attempt(item);
	}

	private retryLater(item: Pending<T>, delayMs: number) {
		item.inFlight = false;
		if (item.timer) clearTimeout(item.timer);
		item.timer = setTimeout(() => {
			item.timer = null;
			if (this.pending.has(item.clientId)) this.flush();
		}, delayMs);
	}

	private attempt(item: Pending<T>) {
		const attempt = ++item.attempt;
		item.inFlight = true;
		const payload = { ...item.payload, ...(item.payload.attachmentIds?.length ? {} : { attachmentIds: undefined }) };
		if (!payload.attachmentIds) delete payload.attachmentIds;
		this.socket.timeout(this.options.ackTimeoutMs ?? 5000).emit(this.options.event ?? 'chat:send', payload, (error, reply) => {
			if (attempt !== item.attempt || !this.pending.has(item.clientId)) return; // a stale attempt
			const delay = this.options.retryDelayMs ?? 500;
			if (error || !reply) return this.retryLater(item, delay);
			if (reply.ok) {
				this.pending.delete(item.clientId);
				return item.resolve(reply.data as T);
			}
			if (reply.error && RETRYABLE.has(reply.error.code)) return this.retryLater(item, Math.max(delay, reply.error.retryMs ?? 0));
			this.pending.delete(item.clientId);
			item.reject(Object.assign(new Error(reply.error?.message ?? 'error'), { code: reply.error?.code }));
		});
	}

	close() {
		this.socket.off('connect', this.onConnect);
		this.socket.off('disconnect', this.onDisconnect);
		for (const item of this.pending.values()) if (item.timer) clearTimeout(item.timer);
	}
}
