import { z } from 'zod';
import { context } from '../context.ts';
import { forbidden, notFound, throttled } from '../errors.ts';
import { email, parseInput, requiredText } from '../validation.ts';
import { listedProviderWhere } from '../access/index.ts';
import { translate } from '../../i18n/index.ts';
import { requireMember, type Actor } from './access.ts';
import { scheduleDigests } from './digest.ts';
import { uuid } from './inputs.ts';
import { recordEvent } from '../outbox/index.ts';

/**
 * "Laisser un message" (MyTeleworker): a visitor without an account leaves a message to a provider
 * with a name and an email; it lands in the provider's inbox (/messages) and the provider answers by
 * email through Relais — the provider's own address is never disclosed.
 */

const PER_IP_PER_HOUR = 5;
const PER_EMAIL_PER_HOUR = 5;

const leaveInput = z.object({
	name: requiredText(80),
	email,
	body: requiredText(4000),
	// a field people never see: bots fill it
	website: z.string().max(200).optional()
});

const providerWhere = (slug: string) => ({ slug, ...listedProviderWhere });

/** The provider as shown on /contact-provider/[slug]. */
export async function providerForContact(slug: string) {
	if (!/^[a-z0-9-]{1,120}$/.test(slug)) throw notFound('chat.error.member_not_found');
	const row = await context().db.member.findFirst({
		where: providerWhere(slug),
		select: { id: true, slug: true, firstName: true, lastName: true, category: true, city: true, acceptsMessages: true, profile: { select: { headline: true } } }
	});
	if (!row) throw notFound('chat.error.member_not_found');
	return { id: row.id, slug: row.slug, firstName: row.firstName, lastName: row.lastName, category: row.category, city: row.city, acceptsMessages: row.acceptsMessages, headline: row.profile?.headline ?? null };
}

export async function leaveVisitorMessage(providerSlug: string, raw: unknown, meta: { ip?: string | null } = {}): Promise<{ id: string | null }> {
	const input = parseInput(leaveInput, raw);
	const provider = await providerForContact(providerSlug);
	if (!provider.acceptsMessages) throw forbidden('chat.error.messages_closed');
	// silently dropped: a bot learns nothing
	if (input.website) return { id: null };
	const { db, events } = context();
	const since = new Date(Date.now() - 3600_000);
	const [byIp, byEmail] = await Promise.all([
		meta.ip ? db.visitorMessage.count({ where: { ip: meta.ip, createdAt: { gt: since } } }) : Promise.resolve(0),
		db.visitorMessage.count({ where: { email: input.email, createdAt: { gt: since } } })
	]);
	if (byIp >= PER_IP_PER_HOUR || byEmail >= PER_EMAIL_PER_HOUR) throw throttled('chat.error.visitor_throttled');
	const created = await db.$transaction(async (tx) => {
		const row = await tx.visitorMessage.create({
			data: { providerId: provider.id, name: input.name, email: input.email, body: input.body, ip: meta.ip ?? null },
			select: { id: true }
		});
		await recordEvent(tx, 'visitor_message.received', { visitorMessageId: row.id, providerId: provider.id, visitorName: input.name });
		return row;
	});
	events.emit('visitor_message.created', { providerId: provider.id });
	await scheduleDigests([provider.id]);
	return { id: created.id };
}

export async function listVisitorMessages(actor: Actor) {
	const me = requireMember(actor);
	const rows = await context().db.visitorMessage.findMany({
		where: { providerId: me },
		orderBy: { createdAt: 'desc' },
		take: 50,
		select: { id: true, name: true, email: true, body: true, createdAt: true, readAt: true, answeredAt: true }
	});
	return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null, answeredAt: r.answeredAt?.toISOString() ?? null }));
}

export async function unreadVisitorMessages(actor: Actor): Promise<number> {
	const me = requireMember(actor);
	return context().db.visitorMessage.count({ where: { providerId: me, readAt: null } });
}

const target = z.object({ visitorMessageId: uuid });

export async function markVisitorMessageRead(actor: Actor, raw: unknown): Promise<void> {
	const me = requireMember(actor);
	const { visitorMessageId } = parseInput(target, raw);
	const { count } = await context().db.visitorMessage.updateMany({ where: { id: visitorMessageId, providerId: me, readAt: null }, data: { readAt: new Date() } });
	if (count === 0 && !(await context().db.visitorMessage.findFirst({ where: { id: visitorMessageId, providerId: me }, select: { id: true } }))) throw notFound();
}

const answerInput = z.object({ visitorMessageId: uuid, body: requiredText(4000) });

/** The provider's answer, emailed to the visitor (with their message quoted). */
export async function answerVisitorMessage(actor: Actor, raw: unknown): Promise<void> {
	const me = requireMember(actor);
	const input = parseInput(answerInput, raw);
	const { db, mailer, config } = context();
	const message = await db.visitorMessage.findFirst({
		where: { id: input.visitorMessageId, providerId: me },
		select: { id: true, name: true, email: true, body: true, provider: { select: { firstName: true, lastName: true, slug: true, locale: true } } }
	});
	if (!message) throw notFound();
	const p = message.provider;
	const locale = p.locale;
	const providerName = `${p.firstName} ${p.lastName}`;
	const again = `${config.publicUrl}/contact-provider/${p.slug}`;
	const text = [
		translate(locale, 'mail.greeting', { name: message.name }),
		translate(locale, 'chat.visitor.answer_intro', { provider: providerName }),
		input.body,
		translate(locale, 'chat.visitor.answer_quote'),
		message.body
			.split('\n')
			.map((l) => `> ${l}`)
			.join('\n'),
		translate(locale, 'chat.visitor.answer_again'),
		again,
		translate(locale, 'mail.signature')
	].join('\n\n');
	await mailer.send({ to: message.email, subject: translate(locale, 'chat.visitor.answer_subject', { provider: providerName }), text });
	await db.visitorMessage.update({ where: { id: message.id }, data: { answeredAt: new Date(), readAt: new Date() } });
}
