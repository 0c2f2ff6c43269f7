import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { startSmtpInbox, type SmtpInbox } from '../helpers/fakes/smtp-inbox.ts';
import { afterCommit } from '../helpers/jobs.ts';
import { createSmtpMailer } from '../../src/lib/server/mail/smtp.ts';
import { loadActor } from '../../src/lib/server/access/index.ts';
import { answerRequest, requestMentor, saveMentorSettings } from '../../src/lib/server/mentoring/index.ts';

/** The mentoring mails over real SMTP, each in its recipient's language, with its button. */
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

async function member(email: string, firstName: string, locale: 'fr' | 'en') {
	return ctx.prisma.member.create({
		data: { email, firstName, lastName: 'Smtp', slug: `${firstName.toLowerCase()}-smtp`, status: 'active', activatedAt: new Date(), roles: ['member', 'alumni'], locale },
		select: { id: true }
	});
}

describe('mentoring mails over real SMTP', () => {
	it('the request reaches an English-speaking mentor in English; the acceptance reaches the French mentee with the conversation button', async () => {
		const mentor = await member('grace.mentor@example.com', 'Grace', 'en');
		const mentee = await member('lucas.mentore@exemple.fr', 'Lucas', 'fr');
		await saveMentorSettings(await loadActor(mentor.id), { active: 'on', topics: 'cloud', capacity: '1' });
		const { id } = await requestMentor(await loadActor(mentee.id), { mentorId: mentor.id, message: 'Bonjour Grace, pourriez-vous me guider vers le cloud ?' });
		await afterCommit(ctx);
		const request = inbox.messages.find((m) => m.rcptTo.includes('grace.mentor@example.com'))!;
		expect(request.subject).toBe('Lucas Smtp asks you to be their mentor');
		expect(request.text).toContain('Hello Grace,');
		expect(request.text).toContain('“Bonjour Grace, pourriez-vous me guider vers le cloud ?”');
		expect(request.html).toContain('href="http://127.0.0.1:3999/mentorat/parrainages"');

		await answerRequest(await loadActor(mentor.id), { id, decision: 'accept', message: 'With pleasure!' });
		await afterCommit(ctx);
		const accepted = inbox.messages.find((m) => m.rcptTo.includes('lucas.mentore@exemple.fr'))!;
		expect(accepted.subject).toBe('Grace Smtp a accepté d’être votre mentor');
		expect(accepted.text).toContain('Le mentorat est un échange libre et bienveillant');
		expect(accepted.html).toContain(`href="http://127.0.0.1:3999/mentorat/parrainages/${id}/conversation"`);
		expect(accepted.html).toContain('Démarrer la conversation');
	});
});
