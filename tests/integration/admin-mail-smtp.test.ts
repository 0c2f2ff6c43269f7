import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { afterCommit } from '../helpers/jobs.ts';
import { startSmtpInbox, type ReceivedMail, type SmtpInbox } from '../helpers/fakes/smtp-inbox.ts';
import { startRealtime, type Realtime } from '../helpers/realtime.ts';
import { createSmtpMailer } from '../../src/lib/server/mail/smtp.ts';
import { acceptInvitation, addMember, optOutState, sendDueReminders } from '../../src/lib/server/admin/index.ts';

/** Invitation mails over real SMTP, and the one-click unsubscribe through the real express app (RFC 8058). */
let inbox: SmtpInbox;
let ctx: TestContext;
let rt: Realtime;
beforeAll(async () => {
	inbox = await startSmtpInbox();
	ctx = await useTestContext({ mailer: createSmtpMailer(inbox.url, 'Relais <no-reply@relais.test>') });
	rt = await startRealtime(ctx);
});
afterAll(async () => {
	await rt?.close();
	await ctx?.close();
	await inbox?.close();
});

function header(mail: ReceivedMail, name: string): string | undefined {
	const head = mail.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
	return head
		.split(/\r?\n/)
		.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
		?.slice(name.length + 1)
		.trim();
}

describe('invitation mails over real SMTP', () => {
	it('carry the invitation link and a one-click unsubscribe that a mail provider can POST; no reminder follows it', async () => {
		const adminId = (await ctx.prisma.member.create({ data: { email: 'admin.smtp@exemple.fr', firstName: 'Ada', lastName: 'Smtp', slug: 'ada-smtp', status: 'active', roles: ['member', 'admin'] } })).id;
		const admin = { memberId: adminId, roles: ['member', 'admin'] as const };
		await addMember(admin, { firstName: 'Léon', lastName: 'Perrin', email: 'leon.perrin@exemple.fr', promotion: '2020', programme: 'Master Finance', roles: ['alumni'] });
		await addMember(admin, { firstName: 'Mia', lastName: 'Roux', email: 'mia.roux@exemple.fr', roles: ['student'] });
		await afterCommit(ctx);
		const leon = inbox.messages.find((m) => m.rcptTo.includes('leon.perrin@exemple.fr'))!;
		expect(leon.subject).toBe('Finalisez votre compte sur Relais');
		expect(leon.text).toContain('Bonjour Léon,');
		expect(leon.text).toContain('Ada Smtp vous a inscrit(e) sur Relais');
		expect(leon.text).toContain('Master Finance · Promo 2020');
		expect(header(leon, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
		const unsubscribe = header(leon, 'List-Unsubscribe')!.slice(1, -1);
		expect(unsubscribe).toMatch(/^http:\/\/127\.0\.0\.1:3999\/invitation\/unsubscribe\/[\w-]+\.[\w-]+$/);
		const link = leon.text.match(/http:\/\/127\.0\.0\.1:3999\/invitation\/[\w-]+\.[\w-]+/)![0];
		expect(leon.html).toContain(`href="${link}"`);

		// Léon's provider unsubscribes in one click (no Origin, no cookie); a forged link changes nothing
		const url = unsubscribe.replace('http://127.0.0.1:3999', rt.url);
		const forged = await fetch(url.replace(/\.[\w-]+$/, '.AAAA'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
		expect(forged.status).toBe(400);
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
		expect(response.status).toBe(200);
		expect(await optOutState(url.split('/').at(-1))).toEqual({ email: 'leon.perrin@exemple.fr', optedOut: true });

		// D+4: Mia is reminded, Léon is not; the link still lets Léon finish his account if he wants to
		const first = (await ctx.prisma.invitation.findFirstOrThrow({ where: { email: 'mia.roux@exemple.fr' } })).firstSentAt!;
		const before = inbox.messages.length;
		expect(await sendDueReminders(new Date(first.getTime() + 4 * 86_400_000 + 60_000))).toBe(1);
		await afterCommit(ctx);
		expect(inbox.messages.slice(before).map((m) => [m.rcptTo, m.subject])).toEqual([[['mia.roux@exemple.fr'], 'Rappel : votre compte Relais vous attend']]);
		await acceptInvitation(link.split('/').at(-1), { password: 'une phrase de passe solide' }, {});
		expect((await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'leon.perrin@exemple.fr' } })).status).toBe('active');
	});
});
