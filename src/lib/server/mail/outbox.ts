import type { Database } from '../db.ts';
import type { Mailer, MailMessage } from './mailer.ts';

const LINK = /https?:\/\/[^\s<>"']+/g;

export function linksIn(text: string): string[] {
	return [...new Set(text.match(LINK) ?? [])];
}

/**
 * Without SMTP, mail is kept in the database (shown at /dev/outbox) and its links logged, so a
 * newcomer can activate an account with no mail server at all.
 */
export function createOutboxMailer(database: Database, log: (line: string) => void): Mailer {
	return {
		kind: 'outbox',
		async send(message: MailMessage) {
			await database.outboxMail.create({
				data: {
					to: message.to,
					subject: message.subject,
					text: message.text,
					html: message.html ?? null,
					attachments: message.attachments ? JSON.parse(JSON.stringify(message.attachments)) : undefined,
					headers: message.headers ?? undefined
				}
			});
			const links = linksIn(message.text);
			log(`[outbox] to ${message.to}: ${message.subject}${links.length ? ` — ${links.join(' ')}` : ''}`);
		},
		async close() {}
	};
}

export function listOutbox(database: Database, limit = 50) {
	return database.outboxMail.findMany({ orderBy: { createdAt: 'desc' }, take: limit });
}
