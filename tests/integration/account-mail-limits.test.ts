import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, tokenOf, type TestContext } from '../helpers/context.ts';
import { activate, PASSWORD_RESET_JOB, requestEmailChange, requestPasswordReset, signUp } from '../../src/lib/server/auth/accounts.ts';
import { consumeRates } from '../../src/lib/server/auth/rate-limit.ts';
import { httpStatus } from '../../src/lib/server/errors.ts';
import { translate } from '../../src/lib/i18n/index.ts';
import { jobsOf, runDueJobs } from '../helpers/jobs.ts';
import { rejection } from '../helpers/errors.ts';

let ctx: TestContext;
beforeAll(async () => {
	ctx = await useTestContext({ env: { MAIL_LIMIT_PER_ADDRESS: '3', MAIL_LIMIT_PER_IP: '5', MAIL_LIMIT_PER_MEMBER: '4', MAIL_LIMIT_WINDOW_MINUTES: '60' } });
});
afterAll(async () => ctx?.close());

const PASSWORD = 'une phrase assez longue';
let ipCounter = 1;
const freshIp = () => `10.1.0.${ipCounter++}`;

const runJobs = () => runDueJobs(ctx);

const person = (tag: string) => ({ firstName: 'Jeanne', lastName: `Limite${tag}`, email: `jeanne.${tag}@exemple.fr`, password: PASSWORD, category: 'freelance', acceptTerms: 'on' });

async function activeMember(tag: string) {
	const input = person(tag);
	const { memberId } = await signUp(input, 'fr');
	await activate(tokenOf(await ctx.lastLink(input.email)), { ip: freshIp() });
	return { memberId, email: input.email };
}

const resetJobs = async () => (await jobsOf(ctx, PASSWORD_RESET_JOB)).length;

/** The refusal as the member sees it: HTTP status and the French message. */
function asSeen(error: Awaited<ReturnType<typeof rejection>>) {
	return { status: httpStatus[error.kind], message: translate('fr', error.key, error.params) };
}

describe('forgotten password: per address and per IP, mail sent by a job', () => {
	it('sends three reset mails to one address, refuses the fourth with a localized 429 and sends nothing more', async () => {
		const member = await activeMember('reset');
		for (let i = 0; i < 3; i++) await requestPasswordReset({ email: member.email }, { ip: freshIp() });
		await runJobs();
		expect((await ctx.sentMail(member.email)).filter((m) => m.subject.startsWith('Réinitialisation'))).toHaveLength(3);

		const jobsBefore = await resetJobs();
		const refused = await rejection(requestPasswordReset({ email: member.email.toUpperCase() }, { ip: freshIp() }));
		expect(refused.kind).toBe('throttled');
		expect(asSeen(refused).status).toBe(429);
		expect(asSeen(refused).message).toMatch(/^Trop de demandes\. Réessayez dans \d+ minutes\.$/);
		await runJobs();
		expect(await resetJobs()).toBe(jobsBefore);
		expect((await ctx.sentMail(member.email)).filter((m) => m.subject.startsWith('Réinitialisation'))).toHaveLength(3);
	});

	it('limits an unknown address exactly like a known one (nothing tells them apart)', async () => {
		for (let i = 0; i < 3; i++) await requestPasswordReset({ email: 'personne.ici@exemple.fr' }, { ip: freshIp() });
		const refused = await rejection(requestPasswordReset({ email: 'personne.ici@exemple.fr' }, { ip: freshIp() }));
		expect(refused.kind).toBe('throttled');
	});

	it('limits one IP across addresses', async () => {
		const ip = freshIp();
		for (let i = 0; i < 5; i++) await requestPasswordReset({ email: `cible${i}@exemple.fr` }, { ip });
		expect((await rejection(requestPasswordReset({ email: 'cible9@exemple.fr' }, { ip }))).kind).toBe('throttled');
		// another IP is not affected
		await expect(requestPasswordReset({ email: 'cible9@exemple.fr' }, { ip: freshIp() })).resolves.toBeUndefined();
	});
});

describe('sign-up: per IP and per address', () => {
	it('refuses the sixth sign-up from one IP and creates nothing for it', async () => {
		const ip = freshIp();
		for (let i = 0; i < 5; i++) await signUp(person(`ip${i}`), 'fr', { ip });
		const members = await ctx.prisma.member.count();
		const mails = await ctx.prisma.outboxMail.count();
		const refused = await rejection(signUp(person('ip5'), 'fr', { ip }));
		expect(asSeen(refused).status).toBe(429);
		expect(await ctx.prisma.member.count()).toBe(members);
		expect(await ctx.prisma.outboxMail.count()).toBe(mails);
		await expect(signUp(person('ip5'), 'fr', { ip: freshIp() })).resolves.toMatchObject({ email: 'jeanne.ip5@exemple.fr' });
	});
});

describe('a logged-in member’s mail actions', () => {
	it('are limited per member, whatever the IP', async () => {
		const member = await activeMember('member');
		const actor = { memberId: member.memberId };
		for (let i = 0; i < 4; i++) await requestEmailChange(actor, { newEmail: `nouvelle${i}@exemple.fr`, currentPassword: PASSWORD }, { ip: freshIp() });
		const refused = await rejection(requestEmailChange(actor, { newEmail: 'nouvelle9@exemple.fr', currentPassword: PASSWORD }, { ip: freshIp() }));
		expect(refused.kind).toBe('throttled');
		expect(await ctx.sentMail('nouvelle9@exemple.fr')).toHaveLength(0);
		// the member's budget is shared by every mail-sending action
		expect((await rejection(requestPasswordReset({ email: 'autre@exemple.fr' }, { ip: freshIp(), memberId: member.memberId }))).kind).toBe('throttled');
		expect((await rejection(signUp(person('by-member'), 'fr', { ip: freshIp(), memberId: member.memberId }))).kind).toBe('throttled');
	});
});

describe('rate counters', () => {
	it('count within a window, all or nothing across keys, and start again once the window has passed', async () => {
		const t0 = new Date('2030-01-01T10:00:00Z');
		const windowMs = 60_000;
		const rules = [
			{ key: 'test:a', limit: 2 },
			{ key: 'test:b', limit: 5 }
		];
		await consumeRates(rules, { windowMs, now: t0 });
		await consumeRates(rules, { windowMs, now: new Date(t0.getTime() + 10_000) });
		const refused = await rejection(consumeRates(rules, { windowMs, now: new Date(t0.getTime() + 20_000) }));
		expect(refused.params).toEqual({ minutes: 1 });
		// the refused request counted nowhere
		expect((await ctx.prisma.rateCounter.findUniqueOrThrow({ where: { key: 'test:b' } })).hits).toBe(2);
		await expect(consumeRates(rules, { windowMs, now: new Date(t0.getTime() + 61_000) })).resolves.toBeUndefined();
		expect((await ctx.prisma.rateCounter.findUniqueOrThrow({ where: { key: 'test:a' } })).hits).toBe(1);
	});
});

describe('nothing tells a registered address from an unknown one', () => {
	it('forgotten password does the same work for both — one job, no mail inline — and the job mails only the owner', async () => {
		const member = await activeMember('enum');
		const mailsBefore = await ctx.prisma.outboxMail.count();
		const jobsBefore = await resetJobs();
		const known = await requestPasswordReset({ email: member.email }, { ip: freshIp() });
		const unknown = await requestPasswordReset({ email: 'inconnue.enum@exemple.fr' }, { ip: freshIp() });
		expect(known).toEqual(unknown);
		expect(await resetJobs()).toBe(jobsBefore + 2);
		expect(await ctx.prisma.outboxMail.count()).toBe(mailsBefore);

		await runJobs();
		expect((await ctx.sentMail(member.email)).at(-1)?.subject).toBe('Réinitialisation de votre mot de passe Relais');
		expect(await ctx.sentMail('inconnue.enum@exemple.fr')).toHaveLength(0);
		expect(await jobsOf(ctx, PASSWORD_RESET_JOB, { queued: true })).toHaveLength(0);
	});

	it('sign-up answers an existing address like a new one and mails its owner a notice', async () => {
		const owner = await activeMember('enum-signup');
		const fresh = await signUp(person('enum-new'), 'fr', { ip: freshIp() });
		const taken = await signUp({ ...person('enum-other'), email: owner.email }, 'fr', { ip: freshIp() });
		expect(Object.keys(taken).sort()).toEqual(Object.keys(fresh).sort());
		expect(taken.email).toBe(owner.email);
		expect(await ctx.prisma.member.count({ where: { email: owner.email } })).toBe(1);
		const notice = (await ctx.sentMail(owner.email)).at(-1)!;
		expect(notice.subject).toBe('Inscription sur Relais avec votre adresse');
		expect(notice.text).toContain('/forgot-password');
	});
});
