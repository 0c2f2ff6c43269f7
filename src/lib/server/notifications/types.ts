import type { NotificationChannel } from '../generated/prisma/enums.ts';

/**
 * Every notification type, with its channel when the member chose nothing. `email` is sent at once
 * but grouped (one mail per type and window); booking types stay in the app for now because the
 * booking domain still mails its own confirmations.
 */
export const NOTIFICATION_TYPES = {
	'contact.requested': 'email',
	'contact.accepted': 'app',
	'company.join_requested': 'email',
	'company.join_answered': 'email',
	'company.role_changed': 'app',
	'booking.created': 'app',
	'booking.confirmed': 'app',
	'booking.cancelled': 'app',
	'booking.moved': 'app',
	'call.missed': 'app',
	'visitor_message.received': 'app',
	'chat.unread': 'email',
	// mentoring (src/lib/server/mentoring mails the request and the answers itself: the app is enough here)
	'mentoring.requested': 'app',
	'mentoring.accepted': 'app',
	'mentoring.declined': 'app',
	'mentoring.expired': 'app',
	'mentoring.ended': 'app',
	// administration (src/lib/server/admin): someone joined Relais through the member's invitation
	'invitation.joined': 'app',
	// job board (careers): moderators get offers to validate by grouped e-mail; authors are already mailed each decision and application
	'careers.offer_pending': 'email',
	'careers.offer_reviewed': 'app',
	'careers.application_received': 'app',
	// publications: a private ad addressed to me (in the app and by e-mail), new posts of whom I follow (grouped)
	'publication.addressed': 'email',
	'publication.followed': 'app',
	// keyword alerts: at most one per alert and day
	'alert.matched': 'email',
	// cooperative referencing (src/lib/server/referencing mails these itself: in the app by default)
	'consultation.received': 'app',
	'consultation.answered': 'app',
	'cooperative.moderated': 'app'
} as const satisfies Record<string, NotificationChannel>;

export type NotificationType = keyof typeof NOTIFICATION_TYPES;
export type { NotificationChannel };

export const TYPE_NAMES = Object.keys(NOTIFICATION_TYPES) as NotificationType[];
export const CHANNELS = ['app', 'email', 'digest', 'off'] as const satisfies readonly NotificationChannel[];

export function isNotificationType(value: unknown): value is NotificationType {
	return typeof value === 'string' && Object.hasOwn(NOTIFICATION_TYPES, value);
}

/** What a notification's text and link are made of, frozen when it happened. */
export interface NotificationData {
	/** the member who caused it */
	actorName?: string;
	actorSlug?: string;
	companyName?: string;
	companySlug?: string;
	role?: string;
	accepted?: boolean;
	/** a visitor without an account, a date… */
	name?: string;
	when?: string;
	/** job board: the offer concerned; `title`: its title (the post's, the consultation's for the others) */
	offerId?: string;
	title?: string;
	/** job board: the moderator's decision */
	decision?: string;
	/** publications: the post's id (its title in `title`) */
	publicationId?: string;
	/** cooperative referencing: the consultation's id (its title in `title`) */
	consultationId?: string;
}

/** Where a notification leads: the page where its object can be seen or acted on. */
export function linkOf(type: string, data: NotificationData): string {
	switch (type) {
		case 'contact.requested':
			return '/contacts#received-title';
		case 'contact.accepted':
			return data.actorSlug ? `/m/${data.actorSlug}` : '/contacts';
		case 'company.join_requested':
			return data.companySlug ? `/c/${data.companySlug}/manage` : '/companies';
		case 'company.join_answered':
		case 'company.role_changed':
			return data.companySlug ? `/c/${data.companySlug}` : '/companies';
		case 'booking.created':
		case 'booking.confirmed':
		case 'booking.cancelled':
		case 'booking.moved':
			return '/rendez-vous';
		case 'call.missed':
			return data.actorSlug ? `/m/${data.actorSlug}` : '/messages';
		case 'mentoring.requested':
		case 'mentoring.accepted':
		case 'mentoring.declined':
		case 'mentoring.expired':
		case 'mentoring.ended':
			return '/mentorat/parrainages';
		case 'invitation.joined':
			return '/invitations';
		case 'careers.offer_pending':
			return '/admin/emplois';
		case 'careers.offer_reviewed':
		case 'careers.application_received':
			return data.offerId ? `/emplois/${data.offerId}` : '/emplois/mes-offres';
		case 'publication.addressed':
		case 'publication.followed':
			return data.publicationId ? `/publications/${data.publicationId}` : '/';
		case 'alert.matched':
			return '/settings/alerts';
		case 'consultation.received':
		case 'consultation.answered':
			return data.consultationId ? `/referencement/consultations/${data.consultationId}` : '/referencement/consultations';
		case 'cooperative.moderated':
			return '/referencement/cooperative';
		default:
			return '/messages';
	}
}
