import { AsyncLocalStorage } from 'node:async_hooks';
import type { Socket } from 'socket.io';
import { z } from 'zod';
import { DomainError, localizedFields } from '../../src/lib/server/errors.ts';
import { translate, type Locale, type MessageKey } from '../../src/lib/i18n/index.ts';
import { LIMITS, SharedMemberLimits, TokenBuckets, type LimitClass } from './limits.ts';
import { liveRedis, type LiveRedis } from '../../src/lib/server/live/index.ts';

/**
 * The one way a socket event is handled: rate limit (per connection, per member or IP), zod
 * validation of the payload, ONE domain call, and a reply — `{ ok: true, data }` or
 * `{ ok: false, error: { code, message } }` through the ack, or a `relais:error` event when the
 * client gave no ack (and always for rate limits). Nothing is written when validation fails, and
 * no stack trace ever leaves the server.
 */
export type ErrorCode = DomainError['kind'] | 'malformed' | 'unexpected' | 'unknown_event';

export interface ErrorReply {
	ok: false;
	error: { code: ErrorCode; message: string; fields?: Record<string, string>; retryMs?: number };
}
export type Reply<T> = { ok: true; data: T } | ErrorReply;

export interface HandlerContext {
	socket: Socket;
	locale: Locale;
	/** member id, or `ip:<address>` for anonymous watchers */
	limitKey: string;
	log: (line: string) => void;
}

export const limiter = new TokenBuckets();

/**
 * The connection whose event is being handled (its socket id), for the domain events that event
 * causes: a broadcaster may leave out the tab that already has the result in its ack.
 */
const origin = new AsyncLocalStorage<string>();
export function originSocketId(): string | undefined {
	return origin.getStore();
}

let shared: { live: LiveRedis; limits: SharedMemberLimits } | null = null;
/** per-member allowance: in memory on one process, in Redis across nodes (limits.ts) */
function takeMember(key: string, cls: LimitClass, memoryKey = `m:${key}:${cls}`): { ok: boolean; retryMs: number } | Promise<{ ok: boolean; retryMs: number }> {
	const live = liveRedis();
	if (!live) return limiter.take(memoryKey, LIMITS[cls].member);
	if (shared?.live !== live) shared = { live, limits: new SharedMemberLimits(live.client) };
	return shared.limits.take(key, cls);
}

function errorReply(locale: Locale, code: ErrorCode, key: MessageKey, extra: Partial<ErrorReply['error']> = {}, params: Record<string, string | number> = {}): ErrorReply {
	return { ok: false, error: { code, message: translate(locale, key, params), ...extra } };
}

export function toErrorReply(error: unknown, locale: Locale, log: (line: string) => void, event: string): ErrorReply {
	if (error instanceof DomainError) {
		const fields = localizedFields(error, locale);
		return errorReply(locale, error.kind, error.key, Object.keys(fields).length ? { fields } : {}, error.params);
	}
	log(`socket event ${event} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
	return errorReply(locale, 'unexpected', 'chat.error.unexpected');
}

export function register<S extends z.ZodType, R>(
	ctx: HandlerContext,
	event: string,
	options: { schema: S; limit: LimitClass },
	run: (input: z.infer<S>) => Promise<R> | R
) {
	const { socket } = ctx;
	// the buckets' keys, made once per connection and event rather than once per event received
	const connectionKey = `c:${socket.id}:${options.limit}`;
	const memberKey = `m:${ctx.limitKey}:${options.limit}`;
	socket.on(event, async (...args: unknown[]) => {
		const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (reply: Reply<R>) => void) : null;
		const send = (reply: Reply<R>, alsoEvent = false) => {
			try {
				if (ack) ack(reply);
				if (!reply.ok && (!ack || alsoEvent)) socket.emit('relais:error', { event, ...reply.error });
			} catch {
				// a broken client callback must not take the server down
			}
		};
		const spec = LIMITS[options.limit];
		const perConnection = limiter.take(connectionKey, spec.connection);
		let perMember = perConnection.ok ? takeMember(ctx.limitKey, options.limit, memberKey) : perConnection;
		if (perMember instanceof Promise) perMember = await perMember;
		if (!perConnection.ok || !perMember.ok) {
			const retryMs = Math.max(perConnection.retryMs, perMember.retryMs);
			send(errorReply(ctx.locale, 'throttled', 'chat.error.rate_limited', { retryMs }), true);
			return;
		}
		if (args.length > 1) {
			send(errorReply(ctx.locale, 'malformed', 'chat.error.malformed'));
			return;
		}
		const parsed = options.schema.safeParse(args[0] ?? {});
		if (!parsed.success) {
			send(errorReply(ctx.locale, 'malformed', 'chat.error.malformed'));
			return;
		}
		try {
			send({ ok: true, data: await origin.run(socket.id, () => run(parsed.data)) });
		} catch (error) {
			send(toErrorReply(error, ctx.locale, ctx.log, event));
		}
	});
}

/** Events nobody registered answer an error instead of silence. */
export function rejectUnknownEvents(ctx: HandlerContext, known: () => Set<string>) {
	ctx.socket.onAny((event: string, ...args: unknown[]) => {
		if (known().has(event)) return;
		const reply = errorReply(ctx.locale, 'unknown_event', 'chat.error.unknown_event');
		const ack = args[args.length - 1];
		try {
			if (typeof ack === 'function') ack(reply);
			else ctx.socket.emit('relais:error', { event: String(event).slice(0, 60), ...reply.error });
		} catch {
			// ignore
		}
	});
}
