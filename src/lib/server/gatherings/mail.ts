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
	/** bumped by each change of date or place: the ICS SEQUENCE */
	revision?: number;
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

export type RegistrationMailKind = 'registered' | 'waiting' | 'promoted' | 'unregistered' | 'reminder' | 'cancelled' | 'payment_pending' | 'lapsed';

type MailRegistration = { id: string; status: string; waitPosition: number | null; ticketCode: string; payment: string; payBy?: Date | null };

/** The ticket's calendar entry: REQUEST while the place holds (SEQUENCE = the event's revision, so a moved event updates it), CANCEL after. */
function ticketIcs(g: GatheringForMail, to: Recipient, reg: MailRegistration, method: 'REQUEST' | 'CANCEL') {
	const revision = g.revision ?? 0;
	const ics = meetingIcs(
		{
			uid: `gathering-${g.id}-${reg.id}@relais`,
			sequence: method === 'REQUEST' ? revision : revision + 1,
			start: g.startAt,
			end: g.endAt,
			summary: g.title,
			description: [g.place ?? (g.roomSlug ? roomLink(g.roomSlug) : ''), gatheringUrl(g.id)].filter(Boolean).join('\n'),
			url: gatheringUrl(g.id),
			organizer: { name: g.organiserName, email: g.organiserEmail },
			attendee: { name: `${to.firstName} ${to.lastName}`.trim(), email: to.email },
			status: method === 'REQUEST' ? 'confirmed' : 'cancelled'
		},
		method
	);
	return { filename: method === 'REQUEST' ? 'evenement.ics' : 'annulation.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content: ics };
}

/** A registration's mail; `registered`, `promoted` (with a place) and `reminder` carry the ticket link and the ICS. */
export async function registrationMail(
	g: GatheringForMail,
	to: Recipient,
	reg: MailRegistration,
	kind: RegistrationMailKind
): Promise<MailMessage> {
	const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(to.locale, key, params);
	const params = { title: g.title, position: reg.waitPosition ?? 0, code: reg.ticketCode };
	const withTicket = reg.status === 'registered' && (kind === 'registered' || kind === 'promoted' || kind === 'reminder');
	const body: string[] = [t(`gatherings.mail.${kind}.body` as MessageKey, params)];
	if (kind === 'promoted' && reg.status === 'payment_pending') {
		body.push(t('gatherings.mail.promoted.pay'));
		if (reg.payBy) body.push(t('gatherings.mail.promoted.pay_by', { when: formatInstant(reg.payBy, to.locale, to.timezone), zone: to.timezone }));
	}
	if (kind !== 'unregistered' && kind !== 'cancelled' && kind !== 'lapsed') body.push(details(g, to).join('\n'));
	if (reg.payment === 'on_site_due' && withTicket) body.push(t('gatherings.mail.on_site_due'));
	if (withTicket) body.push(`${t('gatherings.mail.ticket', { code: reg.ticketCode })}\n${ticketUrl(await signToken('ticket', reg.id))}`);
	body.push(`${t('gatherings.mail.page')}\n${gatheringUrl(g.id)}`);
	const message = frame(to, t(`gatherings.mail.${kind}.subject` as MessageKey, params), body);
	if (withTicket || kind === 'cancelled' || kind === 'unregistered') message.attachments = [ticketIcs(g, to, reg, withTicket ? 'REQUEST' : 'CANCEL')];
	return message;
}

/** One instant, e.g. "jeudi 10 décembre 2026 à 18:30", in `timeZone`. */
export function formatInstant(at: Date, locale: Locale, timeZone: string): string {
	return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(at);
}

/** What a change of date or place says: old → new, as the payload of `gathering.changed` carries them. */
export interface GatheringChange {
	when?: { fromStart: string; fromEnd: string; fromZone: string; toStart: string; toEnd: string; toZone: string };
	place?: { from: string | null; fromRoom: string | null; to: string | null; toRoom: string | null };
}

/**
 * The ONE mail a registered or waiting member gets when the organiser moves the date or the place:
 * what changed (old → new, in the member's language and time zone), the practical details as they
 * are now, and — for a ticket holder — the ticket link and the updated ICS (same UID, higher SEQUENCE).
 */
export async function changeMail(g: GatheringForMail, to: Recipient, reg: MailRegistration, change: GatheringChange): Promise<MailMessage> {
	const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(to.locale, key, params);
	const where = (place: string | null, room: string | null) => place ?? t('gatherings.mail.changed.online', { link: room ? roomLink(room) : '' });
	const lines: string[] = [];
	if (change.when) {
		const from = formatRange(new Date(change.when.fromStart), new Date(change.when.fromEnd), to.locale, to.timezone);
		const next = formatRange(new Date(change.when.toStart), new Date(change.when.toEnd), to.locale, to.timezone);
		lines.push(t('gatherings.mail.changed.when', { from, to: next, zone: to.timezone }));
	}
	if (change.place) lines.push(t('gatherings.mail.changed.place', { from: where(change.place.from, change.place.fromRoom), to: where(change.place.to, change.place.toRoom) }));
	const withTicket = reg.status === 'registered';
	const body = [t('gatherings.mail.changed.body', { title: g.title, organiser: g.organiserName }), lines.join('\n')];
	if (reg.status === 'waiting') body.push(t('gatherings.mail.changed.waiting'));
	body.push(t('gatherings.mail.changed.leave'));
	body.push(details(g, to).join('\n'));
	if (withTicket) body.push(`${t('gatherings.mail.ticket', { code: reg.ticketCode })}\n${ticketUrl(await signToken('ticket', reg.id))}`);
	body.push(`${t('gatherings.mail.page')}\n${gatheringUrl(g.id)}`);
	const message = frame(to, t('gatherings.mail.changed.subject', { title: g.title }), body);
	if (withTicket) message.attachments = [ticketIcs(g, to, reg, 'REQUEST')];
	return message;
}
