import { translate, type Locale, type MessageKey } from '../../i18n/index.ts';
import type { MailMessage } from './mailer.ts';

export function escapeHtml(text: string) {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A short transactional email: greeting, one paragraph, one link, an optional note, signature. */
export function linkMail(options: {
	to: string;
	locale: Locale;
	name: string;
	subject: MessageKey;
	body: MessageKey;
	link?: string;
	note?: MessageKey;
	params?: Record<string, string | number>;
}): MailMessage {
	const t = (key: MessageKey) => translate(options.locale, key, { name: options.name, ...options.params });
	const paragraphs = [t('mail.greeting'), t(options.body), options.link ?? '', options.note ? t(options.note) : '', t('mail.signature')].filter(Boolean);
	const html = paragraphs
		.map((p) => (p === options.link ? `<p><a href="${escapeHtml(p)}">${escapeHtml(p)}</a></p>` : `<p>${escapeHtml(p)}</p>`))
		.join('\n');
	return { to: options.to, subject: t(options.subject), text: paragraphs.join('\n\n'), html };
}
