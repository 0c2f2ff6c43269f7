import { google } from 'googleapis';
import { context } from '../context.ts';
import { DomainError, forbidden, invalid } from '../errors.ts';
import { memberSlug } from '../members/slug.ts';
import type { Locale } from '../../i18n/index.ts';
import { openSession, revokeSessions, type SessionMeta } from './sessions.ts';
import { recordEvent } from '../outbox/index.ts';
import { registrationApprovalRequired } from './registration.ts';
import { LEGAL_VERSIONS } from '../../legal.ts';

export const GOOGLE_CALLBACK_PATH = '/auth/google/callback';

export function googleSignInEnabled(): boolean {
	const { config } = context();
	return Boolean(config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET);
}

/**
 * googleapis' OAuth 2 client for one of our callbacks (sign-in, calendar); GOOGLE_OAUTH_BASE_URL
 * points it at a mirror of Google's endpoints (tests use a loopback one).
 */
export function googleOAuthClient(callbackPath: string) {
	const { config } = context();
	if (!config.GOOGLE_CLIENT_ID || !config.GOOGLE_CLIENT_SECRET) throw forbidden('error.google_disabled');
	const base = config.GOOGLE_OAUTH_BASE_URL?.replace(/\/$/, '');
	return new google.auth.OAuth2({
		clientId: config.GOOGLE_CLIENT_ID,
		clientSecret: config.GOOGLE_CLIENT_SECRET,
		redirectUri: `${config.publicUrl}${callbackPath}`,
		...(base
			? {
					endpoints: {
						oauth2AuthBaseUrl: `${base}/o/oauth2/v2/auth`,
						oauth2TokenUrl: `${base}/token`,
						oauth2RevokeUrl: `${base}/revoke`,
						tokenInfoUrl: `${base}/tokeninfo`,
						oauth2FederatedSignonPemCertsUrl: `${base}/oauth2/v1/certs`,
						oauth2FederatedSignonJwkCertsUrl: `${base}/oauth2/v3/certs`
					}
				}
			: {})
	});
}

const oauthClient = () => googleOAuthClient(GOOGLE_CALLBACK_PATH);

/** Where to send the browser; `state` is the CSRF guard the transport keeps in a cookie. */
export function googleAuthorizationUrl(state: string, locale: Locale): string {
	return oauthClient().generateAuthUrl({ scope: ['openid', 'email', 'profile'], state, prompt: 'select_account', hl: locale });
}

/**
 * Links a Google identity to the account holding its verified address. An account whose address
 * was never proved (pending, never activated) may have been opened by someone else with the
 * owner's address: Google has just proved the mailbox, so the account becomes the Google user's
 * and whatever the creator set to get in — password, sessions, pending links — stops working
 * (the owner can choose a password through "mot de passe oublié").
 */
async function linkByEmail(byEmail: { id: string; status: string; activatedAt: Date | null }, identity: { sub: string; givenName?: string; familyName?: string }) {
	const { db } = context();
	const select = { id: true, status: true, locale: true } as const;
	if (byEmail.status !== 'pending' && byEmail.activatedAt) {
		return db.member.update({ where: { id: byEmail.id }, data: { googleSubject: identity.sub }, select });
	}
	const now = new Date();
	const { member, announce } = await db.$transaction(async (tx) => {
		const member = await tx.member.update({
			where: { id: byEmail.id },
			data: {
				googleSubject: identity.sub,
				passwordHash: null,
				status: 'active',
				activatedAt: now,
				...(identity.givenName ? { firstName: identity.givenName.slice(0, 80) } : {}),
				...(identity.familyName ? { lastName: identity.familyName.slice(0, 80) } : {})
			},
			select
		});
		await tx.accountToken.updateMany({ where: { memberId: byEmail.id, usedAt: null }, data: { usedAt: now } });
		return { member, announce: await revokeSessions(tx, byEmail.id) };
	});
	announce();
	return member;
}

/**
 * The code from Google's redirect becomes a session. An existing account is linked by its
 * verified email; otherwise a new, already-active account is created (Google checked the mailbox).
 */
export async function signInWithGoogle(code: string, locale: Locale, meta: SessionMeta) {
	if (!code || code.length > 2048) throw invalid('error.google_failed');
	const client = oauthClient();
	const { config, db, events } = context();
	let identity: { sub: string; email?: string; emailVerified: boolean; givenName?: string; familyName?: string };
	try {
		const { tokens } = await client.getToken(code);
		if (!tokens.id_token) throw new Error('no id_token');
		const ticket = await client.verifyIdToken({ idToken: tokens.id_token, audience: config.GOOGLE_CLIENT_ID });
		const payload = ticket.getPayload();
		if (!payload?.sub) throw new Error('no subject');
		identity = {
			sub: payload.sub,
			email: payload.email?.toLowerCase(),
			emailVerified: payload.email_verified === true,
			givenName: payload.given_name,
			familyName: payload.family_name
		};
	} catch (error) {
		if (error instanceof DomainError) throw error;
		throw invalid('error.google_failed');
	}
	let member = await db.member.findUnique({ where: { googleSubject: identity.sub }, select: { id: true, status: true, locale: true } });
	// the account becomes active here (new, or opened by someone and never proved): Google vouched for the mailbox
	let activatedNow = false;
	if (!member) {
		if (!identity.email || !identity.emailVerified) throw forbidden('error.google_unverified');
		const byEmail = await db.member.findUnique({ where: { email: identity.email }, select: { id: true, status: true, locale: true, activatedAt: true } });
		if (byEmail) {
			activatedNow = byEmail.status === 'pending' || !byEmail.activatedAt;
			member = await linkByEmail(byEmail, identity);
		} else {
			// registration moderation (registration.ts): a new account goes through the sign-up form and the queue
			if (await registrationApprovalRequired(db)) throw forbidden('admin.registration.error.use_form');
			const firstName = identity.givenName?.slice(0, 80) || identity.email.split('@')[0]!.slice(0, 80);
			const lastName = identity.familyName?.slice(0, 80) || '';
			member = await db.member.create({
				data: {
					email: identity.email,
					googleSubject: identity.sub,
					firstName,
					lastName,
					slug: memberSlug(firstName, lastName),
					locale,
					status: 'active',
					activatedAt: new Date(),
					visibleInDirectory: false,
					// "En continuant avec Google, vous acceptez…" (login page): the versions accepted
					consents: { create: Object.entries(LEGAL_VERSIONS).map(([document, version]) => ({ document, version })) }
				},
				select: { id: true, status: true, locale: true }
			});
			activatedNow = true;
			events.emit('member.signed_up', { memberId: member.id });
		}
	}
	const reactivated = member.status === 'deactivated';
	const memberId = member.id;
	await db.$transaction(async (tx) => {
		await tx.member.update({
			where: { id: memberId },
			data: { lastLoginAt: new Date(), ...(reactivated ? { status: 'active', deactivatedAt: null } : {}) }
		});
		// Google vouches for the address (unverified ones were refused above): e.g. the guest bookings made with it become theirs
		if (activatedNow || reactivated) await recordEvent(tx, 'member.activated', { memberId, via: reactivated ? 'reactivation' : 'google' });
		else await recordEvent(tx, 'member.address_proven', { memberId, via: 'google' });
	});
	return { memberId: member.id, locale: member.locale, reactivated, session: await openSession(member.id, meta) };
}
