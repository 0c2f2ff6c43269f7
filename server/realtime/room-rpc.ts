import { randomUUID } from 'node:crypto';
import { DomainError } from '../../src/lib/server/errors.ts';
import type { LiveRedis } from '../../src/lib/server/live/index.ts';

/**
 * Requests from one node to another over Redis pub/sub: a member connected to node B acts in a
 * room owned by node A (rooms.ts) — B forwards the event, A runs it against the room it holds and
 * answers. Domain errors travel as such (the member sees the same localized message).
 */
export interface RpcRequest {
	id: string;
	from: string;
	event: string;
	caller: unknown;
	input: unknown;
}

type WireError = { domain: { kind: DomainError['kind']; key: DomainError['key']; fields: DomainError['fields']; params: DomainError['params'] } } | { message: string };

export class RpcTimeout extends Error {}

export function createRoomRpc(live: LiveRedis, handle: (request: RpcRequest) => Promise<unknown>, options: { timeoutMs?: number } = {}) {
	const me = live.nodeId;
	const pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
	const stops = [
		live.subscribe(`relais:rooms:rpc:${me}`, (message) => {
			const request = JSON.parse(message) as RpcRequest;
			void handle(request).then(
				(data) => live.client.publish(`relais:rooms:reply:${request.from}`, JSON.stringify({ id: request.id, ok: true, data: data ?? null })),
				(error: unknown) => {
					const wire: WireError =
						error instanceof DomainError ? { domain: { kind: error.kind, key: error.key, fields: error.fields, params: error.params } } : { message: error instanceof Error ? error.message : String(error) };
					return live.client.publish(`relais:rooms:reply:${request.from}`, JSON.stringify({ id: request.id, ok: false, error: wire }));
				}
			);
		}),
		live.subscribe(`relais:rooms:reply:${me}`, (message) => {
			const reply = JSON.parse(message) as { id: string; ok: boolean; data?: unknown; error?: WireError };
			const waiting = pending.get(reply.id);
			if (!waiting) return;
			pending.delete(reply.id);
			clearTimeout(waiting.timer);
			if (reply.ok) return waiting.resolve(reply.data);
			const e = reply.error!;
			waiting.reject('domain' in e ? new DomainError(e.domain.kind, e.domain.key, e.domain.fields, e.domain.params) : new Error(`remote room node: ${e.message}`));
		})
	];
	return {
		call(node: string, event: string, caller: unknown, input: unknown): Promise<unknown> {
			const id = randomUUID();
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					pending.delete(id);
					reject(new RpcTimeout(`room node ${node} did not answer ${event}`));
				}, options.timeoutMs ?? 4000);
				pending.set(id, { resolve, reject, timer });
				const request: RpcRequest = { id, from: me, event, caller, input };
				live.client.publish(`relais:rooms:rpc:${node}`, JSON.stringify(request)).catch((error: Error) => {
					clearTimeout(timer);
					pending.delete(id);
					reject(error);
				});
			});
		},
		close() {
			stops.forEach((s) => s());
			for (const w of pending.values()) clearTimeout(w.timer);
			pending.clear();
		}
	};
}
