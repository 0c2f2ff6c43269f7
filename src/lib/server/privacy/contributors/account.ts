import { memberEmail, type PrivacyContributor } from '../contributor.ts';

/**
 * The account itself: identity and settings, sessions, e-mailed links, consents, throttling rows
 * and the mails stored for the member. Secrets (password hash, token and session hashes) are never
 * exported. The Member row itself is deleted last by erase.ts, which also ends the sessions.
 */
export const account: PrivacyContributor = {
	name: 'account',
	models: ['Member', 'Session', 'AccountToken', 'ConsentRecord', 'LoginThrottle', 'RateCounter', 'OutboxMail', 'DomainEvent'],
	async export(memberId, tx) {
		const { passwordHash, googleSubject, ...member } = await tx.member.findUniqueOrThrow({ where: { id: memberId } });
		const email = member.email;
		return {
			member: { ...member, hasPassword: passwordHash !== null, signsInWithGoogle: googleSubject !== null },
			sessions: await tx.session.findMany({ where: { memberId }, select: { createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true, ip: true }, orderBy: { createdAt: 'asc' } }),
			emailLinks: await tx.accountToken.findMany({ where: { memberId }, select: { purpose: true, payload: true, createdAt: true, expiresAt: true, usedAt: true, replacedAt: true }, orderBy: { createdAt: 'asc' } }),
			consents: await tx.consentRecord.findMany({ where: { memberId }, select: { document: true, version: true, acceptedAt: true }, orderBy: { acceptedAt: 'asc' } }),
			loginThrottle: await tx.loginThrottle.findMany({ where: { key: `account:${email}` }, select: { failures: true, windowStart: true, blockedUntil: true } }),
			rateCounters: await tx.rateCounter.findMany({ where: rateWhere(memberId, email) }),
			mails: await tx.outboxMail.findMany({ where: { to: email }, select: { subject: true, text: true, createdAt: true }, orderBy: { createdAt: 'asc' } })
		};
	},
	async erase(memberId, tx) {
		const email = await memberEmail(tx, memberId);
		await tx.loginThrottle.deleteMany({ where: { key: `account:${email}` } });
		await tx.rateCounter.deleteMany({ where: rateWhere(memberId, email) });
		await tx.outboxMail.deleteMany({ where: { to: email } });
		// delivered outbox events naming the member (ids in their payload): their work is done, the trace goes
		await tx.$executeRaw`DELETE FROM "DomainEvent" WHERE "dispatchedAt" IS NOT NULL AND payload::text LIKE ${'%' + memberId + '%'}`;
		// Session, AccountToken, ConsentRecord: onDelete Cascade with the Member row (erase.ts)
	},
	async files(memberId, tx) {
		const row = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { photoPath: true } });
		return row.photoPath ? [row.photoPath] : [];
	}
};

// the counters auth/rate-limit.ts keeps for one person: per member, and per address mailed ("<kind>:to:<email>")
function rateWhere(memberId: string, email: string) {
	return { OR: [{ key: `mail:member:${memberId}` }, { key: { endsWith: `:to:${email}` } }] };
}
