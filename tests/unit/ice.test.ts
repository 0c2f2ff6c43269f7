import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { iceServersFor, turnCredentials } from '../../src/lib/server/rooms/ice.ts';
import { detectWorker } from '../../server/media/detect.ts';

describe('TURN shared-secret credentials (coturn use-auth-secret)', () => {
	it('username = "<expiry>:<memberId>", credential = base64(HMAC-SHA1(secret, username))', () => {
		const now = Date.UTC(2026, 0, 1);
		const c = turnCredentials('s3cret', 'member-1', 3600, now);
		expect(c.username).toBe(`${now / 1000 + 3600}:member-1`);
		expect(c.credential).toBe(createHmac('sha1', 's3cret').update(c.username).digest('base64'));
		// a known vector: HMAC-SHA1("key", "The quick brown fox jumps over the lazy dog")
		expect(createHmac('sha1', 'key').update('The quick brown fox jumps over the lazy dog').digest('hex')).toBe('de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9');
	});
	it('builds the list from ICE_SERVERS, STUN_URLS and TURN_URLS (+ TURN_SECRET)', () => {
		const servers = iceServersFor('m', { iceServers: [{ urls: 'stun:fixed.example:3478' }], stunUrls: ['stun:stun.example:3478'], turnUrls: ['turn:turn.example:3478?transport=udp', 'turns:turn.example:443?transport=tcp'], turnSecret: 'x', turnTtlSeconds: 60 }, 0);
		expect(servers).toHaveLength(3);
		expect(servers[2]).toMatchObject({ urls: ['turn:turn.example:3478?transport=udp', 'turns:turn.example:443?transport=tcp'], username: '60:m' });
		expect(iceServersFor('m', { iceServers: null, stunUrls: [], turnUrls: ['turn:t'], turnSecret: null, turnTtlSeconds: 60 })).toEqual([]);
	});
});

describe('mediasoup worker detection', () => {
	it('reports a missing or non-executable MEDIASOUP_WORKER_BIN without importing mediasoup', () => {
		const missing = detectWorker({ MEDIASOUP_WORKER_BIN: '/nonexistent/mediasoup-worker' });
		expect(missing).toMatchObject({ ok: false });
		expect(!missing.ok && missing.reason).toContain('introuvable');
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'relais-worker-')), 'mediasoup-worker');
		writeFileSync(file, 'not a worker', { mode: 0o644 });
		const notExec = detectWorker({ MEDIASOUP_WORKER_BIN: file });
		expect(notExec.ok).toBe(false);
	});
});
