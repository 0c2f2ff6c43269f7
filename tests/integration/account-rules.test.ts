import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, tokenOf, type TestContext } from '../helpers/context.ts';
import {
	activate,
	changePassword,
	confirmEmailChange,
	deactivate,
	logIn,
	requestEmailChange,
	requestPasswordReset,
	resetPassword,
	checkResetLink,
	signUp,
	updateSettings
} from '../../src/lib/server/auth/accounts.ts';
import { resolveSession } from '../../src/lib/server/auth/sessions.ts';
import { hashSecret } from '../../src/lib/server/auth/secrets.ts';
import { searchDirectory } from '../../src/lib/server/directory/search.ts';
import { rejection } from '../helpers/errors.ts';
import { translate, type MessageKey } from '../../src/lib/i18n/index.ts';
import { runDueJobs } from '../helpers/jobs.ts';

/** Runs the due jobs once (the forgotten-password mail is sent by one). */
const runJobs = () => runDueJobs(ctx);

let ctx: TestContext;
beforeAll(async () => {
	ctx = await useTestContext({ env: { LOGIN_MAX_FAILURES_ACCOUNT: '3', LOGIN_MAX_FAILURES_IP: '5', LOGIN_DELAY_MAX_SECONDS: '60' } });
});
afterAll(async () => ctx?.close());

const PASSWORD = 'une phrase assez longue';

/** Every test uses its own IP so per-IP throttling from one test cannot leak into another. */
let ipCounter = 10;
function meta() {
	return { ip: `10.0.0.${ipCounter++}`, userAgent: 'vitest' };
}

function person(tag: string, overrides: Record<string, unknown> = {}) {
	return { firstName: 'Camille', lastName: `Martin${tag}`, email: `camille.${tag}@exemple.fr`, password: PASSWORD, category: 'freelance', acceptTerms: 'on', ...overrides };
}

/** An active member, created the way a user does it: sign-up, then the mailed activation link. */
async function activeMember(tag: string) {
	const input = person(tag);
	const { memberId } = await signUp(input, 'fr');
	const { session } = await activate(tokenOf(await ctx.lastLink(input.email)), meta());
	return { memberId, email: input.email, lastName: input.lastName, secret: session.secret };
}

async function counts() {
	const [members, tokens, mails, sessions] = await Promise.all([
		ctx.prisma.member.count(),
		ctx.prisma.accountToken.count(),
		ctx.prisma.outboxMail.count(),
		ctx.prisma.session.count()
	]);
	return { members, tokens, mails, sessions };
}

describe('sign-up rules', () => {
	it('answers an address already registered, whatever its case, like a new one: no second account, a notice to its owner', async () => {
		const { memberId } = await signUp(person('dup'), 'fr');
		const before = await counts();
		const again = await signUp(person('dup', { email: '  CAMILLE.Dup@Exemple.FR ', firstName: 'Autre' }), 'fr');
		expect(again).toEqual({ memberId, email: 'camille.dup@exemple.fr' });
		// no member, no token: only the notice mail
		expect(await counts()).toEqual({ ...before, mails: before.mails + 1 });
		const member = await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'camille.dup@exemple.fr' } });
		expect(member.firstName).toBe('Camille');
		const notice = (await ctx.sentMail('camille.dup@exemple.fr')).at(-1)!;
		expect(notice.subject).toBe('Inscription sur Relais avec votre adresse');
		expect(notice.text).toContain('http://127.0.0.1:3999/forgot-password');
	});

	it.each([
		['an oversized first name', { firstName: 'x'.repeat(81) }, { firstName: 'error.too_long' }],
		['an oversized email', { email: `${'a'.repeat(250)}@exemple.fr` }, { email: 'error.too_long' }],
		['missing names', { firstName: undefined, lastName: '   ' }, { firstName: 'error.required', lastName: 'error.required' }],
		['a missing email and password', { email: undefined, password: undefined }, { email: 'error.required', password: 'error.required' }],
		['a malformed email', { email: 'pas-une-adresse' }, { email: 'error.email_invalid' }],
		['an 11-character password', { password: 'onze-caract' }, { password: 'error.password_too_short' }],
		['an oversized password', { password: 'p'.repeat(64) + 'q'.repeat(65) }, { password: 'error.password_too_long' }],
		['a common password', { password: 'MotDePasse123' }, { password: 'error.password_common' }],
		['an unknown category', { category: 'astronaut' }, { category: 'error.category_invalid' }],
		['the terms not accepted', { acceptTerms: undefined }, { acceptTerms: 'consent.required' }]
	])('refuses %s with per-field keys and creates no member', async (_label, overrides, fields) => {
		const before = await counts();
		const input = person('invalid', overrides);
		const error = await rejection(signUp(input, 'fr'));
		expect(error.kind).toBe('invalid');
		expect(error.key).toBe('error.invalid_form');
		expect(error.fields).toEqual(fields);
		expect(await counts()).toEqual(before);
		expect(await ctx.prisma.member.findFirst({ where: { lastName: 'Martininvalid' } })).toBeNull();
	});

	it('accepts a 12-character password (the boundary)', async () => {
		await expect(signUp(person('twelve', { password: 'douze-caract' }), 'fr')).resolves.toMatchObject({ email: 'camille.twelve@exemple.fr' });
	});
});

describe('login', () => {
	it('gives the same answer for an unknown email and a wrong password', async () => {
		const { email } = await activeMember('creds');
		const unknown = await rejection(logIn({ email: 'personne@exemple.fr', password: PASSWORD }, meta()));
		const wrong = await rejection(logIn({ email, password: 'pas le bon mot de passe' }, meta()));
		expect(unknown.key).toBe('error.bad_credentials');
		expect({ kind: wrong.kind, key: wrong.key, fields: wrong.fields, params: wrong.params }).toEqual({
			kind: unknown.kind,
			key: unknown.key,
			fields: unknown.fields,
			params: unknown.params
		});
	});

	it('slows an account down progressively after LOGIN_MAX_FAILURES_ACCOUNT failures but never locks its owner out', async () => {
		const { email } = await activeMember('throttled');
		let clock = Date.now();
		const at = () => new Date(clock);
		const wrong = () => rejection(logIn({ email, password: 'mauvais mot de passe' }, meta(), at()));
		// two failures cost nothing: the right password still works and clears the count
		for (let i = 0; i < 2; i++) expect((await wrong()).key).toBe('error.bad_credentials');
		await expect(logIn({ email, password: PASSWORD }, meta(), at())).resolves.toMatchObject({ reactivated: false });

		// from the third failure on, each one makes the next attempt wait twice as long: 1 s, 2 s, 4 s…
		for (let i = 0; i < 2; i++) expect((await wrong()).key).toBe('error.bad_credentials');
		const delays: number[] = [];
		for (let i = 0; i < 4; i++) {
			expect((await wrong()).key).toBe('error.bad_credentials');
			// right away, even the right password from another IP must wait; the refusal says how long
			const waiting = await rejection(logIn({ email: email.toUpperCase(), password: PASSWORD }, meta(), at()));
			expect(waiting.kind).toBe('throttled');
			expect(waiting.key).toBe('auth.error.login_delayed');
			delays.push(Number(waiting.params.seconds));
			clock += Number(waiting.params.seconds) * 1000;
		}
		expect(delays).toEqual([1, 2, 4, 8]);

		// once the delay has passed, the owner gets in at once, from anywhere — no 15-minute lock-out
		await expect(logIn({ email, password: PASSWORD }, meta(), at())).resolves.toHaveProperty('session');
		// and the slate is clean again
		expect((await wrong()).key).toBe('error.bad_credentials');
		await expect(logIn({ email, password: PASSWORD }, meta(), at())).resolves.toHaveProperty('session');
		// another account is not affected
		const other = await activeMember('throttled-other');
		await expect(logIn({ email: other.email, password: PASSWORD }, meta())).resolves.toHaveProperty('session');
	});

	it('caps the delay at LOGIN_DELAY_MAX_SECONDS however many failures', async () => {
		const { email } = await activeMember('capped');
		let clock = Date.now();
		for (let i = 0; i < 14; i++) {
			// each attempt after the previous delay (at most 60 s) has passed
			if (i > 0) clock += 60_000;
			const error = await rejection(logIn({ email, password: 'mauvais mot de passe' }, meta(), new Date(clock)));
			expect(error.key).toBe('error.bad_credentials');
		}
		const waiting = await rejection(logIn({ email, password: PASSWORD }, meta(), new Date(clock)));
		expect(waiting.params.seconds).toBe(60);
		await expect(logIn({ email, password: PASSWORD }, meta(), new Date(clock + 60_000))).resolves.toHaveProperty('session');
	});

	it('blocks an IP after LOGIN_MAX_FAILURES_IP failures across different emails', async () => {
		const victim = await activeMember('ip-victim');
		const attacker = meta();
		for (let i = 0; i < 5; i++) {
			const error = await rejection(logIn({ email: `inconnu${i}@exemple.fr`, password: 'devine devine devine' }, attacker));
			expect(error.key).toBe('error.bad_credentials');
		}
		const blocked = await rejection(logIn({ email: victim.email, password: PASSWORD }, attacker));
		expect(blocked.kind).toBe('throttled');
		// the account itself is fine from elsewhere
		await expect(logIn({ email: victim.email, password: PASSWORD }, meta())).resolves.toHaveProperty('session');
	});
});

describe('forgotten password', () => {
	it('answers the same for an unknown email and sends nothing', async () => {
		const before = await counts();
		await expect(requestPasswordReset({ email: 'fantome@exemple.fr' })).resolves.toBeUndefined();
		await runJobs();
		expect(await counts()).toEqual(before);
	});

	it('mails a link that resets the password once and ends every session', async () => {
		const member = await activeMember('reset');
		const other = await logIn({ email: member.email, password: PASSWORD }, meta());
		await requestPasswordReset({ email: member.email.toUpperCase() });
		await runJobs();
		const mails = await ctx.sentMail(member.email);
		expect(mails.at(-1)?.subject).toBe('Réinitialisation de votre mot de passe Relais');
		const link = await ctx.lastLink(member.email);
		expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3999\/reset-password\?token=/);
		const token = tokenOf(link);

		await resetPassword({ token, password: 'nouvelle phrase secrète' });
		expect(await resolveSession(member.secret)).toBeNull();
		expect(await resolveSession(other.session.secret)).toBeNull();
		expect(await ctx.prisma.session.count({ where: { memberId: member.memberId } })).toBe(0);
		expect((await rejection(logIn({ email: member.email, password: PASSWORD }, meta()))).key).toBe('error.bad_credentials');
		await expect(logIn({ email: member.email, password: 'nouvelle phrase secrète' }, meta())).resolves.toMatchObject({ memberId: member.memberId });

		const reused = await rejection(resetPassword({ token, password: 'encore une autre phrase' }));
		expect(reused.key).toBe('auth.token.password_reset.used');
		await expect(logIn({ email: member.email, password: 'nouvelle phrase secrète' }, meta())).resolves.toMatchObject({ memberId: member.memberId });
	});

	it('refuses an expired link and keeps the password', async () => {
		const member = await activeMember('expired');
		await requestPasswordReset({ email: member.email });
		await runJobs();
		const token = tokenOf(await ctx.lastLink(member.email));
		const { count } = await ctx.prisma.accountToken.updateMany({ where: { tokenHash: hashSecret(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
		expect(count).toBe(1);
		const error = await rejection(resetPassword({ token, password: 'nouvelle phrase secrète' }));
		expect(error.key).toBe('auth.token.password_reset.expired');
		expect(await resolveSession(member.secret)).not.toBeNull();
		await expect(logIn({ email: member.email, password: PASSWORD }, meta())).resolves.toMatchObject({ memberId: member.memberId });
	});
});

describe('mailed links say exactly what is wrong, and with which link', () => {
	it('keeps the first activation link working after a resend; once one is used, the others say the account is active', async () => {
		const input = person('resend');
		await signUp(input, 'fr');
		const first = tokenOf(await ctx.lastLink(input.email));
		// logging in before activation resends a link
		expect((await rejection(logIn({ email: input.email, password: PASSWORD }, meta()))).key).toBe('error.activation_resent');
		const second = tokenOf(await ctx.lastLink(input.email));
		expect(second).not.toBe(first);
		await expect(activate(first, meta())).resolves.toHaveProperty('session');
		expect((await rejection(activate(second, meta()))).key).toBe('auth.token.activation.used');
		expect((await rejection(activate(first, meta()))).key).toBe('auth.token.activation.used');
	});

	it('names the link and the problem: invalid, expired, used, replaced', async () => {
		const member = await activeMember('links');
		const garbage = 'x'.repeat(43);
		expect((await rejection(activate(garbage, meta()))).key).toBe('auth.token.activation.invalid');
		expect((await rejection(activate('court', meta()))).key).toBe('auth.token.activation.invalid');
		expect((await rejection(resetPassword({ token: garbage, password: 'nouvelle phrase secrète' }))).key).toBe('auth.token.password_reset.invalid');
		expect((await rejection(confirmEmailChange(garbage))).key).toBe('auth.token.email_change.invalid');

		await requestPasswordReset({ email: member.email });
		await runJobs();
		const older = tokenOf(await ctx.lastLink(member.email));
		await requestPasswordReset({ email: member.email });
		await runJobs();
		const newer = tokenOf(await ctx.lastLink(member.email));
		const replaced = await rejection(resetPassword({ token: older, password: 'nouvelle phrase secrète' }));
		expect(replaced.key).toBe('auth.token.password_reset.replaced');
		// an activation token is not a reset token, and the other way round
		expect((await rejection(activate(newer, meta()))).key).toBe('auth.token.activation.invalid');
		await ctx.prisma.accountToken.updateMany({ where: { tokenHash: hashSecret(newer) }, data: { expiresAt: new Date(Date.now() - 1000) } });
		expect((await rejection(checkResetLink(newer))).key).toBe('auth.token.password_reset.expired');
		// nothing changed: the old password still works
		await expect(logIn({ email: member.email, password: PASSWORD }, meta())).resolves.toMatchObject({ memberId: member.memberId });
	});

	it('has a distinct French and English message for every link and problem', () => {
		const messages = new Set<string>();
		for (const purpose of ['activation', 'password_reset', 'email_change'] as const) {
			for (const problem of ['invalid', 'expired', 'used', 'replaced'] as const) {
				const key = `auth.token.${purpose}.${problem}` as MessageKey;
				for (const locale of ['fr', 'en'] as const) {
					const text = translate(locale, key);
					expect(text).not.toBe(key);
					messages.add(text);
				}
			}
		}
		expect(messages.size).toBe(24);
	});
});

describe('account changes', () => {
	it('changes the email only with the current password, after confirmation, and tells the old address', async () => {
		const member = await activeMember('email');
		const newEmail = 'camille.nouvelle@exemple.fr';
		const refused = await rejection(requestEmailChange({ memberId: member.memberId }, { newEmail, currentPassword: 'pas le bon mot de passe' }));
		expect(refused.key).toBe('error.wrong_password');
		expect(refused.fields).toEqual({ currentPassword: 'error.wrong_password' });
		expect(await ctx.sentMail(newEmail)).toHaveLength(0);

		await requestEmailChange({ memberId: member.memberId }, { newEmail: ` ${newEmail.toUpperCase()} `, currentPassword: PASSWORD });
		// nothing changes until the new mailbox confirms
		expect((await ctx.prisma.member.findUniqueOrThrow({ where: { id: member.memberId } })).email).toBe(member.email);
		const confirmation = await ctx.sentMail(newEmail);
		expect(confirmation.map((m) => m.subject)).toEqual(['Confirmez votre nouvelle adresse e-mail']);
		const link = await ctx.lastLink(newEmail);
		expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3999\/confirm-email\?token=/);

		await expect(confirmEmailChange(tokenOf(link))).resolves.toEqual({ memberId: member.memberId });
		expect((await ctx.prisma.member.findUniqueOrThrow({ where: { id: member.memberId } })).email).toBe(newEmail);
		const notice = (await ctx.sentMail(member.email)).at(-1);
		expect(notice?.subject).toBe('Votre adresse e-mail Relais a changé');
		expect(notice?.text).toContain(newEmail);
		await expect(logIn({ email: newEmail, password: PASSWORD }, meta())).resolves.toMatchObject({ memberId: member.memberId });
		expect((await rejection(logIn({ email: member.email, password: PASSWORD }, meta()))).key).toBe('error.bad_credentials');
		expect((await rejection(confirmEmailChange(tokenOf(link)))).key).toBe('auth.token.email_change.used');
	});

	it('refuses a password change with a wrong current password and keeps the old one', async () => {
		const member = await activeMember('wrongpw');
		const error = await rejection(
			changePassword({ memberId: member.memberId }, { currentPassword: 'pas le bon mot de passe', newPassword: 'nouvelle phrase secrète' }, member.secret)
		);
		expect(error.key).toBe('error.wrong_password');
		expect(error.fields).toEqual({ currentPassword: 'error.wrong_password' });
		await expect(logIn({ email: member.email, password: PASSWORD }, meta())).resolves.toMatchObject({ memberId: member.memberId });
		expect((await rejection(logIn({ email: member.email, password: 'nouvelle phrase secrète' }, meta()))).key).toBe('error.bad_credentials');
	});

	it('closes the other sessions on a password change but keeps the current one', async () => {
		const member = await activeMember('sessions');
		const laptop = await logIn({ email: member.email, password: PASSWORD }, meta());
		const phone = await logIn({ email: member.email, password: PASSWORD }, meta());
		await changePassword({ memberId: member.memberId }, { currentPassword: PASSWORD, newPassword: 'nouvelle phrase secrète' }, laptop.session.secret);
		expect((await resolveSession(laptop.session.secret))?.id).toBe(member.memberId);
		expect(await resolveSession(phone.session.secret)).toBeNull();
		expect(await resolveSession(member.secret)).toBeNull();
		expect(await ctx.prisma.session.count({ where: { memberId: member.memberId } })).toBe(1);
	});

	it('deactivates only with the password, ends sessions, hides the member; logging in reactivates', async () => {
		const member = await activeMember('deactivate');
		const inDirectory = async () => (await searchDirectory(null, { q: member.lastName })).results.length;
		expect(await inDirectory()).toBe(1);

		expect((await rejection(deactivate({ memberId: member.memberId }, { currentPassword: 'pas le bon mot de passe' }))).key).toBe('error.wrong_password');
		expect((await rejection(deactivate({ memberId: member.memberId }, {}))).key).toBe('error.wrong_password');
		expect((await ctx.prisma.member.findUniqueOrThrow({ where: { id: member.memberId } })).status).toBe('active');
		expect(await resolveSession(member.secret)).not.toBeNull();

		const deactivated: string[] = [];
		const stop = ctx.events.on('member.deactivated', ({ memberId }) => deactivated.push(memberId));
		await deactivate({ memberId: member.memberId }, { currentPassword: PASSWORD });
		stop();
		expect(deactivated).toEqual([member.memberId]);
		const row = await ctx.prisma.member.findUniqueOrThrow({ where: { id: member.memberId } });
		expect(row.status).toBe('deactivated');
		expect(row.deactivatedAt).toBeInstanceOf(Date);
		expect(await resolveSession(member.secret)).toBeNull();
		expect(await ctx.prisma.session.count({ where: { memberId: member.memberId } })).toBe(0);
		expect(await inDirectory()).toBe(0);

		const back = await logIn({ email: member.email, password: PASSWORD }, meta());
		expect(back.reactivated).toBe(true);
		const after = await ctx.prisma.member.findUniqueOrThrow({ where: { id: member.memberId } });
		expect(after.status).toBe('active');
		expect(after.deactivatedAt).toBeNull();
		expect((await resolveSession(back.session.secret))?.id).toBe(member.memberId);
		expect(await inDirectory()).toBe(1);
		expect((await logIn({ email: member.email, password: PASSWORD }, meta())).reactivated).toBe(false);
	});

	it('rejects an unknown timezone or locale in the settings and changes nothing', async () => {
		const member = await activeMember('settings');
		const valid = {
			firstName: 'Camille',
			lastName: 'Martinsettings',
			phone: '',
			postcode: '',
			city: 'Lyon',
			locale: 'en',
			timezone: 'America/Montreal',
			visibleInDirectory: 'on',
			acceptsContactRequests: 'on'
		};
		const before = await ctx.prisma.member.findUniqueOrThrow({ where: { id: member.memberId } });

		const badZone = await rejection(updateSettings({ memberId: member.memberId }, { ...valid, timezone: 'Mars/Olympus_Mons' }));
		expect(badZone.kind).toBe('invalid');
		expect(badZone.fields).toEqual({ timezone: 'error.timezone_invalid' });
		const badLocale = await rejection(updateSettings({ memberId: member.memberId }, { ...valid, locale: 'de' }));
		expect(badLocale.fields).toEqual({ locale: 'error.locale_invalid' });
		expect(await ctx.prisma.member.findUniqueOrThrow({ where: { id: member.memberId } })).toEqual(before);

		// the same form with valid values does go through
		await expect(updateSettings({ memberId: member.memberId }, valid)).resolves.toEqual({ locale: 'en' });
		const after = await ctx.prisma.member.findUniqueOrThrow({ where: { id: member.memberId } });
		expect({ locale: after.locale, timezone: after.timezone, city: after.city }).toEqual({ locale: 'en', timezone: 'America/Montreal', city: 'Lyon' });
	});
});
