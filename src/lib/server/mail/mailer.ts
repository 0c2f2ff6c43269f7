export interface MailAttachment {
	filename: string;
	contentType: string;
	content: string;
	/** 'base64' when `content` is a binary file's base64 text (a PDF, an office document); otherwise it is text */
	encoding?: 'base64';
}

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	html?: string;
	attachments?: MailAttachment[];
	/** extra header lines, e.g. List-Unsubscribe / List-Unsubscribe-Post (RFC 8058) */
	headers?: Record<string, string>;
}

/** One interface, two implementations: real SMTP, or the development outbox in the database. */
export interface Mailer {
	readonly kind: 'smtp' | 'outbox';
	send(message: MailMessage): Promise<void>;
	close(): Promise<void>;
}
