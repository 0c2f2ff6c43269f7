import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from './mailer.ts';

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
	const transport = nodemailer.createTransport(smtpUrl);
	return {
		kind: 'smtp',
		async send(message: MailMessage) {
			await transport.sendMail({
				from,
				to: message.to,
				subject: message.subject,
				text: message.text,
				html: message.html,
				headers: message.headers,
				attachments: message.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, ...(a.encoding ? { encoding: a.encoding } : {}) }))
			});
		},
		async close() {
			transport.close();
		}
	};
}
