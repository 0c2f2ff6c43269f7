import { translate, type Locale, type MessageKey } from '../../i18n/index.ts';
import type { NotificationData } from './types.ts';

/** A notification's sentence in `locale` (the list page, the bell's mails and digests). */
export function notificationText(locale: Locale, type: string, data: NotificationData): string {
	const role = data.role ? translate(locale, `companies.role.${data.role}` as MessageKey) : '';
	return translate(locale, `notifications.text.${type}${type === 'company.join_answered' ? (data.accepted ? '.accepted' : '.declined') : ''}` as MessageKey, {
		actor: data.actorName ?? data.name ?? '',
		company: data.companyName ?? '',
		role,
		when: data.when ?? '',
		title: data.title ?? ''
	});
}

/** The type's name as shown in settings and mail subjects. */
export function typeLabel(locale: Locale, type: string): string {
	return translate(locale, `notifications.type.${type}` as MessageKey);
}
