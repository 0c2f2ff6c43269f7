import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, tokenOf, type TestContext } from '../helpers/context.ts';
import { startFakeGoogle, type FakeGoogle } from '../helpers/fakes/google-oauth.ts';
import { GOOGLE_CALLBACK_PATH, googleAuthorizationUrl, googleSignInEnabled, signInWithGoogle } from '../../src/lib/server/auth/google.ts';
import { activate, logIn, signUp } from '../../src/lib/server/auth/accounts.ts';
import { openSession, resolveSession } from '../../src/lib/server/auth/sessions.ts';
import { hashSecret } from '../../src/lib/server/auth/secrets.ts';
import { context, setContext } from '../../src/lib/server/context.ts';
import { loadConfig } from '../../src/lib/server/config.ts';
import { rejection } from '../helpers/errors.ts';

const PUBLIC_URL = 'http://127.0.0.1:3999';
const CALLBACK = `${PUBLIC_URL}${GOOGLE_CALLBACK_PATH}`;

let google: FakeGoogle;
let ctx: TestContext;
beforeAll(async () => {
	google = await startFakeGoogle({ redirectUri: CALLBACK });
	ctx = await useTestContext({ env: google.env });
});
afterAll(async () => {
	await ctx?.close();
	await google?.close();
});

const meta = { ip: '127.0.0.1', userAgent: 'vitest' };

describe('Google sign-in', () => {
	it('is enabled and sends the browser to the consent page with state, scopes and the callback', async () => {
		expect(googleSignInEnabled()).toBe(true);
		const url = new URL(googleAuthorizationUrl('etat-anti-csrf-123', 'fr'));
		expect(`${url.origin}${url.pathname}`).toBe(`${google.baseUrl}/o/oauth2/v2/auth`);
		expect(Object.fromEntries(url.searchParams)).toMatchObject({
			state: 'etat-anti-csrf-123',
			scope: 'openid email profile',
			redirect_uri: CALLBACK,
			client_id: google.clientId,
			response_type: 'code',
			hl: 'fr'
		});
	});

	it('creates an active account and a session for a new Google identity (full consent round trip)', async () => {
		google.willAuthorize({ sub: '1100001', email: 'Nadia.Benali@Gmail.com', email_verified: true, given_name: 'Nadia', family_name: 'Benali' });
		const consent = await fetch(googleAuthorizationUrl('state-xyz', 'en'), { redirect: 'manual' });
		expect(consent.status).toBe(302);
		const callback = new URL(consent.headers.get('location')!);
		expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
		expect(callback.searchParams.get('state')).toBe('state-xyz');
		const code = callback.searchParams.get('code')!;

		const before = google.tokenRequests.length;
		const result = await signInWithGoogle(code, 'en', meta);
		expect(result.reactivated).toBe(false);

		// the code was exchanged as Google expects it: form-encoded, with this client's credentials and callback
		const exchanges = google.tokenRequests.slice(before);
		expect(exchanges).toHaveLength(1);
		expect(exchanges[0]!.contentType).toMatch(/^application\/x-www-form-urlencoded/);
		expect(exchanges[0]!.form).toMatchObject({
			grant_type: 'authorization_code',
			code,
			client_id: google.clientId,
			client_secret: google.clientSecret,
			redirect_uri: CALLBACK
		});
		expect(google.certRequests).toBeGreaterThan(0);

		const member = await ctx.prisma.member.findUniqueOrThrow({ where: { id: result.memberId } });
		expect(member).toMatchObject({
			email: 'nadia.benali@gmail.com',
			googleSubject: '1100001',
			firstName: 'Nadia',
			lastName: 'Benali',
			status: 'active',
			locale: 'en',
			passwordHash: null
		});
		expect(member.activatedAt).toBeInstanceOf(Date);
		// consent to the terms and the privacy policy (stated under the Google button), with their versions
		expect(await ctx.prisma.consentRecord.count({ where: { memberId: result.memberId } })).toBe(2);
		expect((await resolveSession(result.session.secret))?.id).toBe(result.memberId);

		// the same Google identity signs in to the same account next time
		const again = await signInWithGoogle(google.issueCode({ sub: '1100001', email: 'nadia.benali@gmail.com', email_verified: true }), 'fr', meta);
		expect(again.memberId).toBe(result.memberId);
		expect(await ctx.prisma.member.count({ where: { email: 'nadia.benali@gmail.com' } })).toBe(1);
	});

	it('links an existing password account with the same verified email, without a duplicate', async () => {
		const email = 'hugo.lefebvre@exemple.fr';
		const { memberId } = await signUp({ firstName: 'Hugo', lastName: 'Lefebvre', email, password: 'une phrase assez longue', category: 'freelance', acceptTerms: 'on' }, 'fr');
		await activate(tokenOf(await ctx.lastLink(email)), meta);
		const membersBefore = await ctx.prisma.member.count();

		const code = google.issueCode({ sub: '2200002', email: 'Hugo.Lefebvre@exemple.fr', email_verified: true, given_name: 'H', family_name: 'L' });
		const result = await signInWithGoogle(code, 'en', meta);
		expect(result.memberId).toBe(memberId);
		expect(await ctx.prisma.member.count()).toBe(membersBefore);
		const member = await ctx.prisma.member.findUniqueOrThrow({ where: { id: memberId } });
		expect(member).toMatchObject({ googleSubject: '2200002', firstName: 'Hugo', locale: 'fr', status: 'active' });
		expect((await resolveSession(result.session.secret))?.id).toBe(memberId);
		// the password keeps working alongside Google
		await expect(logIn({ email, password: 'une phrase assez longue' }, meta)).resolves.toMatchObject({ memberId });
	});

	it('takes a never-activated account away from whoever opened it: their password and sessions stop working', async () => {
		const email = 'victime.gmail@exemple.fr';
		const squatterPassword = 'le mot de passe du squatteur';
		// someone signs up with the victim's address; the account stays pending (the link went to the victim)
		const { memberId } = await signUp({ firstName: 'Squat', lastName: 'Teur', email, password: squatterPassword, category: 'freelance', acceptTerms: 'on' }, 'fr');
		const squatterSession = await openSession(memberId, meta);
		const ended: string[] = [];
		const stop = ctx.events.on('session.ended', ({ sessionIdHash }) => ended.push(sessionIdHash));

		const result = await signInWithGoogle(google.issueCode({ sub: '6600006', email, email_verified: true, given_name: 'Vraie', family_name: 'Victime' }), 'fr', meta);
		stop();
		expect(result.memberId).toBe(memberId);
		const member = await ctx.prisma.member.findUniqueOrThrow({ where: { id: memberId } });
		expect(member).toMatchObject({ googleSubject: '6600006', status: 'active', passwordHash: null, firstName: 'Vraie', lastName: 'Victime' });
		// the squatter's password no longer opens the account, and their session is gone (its sockets are told)
		const refused = await rejection(logIn({ email, password: squatterPassword }, meta));
		expect(refused.key).toBe('error.bad_credentials');
		expect(await resolveSession(squatterSession.secret)).toBeNull();
		expect(ended).toEqual([hashSecret(squatterSession.secret)]);
		// the Google user's own session is live
		expect((await resolveSession(result.session.secret))?.id).toBe(memberId);
	});

	it('refuses an unverified Google email and never links it to the account holding that address', async () => {
		const email = 'ines.moreau@exemple.fr';
		const { memberId } = await signUp({ firstName: 'Inès', lastName: 'Moreau', email, password: 'une phrase assez longue', category: 'freelance', acceptTerms: 'on' }, 'fr');
		const membersBefore = await ctx.prisma.member.count();
		const sessionsBefore = await ctx.prisma.session.count();

		for (const address of [email, 'inconnue@exemple.fr']) {
			const error = await rejection(signInWithGoogle(google.issueCode({ sub: `3300003-${address}`, email: address, email_verified: false }), 'fr', meta));
			expect(error.kind).toBe('forbidden');
			expect(error.key).toBe('error.google_unverified');
		}
		expect(await ctx.prisma.member.count()).toBe(membersBefore);
		expect(await ctx.prisma.session.count()).toBe(sessionsBefore);
		expect(await ctx.prisma.member.findUniqueOrThrow({ where: { id: memberId } })).toMatchObject({ googleSubject: null, status: 'pending' });
	});

	it.each([
		['a code Google rejects (invalid_grant)', { reject: true }],
		['an ID token signed by another key', { signWithForeignKey: true }],
		['an ID token issued to another client', { audience: 'someone-else.apps.googleusercontent.com' }]
	])('fails cleanly on %s and creates nothing', async (_label, options) => {
		const membersBefore = await ctx.prisma.member.count();
		const sessionsBefore = await ctx.prisma.session.count();
		const before = google.tokenRequests.length;
		const code = google.issueCode({ sub: '4400004', email: 'mallory@exemple.fr', email_verified: true, given_name: 'Mallory' }, options);
		const error = await rejection(signInWithGoogle(code, 'fr', meta));
		expect(error.kind).toBe('invalid');
		expect(error.key).toBe('error.google_failed');
		// the exchange did happen: the failure comes from Google's answer, not from a skipped call
		expect(google.tokenRequests.slice(before).map((r) => r.form.code)).toEqual([code]);
		expect(await ctx.prisma.member.count()).toBe(membersBefore);
		expect(await ctx.prisma.session.count()).toBe(sessionsBefore);
		expect(await ctx.prisma.member.findUnique({ where: { googleSubject: '4400004' } })).toBeNull();
	});

	it('is disabled when GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET are not set', async () => {
		const wired = context();
		setContext({ ...wired, config: loadConfig({ NODE_ENV: 'test', PUBLIC_URL }) });
		try {
			expect(googleSignInEnabled()).toBe(false);
			expect(() => googleAuthorizationUrl('state', 'fr')).toThrow(expect.objectContaining({ key: 'error.google_disabled' }));
			const before = google.tokenRequests.length;
			const error = await rejection(signInWithGoogle(google.issueCode({ sub: '5500005', email: 'x@exemple.fr', email_verified: true }), 'fr', meta));
			expect(error.key).toBe('error.google_disabled');
			expect(google.tokenRequests.length).toBe(before);
		} finally {
			setContext(wired);
		}
	});
});
