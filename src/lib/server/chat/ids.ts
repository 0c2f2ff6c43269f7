import { randomFillSync } from 'node:crypto';

/**
 * UUIDv7 with a monotonic counter in `rand_a` (RFC 9562 §6.2, method 1): ids made by this process
 * always increase, even within one millisecond, so "messages after id X" never misses one.
 */
let lastMs = 0;
let counter = 0;

// random bytes drawn 4 KiB at a time: one call into the CSPRNG per ~200 ids instead of two per id
// (measured at ~4 % of the server's time under a chat fan-out)
const POOL = Buffer.alloc(4096);
let poolAt = POOL.length;
function random(size: number): Buffer {
	if (poolAt + size > POOL.length) {
		randomFillSync(POOL);
		poolAt = 0;
	}
	const out = Buffer.from(POOL.subarray(poolAt, poolAt + size));
	poolAt += size;
	return out;
}

export function messageId(now = Date.now()): string {
	if (now > lastMs) {
		lastMs = now;
		counter = random(2).readUInt16BE(0) & 0x3ff; // leave room to count up
	} else {
		counter++;
		if (counter > 0xfff) {
			// 4096 ids in one millisecond: borrow the next millisecond
			lastMs++;
			counter = 0;
		}
	}
	const bytes = random(16);
	const ms = lastMs;
	bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
	bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
	bytes[2] = Math.floor(ms / 2 ** 24) & 0xff;
	bytes[3] = Math.floor(ms / 2 ** 16) & 0xff;
	bytes[4] = Math.floor(ms / 2 ** 8) & 0xff;
	bytes[5] = ms & 0xff;
	bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
	bytes[7] = counter & 0xff;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
