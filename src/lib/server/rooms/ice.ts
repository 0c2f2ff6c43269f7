import { createHmac } from 'node:crypto';
import type { IceServer, RoomSettings } from './settings.ts';

/**
 * ICE servers handed to a client when it joins a room. TURN uses coturn's shared-secret scheme
 * ("use-auth-secret"): username `<expiry unix seconds>:<memberId>`, credential
 * base64(HMAC-SHA1(secret, username)) — time-limited, nothing stored.
 */
export function turnCredentials(secret: string, memberId: string, ttlSeconds: number, now = Date.now()): { username: string; credential: string; expiresAt: number } {
	const expiry = Math.floor(now / 1000) + ttlSeconds;
	const username = `${expiry}:${memberId}`;
	const credential = createHmac('sha1', secret).update(username).digest('base64');
	return { username, credential, expiresAt: expiry };
}

export function iceServersFor(memberId: string, settings: Pick<RoomSettings, 'iceServers' | 'stunUrls' | 'turnUrls' | 'turnSecret' | 'turnTtlSeconds'>, now = Date.now()): IceServer[] {
	const servers: IceServer[] = [...(settings.iceServers ?? [])];
	if (settings.stunUrls.length) servers.push({ urls: settings.stunUrls });
	if (settings.turnUrls.length && settings.turnSecret) {
		const { username, credential } = turnCredentials(settings.turnSecret, memberId, settings.turnTtlSeconds, now);
		servers.push({ urls: settings.turnUrls, username, credential });
	}
	return servers;
}
