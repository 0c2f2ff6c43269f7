import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, tokenOf, type TestContext } from '../helpers/context.ts';
import { startSmtpInbox, type SmtpInbox } from '../helpers/fakes/smtp-inbox.ts';
import { createSmtpMailer } from '../../src/lib/server/mail/smtp.ts';
import { activate, signUp } from '../../src/lib/server/auth/accounts.ts';
import { resolveSession } from '../../src/lib/server/auth/sessions.ts';

let inbox: SmtpInbox;
let ctx: TestContext;
beforeAll(async () => {
	inbox = await startSmtpInbox();
	ctx = await useTestContext({ mailer: createSmtpMailer(inbox.url, 'Relais <no-reply@relais.test>') });
});
afterAll(async () => {
	await ctx?.close();
	await inbox?.close();
});

const meta = { ip: '127.0.0.1', userAgent: 'vitest' };

function onlyLink(text: string): string {
	const links = text.match(/https?:\/\/\S+/g) ?? [];
	expect(links).toHaveLength(1);
	return links[0]!;
}

describe('mail over real SMTP', () => {
	it('delivers the French activation mail to the new member, and its link activates the account', async () => {
		const before = inbox.messages.length;
		const { memberId } = await signUp(
			{ firstName: 'Léa', lastName: 'Fontaine', email: 'Lea.Fontaine@Exemple.fr', password: 'une phrase assez longue', category: 'freelance', acceptTerms: 'on' },
			'fr'
		);
		const received = inbox.messages.slice(before);
		expect(received).toHaveLength(1);
		const [mail] = received;
		expect(mail!.mailFrom).toBe('no-reply@relais.test');
		expect(mail!.rcptTo).toEqual(['lea.fontaine@exemple.fr']);
		expect(mail!.raw).toMatch(/^From: Relais <no-reply@relais\.test>\r?$/m);
		expect(mail!.raw).toMatch(/^To: lea\.fontaine@exemple\.fr\r?$/m);
		expect(mail!.subject).toBe('Activez votre compte Relais');
		expect(mail!.text).toContain('Bonjour Léa,');
		expect(mail!.text).toContain('L’équipe Relais');

		const link = onlyLink(mail!.text);
		expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3999\/activate\?token=[A-Za-z0-9_-]+$/);
		expect(mail!.html).toContain(`href="${link}"`);
		// SMTP replaced the outbox: nothing was stored in the database
		expect(await ctx.prisma.outboxMail.count()).toBe(0);

		const { session } = await activate(tokenOf(link), meta);
		expect((await ctx.prisma.member.findUniqueOrThrow({ where: { id: memberId } })).status).toBe('active');
		expect((await resolveSession(session.secret))?.firstName).toBe('Léa');
	});

	it('writes to an English-speaking member in English', async () => {
		const before = inbox.messages.length;
		await signUp({ firstName: 'Oliver', lastName: 'Smith', email: 'oliver.smith@example.com', password: 'a long enough passphrase', category: 'company', acceptTerms: 'on' }, 'en');
		const received = inbox.messages.slice(before);
		expect(received.map((m) => m.rcptTo)).toEqual([['oliver.smith@example.com']]);
		expect(received[0]!.subject).toBe('Activate your Relais account');
		expect(received[0]!.text).toContain('Hello Oliver,');
		expect(onlyLink(received[0]!.text)).toMatch(/^http:\/\/127\.0\.0\.1:3999\/activate\?token=/);
	});
});
