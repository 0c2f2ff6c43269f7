import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { afterCommit } from '../helpers/jobs.ts';
import { startSmtpInbox, type SmtpInbox } from '../helpers/fakes/smtp-inbox.ts';
import { createSmtpMailer } from '../../src/lib/server/mail/smtp.ts';
import { sendConsultation } from '../../src/lib/server/referencing/index.ts';

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

describe('consultation mails over real SMTP', () => {
	it('reach each chosen company’s consultation address with the PDF attached, and the buyer as Reply-To', async () => {
		const buyer = await ctx.prisma.member.create({
			data: { email: 'acheteuse@mairie-lunel.fr', firstName: 'Hélène', lastName: 'Moreau', slug: 'helene-moreau', status: 'active', roles: ['member', 'buyer'], buyerProfile: { create: { institution: 'Mairie de Lunel' } } }
		});
		const records: string[] = [];
		for (const [i, address] of ['devis@charpente-lez.coop', null].entries()) {
			const owner = await ctx.prisma.member.create({ data: { email: `gerance${i}@coop.fr`, firstName: 'Gérance', lastName: `${i}`, slug: `gerance-${i}`, status: 'active', roles: ['member', 'cooperative'] } });
			const company = await ctx.prisma.company.create({ data: { slug: `coop-${i}`, title: `Coop ${i}`, legalName: `Coop ${i}` } });
			const record = await ctx.prisma.cooperativeRecord.create({ data: { companyId: company.id, ownerId: owner.id, status: 'approved', approvedAt: new Date(), consultationEmail: address, activity: 'Charpente', skills: ['charpente'] } });
			records.push(record.id);
		}
		const pdfBytes = Buffer.from('%PDF-1.4\n% cahier des charges\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
		const before = inbox.messages.length;
		await sendConsultation({ memberId: buyer.id, roles: ['member', 'buyer'] }, { title: 'Réfection de la charpente', closingDate: '2099-05-20', budget: '80 000 € HT', location: 'Lunel (34)', description: 'Voir le cahier des charges joint.', recipients: records }, new Blob([pdfBytes]));
		await afterCommit(ctx);
		const received = inbox.messages.slice(before);
		expect(received.map((m) => m.rcptTo).sort()).toEqual([['devis@charpente-lez.coop'], ['gerance1@coop.fr']]);
		for (const mail of received) {
			expect(mail.subject).toBe('Consultation : Réfection de la charpente');
			expect(mail.text).toContain('Hélène Moreau (Mairie de Lunel)');
			expect(mail.text).toContain('Date de clôture : 2099-05-20');
			expect(mail.raw).toMatch(/^Reply-To: acheteuse@mairie-lunel\.fr\r?$/m);
			expect(mail.raw).toMatch(/Content-Type: application\/pdf; name=consultation\.pdf/);
			expect(mail.raw).toMatch(/Content-Disposition: attachment; filename=consultation\.pdf/);
			// the attachment travels as base64 and decodes to the very bytes sent
			const base64 = mail.raw.split(/filename=consultation\.pdf\r?\n\r?\n/)[1]!.split(/\r?\n--/)[0]!.replace(/\s+/g, '');
			expect(Buffer.from(base64, 'base64').equals(pdfBytes)).toBe(true);
		}
	});
});
