import { context } from '../context.ts';
import { translate, type Locale, type MessageKey } from '../../i18n/index.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { meetingIcs } from '../booking/ics.ts';
import { paymentsOnline } from '../payments/index.ts';
import { signToken } from './tokens.ts';

/**
 * The events' mails, each in the member's language and time zone (and the event's own zone beside
 * it when they differ), with every practical detail (ECE: organiser name and mail, place, times,
 * amount): invitation with its "Participer" link, confirmation with the ticket and the ICS,
 * waiting list, promotion, reminder, cancellation.
 */

export interface GatheringForMail {
	id: string;
	title: string;
	description: string;
	organiserName: string;
	organiserEmail: string;
	place: string | null;
	roomSlug: string | null;
	startAt: Date;
	endAt: Date;
	timezone: string;
	priceCents: number;
	currency: string;
	capacity: number | null;
	registrationDeadline: Date | null;
}

export interface Recipient {
	email: string;
	firstName: string;
	lastName: string;
	locale: Locale;
	timezone: string;
}

export function formatRange(start: Date, end: Date, locale: Locale, timeZone: string): string {
	const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
	const day = new Intl.DateTimeFormat(tag, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
	const time = new Intl.DateTimeFormat(tag, { timeZone, hour: '2-digit', minute: '2-digit' });
	const sameDay = day.format(start) === day.format(end);
	return sameDay ? `${day.format(start)}, ${time.format(start)} – ${time.format(end)}` : `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)}`;
}

export function formatPrice(cents: number, currency: string, locale: Locale): string {
	return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);
}

export const gatheringUrl = (id: string) => `${context().config.publicUrl}/evenements/${id}`;
export const roomLink = (slug: string) => `${context().config.publicUrl}/rooms/${slug}`;
export const ticketUrl = (token: string) => `${context().config.publicUrl}/evenements/billet/${token}`;

/** The practical details, one per line. */
export function details(g: GatheringForMail, to: Recipient): string[] {
	const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(to.locale, key, params);
	const lines = [t('gatherings.mail.when', { when: formatRange(g.startAt, g.endAt, to.locale, to.timezone), zone: to.timezone })];
	if (g.timezone !== to.timezone) lines.push(t('gatherings.mail.when_local', { when: formatRange(g.startAt, g.endAt, to.locale, g.timezone), zone: g.timezone }));
	lines.push(g.place ? t('gatherings.mail.place', { place: g.place }) : t('gatherings.mail.online', { link: g.roomSlug ? roomLink(g.roomSlug) : '' }));
	lines.push(t('gatherings.mail.organiser', { name: g.organiserName, email: g.organiserEmail }));
	lines.push(g.priceCents > 0 ? t(paymentsOnline() ? 'gatherings.mail.price_online' : 'gatherings.mail.price_on_site', { price: formatPrice(g.priceCents, g.currency, to.locale) }) : t('gatherings.mail.free'));
	if (g.capacity !== null) lines.push(t('gatherings.mail.capacity', { capacity: g.capacity }));
	if (g.registrationDeadline) lines.push(t('gatherings.mail.deadline', { when: formatRange(g.registrationDeadline, g.registrationDeadline, to.locale, to.timezone).split(' – ')[0]! }));
	return lines;
}

function frame(to: Recipient, subject: string, body: string[]): MailMessage {
	const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(to.locale, key, params);
	return { to: to.email, subject, text: [t('mail.greeting', { name: `${to.firstName} ${to.lastName}`.trim() }), ...body, t('mail.signature')].join('\n\n') };
}

export function invitationMail(g: GatheringForMail, to: Recipient, joinLink: string): MailMessage {
	const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(to.locale, key, params);
	return frame(to, t('gatherings.mail.invitation.subject', { title: g.title }), [
		t('gatherings.mail.invitation.body', { title: g.title, organiser: g.organiserName }),
		details(g, to).join('\n'),
		g.description,
		`${t('gatherings.mail.participate')}\n${joinLink}`,
		`${t('gatherings.mail.page')}\n${gatheringUrl(g.id)}`
	]);
}

export type RegistrationMailKind = 'registered' | 'waiting' | 'promoted' | 'unregistered' | 'reminder' | 'cancelled' | 'payment_pending';

/** A registration's mail; `registered`, `promoted` (with a place) and `reminder` carry the ticket link and the ICS. */
export async function registrationMail(
	g: GatheringForMail,
	to: Recipient,
	reg: { id: string; status: string; waitPosition: number | null; ticketCode: string; payment: string },
	kind: RegistrationMailKind
): Promise<MailMessage> {
	const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(to.locale, key, params);
	const params = { title: g.title, position: reg.waitPosition ?? 0, code: reg.ticketCode };
	const withTicket = reg.status === 'registered' && (kind === 'registered' || kind === 'promoted' || kind === 'reminder');
	const body: string[] = [t(`gatherings.mail.${kind}.body` as MessageKey, params)];
	if (kind === 'promoted' && reg.status === 'payment_pending') body.push(t('gatherings.mail.promoted.pay'));
	if (kind !== 'unregistered' && kind !== 'cancelled') body.push(details(g, to).join('\n'));
	if (reg.payment === 'on_site_due' && withTicket) body.push(t('gatherings.mail.on_site_due'));
	if (withTicket) body.push(`${t('gatherings.mail.ticket', { code: reg.ticketCode })}\n${ticketUrl(await signToken('ticket', reg.id))}`);
	body.push(`${t('gatherings.mail.page')}\n${gatheringUrl(g.id)}`);
	const message = frame(to, t(`gatherings.mail.${kind}.subject` as MessageKey, params), body);
	if (withTicket || kind === 'cancelled' || kind === 'unregistered') {
		const method = withTicket ? 'REQUEST' : 'CANCEL';
		const ics = meetingIcs(
			{
				uid: `gathering-${g.id}-${reg.id}@relais`,
				sequence: withTicket ? 0 : 1,
				start: g.startAt,
				end: g.endAt,
				summary: g.title,
				description: [g.place ?? (g.roomSlug ? roomLink(g.roomSlug) : ''), gatheringUrl(g.id)].filter(Boolean).join('\n'),
				url: gatheringUrl(g.id),
				organizer: { name: g.organiserName, email: g.organiserEmail },
				attendee: { name: `${to.firstName} ${to.lastName}`.trim(), email: to.email },
				status: withTicket ? 'confirmed' : 'cancelled'
			},
			method
		);
		message.attachments = [{ filename: withTicket ? 'evenement.ics' : 'annulation.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content: ics }];
	}
	return message;
}
