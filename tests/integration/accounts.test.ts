import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, tokenOf, type TestContext } from '../helpers/context.ts';
import { activate, changePassword, logIn, signUp } from '../../src/lib/server/auth/accounts.ts';
import { resolveSession } from '../../src/lib/server/auth/sessions.ts';
import { rejection } from '../helpers/errors.ts';

let ctx: TestContext;
beforeAll(async () => {
	ctx = await useTestContext();
});
afterAll(async () => ctx?.close());

const meta = { ip: '127.0.0.1', userAgent: 'vitest' };
const alice = { firstName: 'Alice', lastName: 'Durand', email: 'alice.durand@exemple.fr', password: 'une phrase assez longue', category: 'freelance', acceptTerms: 'on' };

describe('sign-up → activation → login', () => {
	it('creates a pending account and mails an activation link', async () => {
		await signUp(alice, 'fr');
		const member = await ctx.prisma.member.findUniqueOrThrow({ where: { email: alice.email } });
		expect(member.status).toBe('pending');
		expect(member.passwordHash).toMatch(/^\$argon2id\$/);
		const link = await ctx.lastLink(alice.email);
		expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3999\/activate\?token=/);
	});

	it('refuses to log in before activation and resends the link', async () => {
		const error = await rejection(logIn({ email: alice.email, password: alice.password }, meta));
		expect(error.key).toBe('error.activation_resent');
		expect(await ctx.sentMail(alice.email)).toHaveLength(2);
	});

	it('activates once through the link and opens a session', async () => {
		const token = tokenOf(await ctx.lastLink(alice.email));
		const { session } = await activate(token, meta);
		expect((await resolveSession(session.secret))?.firstName).toBe('Alice');
		const again = await rejection(activate(token, meta));
		expect(again.key).toBe('auth.token.activation.used');
	});

	it('logs in, and a new password replaces the old one', async () => {
		const { memberId, session } = await logIn({ email: 'ALICE.durand@exemple.fr ', password: alice.password }, meta);
		await changePassword({ memberId }, { currentPassword: alice.password, newPassword: 'un autre mot de passe' }, session.secret);
		expect(await resolveSession(session.secret)).not.toBeNull();
		const wrong = await rejection(logIn({ email: alice.email, password: alice.password }, meta));
		expect(wrong.key).toBe('error.bad_credentials');
		await expect(logIn({ email: alice.email, password: 'un autre mot de passe' }, meta)).resolves.toMatchObject({ memberId });
	});
});
