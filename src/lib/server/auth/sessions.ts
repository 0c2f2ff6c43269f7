import { context } from '../context.ts';
import type { Database } from '../db.ts';
import type { MemberRole } from '../generated/prisma/enums.ts';
import { hashSecret, newSecret } from './secrets.ts';

export interface SessionMeta {
	userAgent?: string | null;
	ip?: string | null;
}

/** What the transports learn about the logged-in member: never the password hash. */
export interface SessionMember {
	id: string;
	firstName: string;
	lastName: string;
	slug: string;
	photoPath: string | null;
	locale: 'fr' | 'en';
	timezone: string;
	category: string;
	roles: MemberRole[];
}

const TOUCH_EVERY_MS = 5 * 60_000;

/** A new session id at every login (no fixation); the cookie holds the secret, the table its hash. */
export async function openSession(memberId: string, meta: SessionMeta = {}): Promise<{ secret: string; expiresAt: Date }> {
	const { db, config } = context();
	const secret = newSecret();
	const expiresAt = new Date(Date.now() + config.SESSION_DAYS * 86400_000);
	await db.session.create({
		data: { idHash: hashSecret(secret), memberId, expiresAt, userAgent: meta.userAgent?.slice(0, 300) ?? null, ip: meta.ip ?? null }
	});
	return { secret, expiresAt };
}

export async function resolveSession(secret: string | undefined | null): Promise<SessionMember | null> {
	if (!secret || secret.length > 100) return null;
	const { db, config } = context();
	const idHash = hashSecret(secret);
	const session = await db.session.findUnique({
		where: { idHash },
		include: {
			member: {
				select: { id: true, firstName: true, lastName: true, slug: true, photoPath: true, locale: true, timezone: true, category: true, roles: true, status: true }
			}
		}
	});
	if (!session) return null;
	const now = Date.now();
	if (session.expiresAt.getTime() <= now || session.member.status !== 'active') {
		await db.session.deleteMany({ where: { idHash } });
		return null;
	}
	// sliding expiry, written at most every few minutes to keep reads cheap
	if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
		await db.session.update({
			where: { idHash },
			data: { lastSeenAt: new Date(now), expiresAt: new Date(now + config.SESSION_DAYS * 86400_000) }
		});
	}
	const { status: _status, ...member } = session.member;
	return member;
}

export async function closeSession(secret: string | undefined | null): Promise<void> {
	if (!secret) return;
	const { db, events } = context();
	const idHash = hashSecret(secret);
	const session = await db.session.findUnique({ where: { idHash }, select: { memberId: true } });
	await db.session.deleteMany({ where: { idHash } });
	if (session) events.emit('session.ended', { memberId: session.memberId, sessionIdHash: idHash });
}

type SessionTx = Pick<Database, '$queryRaw'>;

/**
 * Deletes a member's sessions (all, or all but `keepIdHash`) inside the caller's transaction and
 * returns a function to call once committed: it announces each ended session, so its open
 * sockets close exactly as on logout.
 */
export async function revokeSessions(tx: SessionTx, memberId: string, keepIdHash?: string | null): Promise<() => void> {
	const ended = await tx.$queryRaw<{ idHash: string }[]>`
		DELETE FROM "Session" WHERE "memberId" = ${memberId}::uuid AND "idHash" <> ${keepIdHash ?? ''} RETURNING "idHash"`;
	return () => {
		const { events } = context();
		for (const { idHash } of ended) events.emit('session.ended', { memberId, sessionIdHash: idHash });
	};
}

export function sessionCookieName(secure: boolean): string {
	// `__Host-` binds the cookie to this exact origin, only possible over https
	return secure ? '__Host-relais_session' : 'relais_session';
}

export async function purgeExpiredSessions(): Promise<number> {
	const { count } = await context().db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
	return count;
}
