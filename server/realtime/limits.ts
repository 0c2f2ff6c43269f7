import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';

/**
 * Token buckets for socket events, per connection and per member (or per IP for anonymous
 * watchers): `capacity` events at once, refilled at `perSecond`. In memory, like the sockets.
 */
export type LimitClass = 'message' | 'typing' | 'presence' | 'signal' | 'other';

export interface BucketSpec {
	capacity: number;
	perSecond: number;
}

export const LIMITS: Record<LimitClass, { connection: BucketSpec; member: BucketSpec }> = {
	message: { connection: { capacity: 10, perSecond: 5 }, member: { capacity: 30, perSecond: 10 } },
	typing: { connection: { capacity: 6, perSecond: 2 }, member: { capacity: 12, perSecond: 4 } },
	presence: { connection: { capacity: 12, perSecond: 2 }, member: { capacity: 40, perSecond: 6 } },
	// WebRTC signalling: ICE candidates come in bursts
	signal: { connection: { capacity: 200, perSecond: 60 }, member: { capacity: 400, perSecond: 120 } },
	other: { connection: { capacity: 40, perSecond: 20 }, member: { capacity: 120, perSecond: 50 } }
};

interface Bucket {
	tokens: number;
	at: number;
}

export class TokenBuckets {
	private buckets = new Map<string, Bucket>();

	/** Takes one token; false when empty. `retryMs`: when the next one comes. */
	take(key: string, spec: BucketSpec, now = Date.now()): { ok: boolean; retryMs: number } {
		let bucket = this.buckets.get(key);
		if (!bucket) {
			bucket = { tokens: spec.capacity, at: now };
			this.buckets.set(key, bucket);
		} else {
			bucket.tokens = Math.min(spec.capacity, bucket.tokens + ((now - bucket.at) / 1000) * spec.perSecond);
			bucket.at = now;
		}
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return { ok: true, retryMs: 0 };
		}
		return { ok: false, retryMs: Math.ceil(((1 - bucket.tokens) / spec.perSecond) * 1000) };
	}

	forget(prefix: string) {
		for (const key of this.buckets.keys()) if (key.startsWith(prefix)) this.buckets.delete(key);
	}

	/** Drops buckets that have been full for a while (called by the reaper's timer). */
	sweep(now = Date.now(), idleMs = 10 * 60_000) {
		for (const [key, bucket] of this.buckets) if (now - bucket.at > idleMs) this.buckets.delete(key);
	}

	get size() {
		return this.buckets.size;
	}
}

/**
 * Per-member limits shared by every node (REDIS_URL): a member with tabs on three nodes gets one
 * allowance, not three. rate-limiter-flexible's fixed windows over Redis approximate the buckets
 * above (`capacity` events per `capacity / perSecond` seconds); per-connection buckets stay in
 * memory (a connection lives on one node). If Redis does not answer, an in-memory limiter of the
 * same size stands in (insurance), so a Redis outage never blocks chat.
 */

export class SharedMemberLimits {
	private limiters = new Map<LimitClass, RateLimiterRedis>();

	constructor(client: Redis) {
		for (const [cls, spec] of Object.entries(LIMITS) as [LimitClass, (typeof LIMITS)[LimitClass]][]) {
			const points = spec.member.capacity;
			const duration = Math.max(1, Math.round(spec.member.capacity / spec.member.perSecond));
			this.limiters.set(
				cls,
				new RateLimiterRedis({
					storeClient: client,
					keyPrefix: `relais:rl:${cls}`,
					points,
					duration,
					insuranceLimiter: new RateLimiterMemory({ keyPrefix: `relais:rl:${cls}`, points, duration })
				})
			);
		}
	}

	async take(key: string, cls: LimitClass): Promise<{ ok: boolean; retryMs: number }> {
		try {
			await this.limiters.get(cls)!.consume(key);
			return { ok: true, retryMs: 0 };
		} catch (result) {
			if (result instanceof RateLimiterRes) return { ok: false, retryMs: Math.max(1, result.msBeforeNext) };
			// neither Redis nor the insurance answered: let the event through
			return { ok: true, retryMs: 0 };
		}
	}
}
