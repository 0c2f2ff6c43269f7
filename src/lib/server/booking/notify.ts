import { context } from '../context.ts';
import { translate, type Locale, type MessageKey } from '../../i18n/index.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { meetingIcs } from './ics.ts';

/**
 * Booking emails: one to each party, each in their own language and time zone, each with the
 * calendar invitation (METHOD:REQUEST, or METHOD:CANCEL when the meeting is off).
 */

export interface Party {
	name: string;
	email: string;
	locale: Locale;
	timezone: string;
}

export interface BookingForMail {
	id: string;
	title: string;
	startAt: Date;
	endAt: Date;
	status: 'pending' | 'confirmed' | 'cancelled' | 'declined';
	icsSequence: number;
	roomSlug: string;
	message: string | null;
	cancelReason: string | null;
	provider: Party;
	/** for a 'moved' mail: where the meeting was before */
	movedFrom?: { startAt: Date; endAt: Date };
	booker: Party & { phone: string | null; address: string | null; city: string | null; memberId: string | null };
}

export type BookingMailKind = 'created' | 'confirmed' | 'cancelled' | 'declined' | 'reminder' | 'moved';

export function formatWhen(start: Date, end: Date, locale: Locale, timeZone: string): string {
	const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
	const day = new Intl.DateTimeFormat(tag, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(start);
	const time = new Intl.DateTimeFormat(tag, { timeZone, hour: '2-digit', minute: '2-digit' });
	return `${day}, ${time.format(start)} – ${time.format(end)}`;
}

export function roomUrl(roomSlug: string): string {
	return `${context().config.publicUrl}/rooms/${roomSlug}`;
}

function compose(booking: BookingForMail, kind: BookingMailKind, to: 'provider' | 'booker', links: { cancel?: string; reschedule?: string }): MailMessage {
	const me = to === 'provider' ? booking.provider : booking.booker;
	const other = to === 'provider' ? booking.booker : booking.provider;
	const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(me.locale, key, params);
	const previous = booking.movedFrom ? formatWhen(booking.movedFrom.startAt, booking.movedFrom.endAt, me.locale, me.timezone) : '';
	const params = { title: booking.title, other: other.name, when: formatWhen(booking.startAt, booking.endAt, me.locale, me.timezone), timezone: me.timezone, name: me.name, previous };
	const cancelled = kind === 'cancelled' || kind === 'declined';
	const subjectKeys: Record<Exclude<BookingMailKind, 'created' | 'confirmed'>, MessageKey> = {
		cancelled: 'mail.booking.cancelled.subject',
		declined: 'mail.booking.declined.subject',
		reminder: 'mail.booking.reminder.subject',
		moved: 'mail.booking.moved.subject'
	};
	const subjectKey: MessageKey =
		kind !== 'created' && kind !== 'confirmed' ? subjectKeys[kind] : booking.status === 'pending' && to === 'provider' ? 'mail.booking.request.subject' : 'mail.booking.created.subject';
	const lines = [t('mail.greeting', params)];
	lines.push(t(cancelled ? 'mail.booking.cancelled.body' : kind === 'moved' ? 'mail.booking.moved.body' : booking.status === 'pending' ? 'mail.booking.pending.body' : 'mail.booking.created.body', params));
	if (cancelled && booking.cancelReason) lines.push(t('mail.booking.reason', { reason: booking.cancelReason }));
	if (!cancelled && booking.message && to === 'provider') lines.push(t('mail.booking.reason', { reason: booking.message }));
	if (!cancelled && to === 'provider') {
		const details = [booking.booker.email, booking.booker.phone, booking.booker.address, booking.booker.city].filter(Boolean).join(' · ');
		lines.push(t('mail.booking.details', { details }));
	}
	if (!cancelled) lines.push(`${t('mail.booking.room_link')}\n${roomUrl(booking.roomSlug)}`);
	// the room needs an account: one opened with this address gets the appointment (claimGuestBookings)
	if (!cancelled && to === 'booker' && !booking.booker.memberId) lines.push(`${t('mail.booking.room_account', { email: booking.booker.email })}\n${context().config.publicUrl}/signup`);
	if (!cancelled && links.cancel) lines.push(`${t('mail.booking.cancel_link')}\n${links.cancel}`);
	if (!cancelled && links.reschedule) lines.push(`${t('mail.booking.reschedule_link')}\n${links.reschedule}`);
	if (!cancelled && to === 'provider') lines.push(`${t('mail.booking.manage_link')}\n${context().config.publicUrl}/rendez-vous`);
	lines.push(t('mail.signature'));
	const method = cancelled ? 'CANCEL' : 'REQUEST';
	const ics = meetingIcs(
		{
			uid: `${booking.id}@relais`,
			sequence: booking.icsSequence,
			start: booking.startAt,
			end: booking.endAt,
			summary: to === 'provider' ? `${booking.title} — ${booking.booker.name}` : `${booking.title} — ${booking.provider.name}`,
			description: roomUrl(booking.roomSlug),
			url: roomUrl(booking.roomSlug),
			organizer: { name: booking.provider.name, email: booking.provider.email },
			attendee: { name: booking.booker.name, email: booking.booker.email },
			status: booking.status === 'declined' ? 'cancelled' : booking.status
		},
		method
	);
	return {
		to: me.email,
		subject: t(subjectKey, params),
		text: lines.join('\n\n'),
		attachments: [{ filename: cancelled ? 'cancel.ics' : 'invite.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content: ics }]
	};
}

/** Sends the mail of `kind` to one party; a failing mailer throws (a mail job is then retried). */
export async function sendBookingMailTo(booking: BookingForMail, kind: BookingMailKind, to: 'provider' | 'booker', links: { cancel?: string; reschedule?: string } = {}) {
	await context().mailer.send(compose(booking, kind, to, to === 'booker' ? links : {}));
}

/** Sends the mail of `kind` to both parties (the reminder); a failing mailer is logged, never undoes the booking. */
export async function notifyBooking(booking: BookingForMail, kind: BookingMailKind, links: { cancel?: string; reschedule?: string } = {}) {
	const recipients: ('provider' | 'booker')[] = kind === 'declined' ? ['booker'] : ['provider', 'booker'];
	for (const to of recipients) {
		try {
			await sendBookingMailTo(booking, kind, to, links);
		} catch (error) {
			console.error(`[booking] mail ${kind} to ${to} of ${booking.id} failed:`, error);
		}
	}
}
