import { z } from 'zod';
import { context } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { parseInput, email as emailSchema, optionalText, requiredText } from '../validation.ts';
import { hasCurrentDues, requireMember, requirePermission, resolveActor, type ActorRef } from '../access/index.ts';
import { recordEvent, type Tx } from '../outbox/index.ts';
import { openCheckout, paymentsOnline, recordOfflinePayment } from '../payments/index.ts';
import { translate, type MessageKey } from '../../i18n/index.ts';
import type { MemberRole } from '../generated/prisma/enums.ts';
import { certificateOf, hasUsableCertificate } from './certificates.ts';

/**
 * Membership dues ("Cotiser", ECE): administrators define plans (amount, yearly or for life, for
 * some roles); a member pays online (the same Stripe path as tickets) or an administrator records
 * a payment made otherwise; the member is "cotisant" until the end date (access/gatherings.ts
 * hasCurrentDues, permission `membership.current`), gets a receipt, and a reminder before it lapses.
 * Administrators reserve spaces (e.g. `careers`) to cotisants (permission `membership.space`).
 */

/** The spaces an administrator may reserve to members whose dues are current. */
export const MEMBERSHIP_SPACES = ['careers', 'mentoring', 'directory', 'events'] as const;
export type MembershipSpace = (typeof MEMBERSHIP_SPACES)[number];

const YEAR_MS = 365 * 86_400_000;
export const LAPSE_REMINDER_DAYS = 30;
const ROLES = ['member', 'admin', 'student', 'alumni', 'teacher', 'recruiter', 'moderator', 'buyer', 'cooperative'] as const;

const planInput = z.object({
	name: requiredText(120),
	amount: z.preprocess((v) => (typeof v === 'string' ? v.replace(/€|\s/g, '').replace(',', '.') : v), z.coerce.number({ error: 'gatherings.error.price' }).min(0, { error: 'gatherings.error.price' }).max(100_000, { error: 'gatherings.error.price' })),
	period: z.enum(['yearly', 'lifetime'], { error: 'error.required' }),
	roles: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(ROLES)).max(10))
});

export async function createPlan(actor: ActorRef, raw: unknown): Promise<{ id: string }> {
	await requirePermission(actor, 'membership.administer');
	const input = parseInput(planInput, raw);
	return context().db.membershipPlan.create({ data: { name: input.name, amountCents: Math.round(input.amount * 100), period: input.period, roles: input.roles }, select: { id: true } });
}

export async function setPlanActive(actor: ActorRef, planId: string, active: boolean): Promise<void> {
	await requirePermission(actor, 'membership.administer');
	const { count } = await context().db.membershipPlan.updateMany({ where: { id: planId }, data: { active } });
	if (!count) throw notFound('membership.error.plan_not_found');
}

/** Which spaces need current dues (administrators tick them). */
export async function setReservedSpaces(actor: ActorRef, spaces: unknown): Promise<void> {
	await requirePermission(actor, 'membership.administer');
	const list = (Array.isArray(spaces) ? spaces : spaces ? [spaces] : []).filter((s): s is MembershipSpace => MEMBERSHIP_SPACES.includes(s as MembershipSpace));
	await context().db.$transaction([context().db.membershipSpace.deleteMany({ where: { space: { notIn: list } } }), ...list.map((space) => context().db.membershipSpace.upsert({ where: { space }, create: { space }, update: {} }))]);
}

/** A period starting now, or when the current yearly dues end (renewing early loses nothing). */
async function periodFor(tx: Tx, memberId: string, period: 'yearly' | 'lifetime', now: Date): Promise<{ startsAt: Date; endsAt: Date | null }> {
	if (period === 'lifetime') return { startsAt: now, endsAt: null };
	const current = await tx.membershipDues.findFirst({ where: { memberId, status: 'paid', endsAt: { gt: now } }, orderBy: { endsAt: 'desc' }, select: { endsAt: true } });
	const startsAt = current?.endsAt ?? now;
	return { startsAt, endsAt: new Date(startsAt.getTime() + YEAR_MS) };
}

/** A plan only for students: paying it needs an enrolment certificate (certificates.ts). */
const isStudentPlan = (plan: { roles: MemberRole[] }) => plan.roles.length > 0 && plan.roles.every((r) => r === 'student');

function planFits(plan: { roles: MemberRole[]; active: boolean }, roles: readonly MemberRole[]): boolean {
	return plan.active && (plan.roles.length === 0 || plan.roles.some((r) => roles.includes(r)));
}

/** "Cotiser": opens the Stripe Checkout for a plan that fits the member's roles. */
export async function payDues(actorRef: ActorRef, planId: string, now: Date = new Date()): Promise<{ checkoutUrl: string }> {
	const actor = await resolveActor(actorRef);
	const me = requireMember(actor);
	if (!paymentsOnline()) throw conflict('membership.error.offline_only');
	const { db, config } = context();
	const plan = await db.membershipPlan.findUnique({ where: { id: planId } });
	if (!plan || !planFits(plan, actor!.roles)) throw notFound('membership.error.plan_not_found');
	if (isStudentPlan(plan) && !(await hasUsableCertificate(me))) throw conflict('membership.error.certificate_required');
	const member = await db.member.findUniqueOrThrow({ where: { id: me }, select: { email: true } });
	const dues = await db.membershipDues.create({ data: { memberId: me, planId: plan.id, amountCents: plan.amountCents, method: 'stripe' }, select: { id: true } });
	const { url } = await openCheckout({
		memberId: me,
		purpose: 'dues',
		reference: dues.id,
		amountCents: plan.amountCents,
		label: plan.name,
		email: member.email,
		successUrl: `${config.publicUrl}/cotiser?paiement=ok`,
		cancelUrl: `${config.publicUrl}/cotiser?paiement=annule`,
		now
	});
	return { checkoutUrl: url };
}

/** The webhook said dues were paid (subscriber of payment.succeeded): the member is cotisant from now. */
export async function confirmPaidDues(tx: Tx, duesId: string, paymentId: string, now: Date): Promise<void> {
	const dues = await tx.membershipDues.findUnique({ where: { id: duesId }, include: { plan: { select: { period: true } } } });
	if (!dues || dues.status === 'paid') return;
	const period = await periodFor(tx, dues.memberId, dues.plan.period, now);
	await tx.membershipDues.update({ where: { id: dues.id }, data: { status: 'paid', paymentId, ...period } });
	await recordEvent(tx, 'membership.dues_paid', { duesId: dues.id, memberId: dues.memberId });
}

export async function dropUnpaidDues(tx: Tx, duesId: string): Promise<void> {
	await tx.membershipDues.updateMany({ where: { id: duesId, status: 'open' }, data: { status: 'expired' } });
}

const offlineInput = z.object({ email: emailSchema, planId: z.uuid({ error: 'membership.error.plan_not_found' }), note: optionalText(300) });

/** An administrator records dues paid otherwise (cheque, transfer, cash). */
export async function recordDues(actorRef: ActorRef, raw: unknown, now: Date = new Date()): Promise<{ duesId: string }> {
	const admin = await requirePermission(actorRef, 'membership.administer');
	const input = parseInput(offlineInput, raw);
	const { db } = context();
	const member = await db.member.findUnique({ where: { email: input.email }, select: { id: true } });
	if (!member) throw notFound('gatherings.error.member_not_found');
	const plan = await db.membershipPlan.findUnique({ where: { id: input.planId } });
	if (!plan) throw notFound('membership.error.plan_not_found');
	return db.$transaction(async (tx) => {
		const period = await periodFor(tx, member.id, plan.period, now);
		const dues = await tx.membershipDues.create({ data: { memberId: member.id, planId: plan.id, amountCents: plan.amountCents, method: 'offline', status: 'paid', recordedById: admin!.memberId, note: input.note ?? null, ...period }, select: { id: true } });
		const paymentId = await recordOfflinePayment(tx, { memberId: member.id, purpose: 'dues', reference: dues.id, amountCents: plan.amountCents, now });
		await tx.membershipDues.update({ where: { id: dues.id }, data: { paymentId } });
		await recordEvent(tx, 'membership.dues_paid', { duesId: dues.id, memberId: member.id });
		return { duesId: dues.id };
	});
}

/** /cotiser: the member's status, the plans for their roles, their history. */
export async function duesPage(actorRef: ActorRef, now: Date = new Date()) {
	const actor = await resolveActor(actorRef);
	const me = requireMember(actor);
	const { db } = context();
	const [plans, history] = await Promise.all([
		db.membershipPlan.findMany({ where: { active: true }, orderBy: { amountCents: 'asc' } }),
		db.membershipDues.findMany({ where: { memberId: me, status: 'paid' }, orderBy: { startsAt: 'desc' }, include: { plan: { select: { name: true, period: true } } } })
	]);
	const current = history.find((d) => d.startsAt && d.startsAt <= now && (!d.endsAt || d.endsAt > now));
	return {
		current: current ? { plan: current.plan.name, endsAt: current.endsAt?.toISOString() ?? null } : null,
		plans: plans.filter((p) => planFits(p, actor!.roles)).map((p) => ({ id: p.id, name: p.name, amountCents: p.amountCents, period: p.period })),
		history: history.map((d) => ({ id: d.id, plan: d.plan.name, amountCents: d.amountCents, method: d.method, startsAt: d.startsAt?.toISOString() ?? null, endsAt: d.endsAt?.toISOString() ?? null })),
		online: paymentsOnline(),
		cotisant: await hasCurrentDues(actor, now),
		student: actor!.roles.includes('student'),
		certificate: await certificateOf(me)
	};
}

/** /admin/cotisations: plans, reserved spaces, recent dues, organisers. */
export async function duesAdminPage(actorRef: ActorRef, now: Date = new Date()) {
	await requirePermission(actorRef, 'membership.administer');
	const { db } = context();
	const [plans, spaces, recent, cotisants] = await Promise.all([
		db.membershipPlan.findMany({ orderBy: { createdAt: 'asc' } }),
		db.membershipSpace.findMany(),
		db.membershipDues.findMany({ where: { status: 'paid' }, orderBy: { createdAt: 'desc' }, take: 50, include: { plan: { select: { name: true } }, member: { select: { firstName: true, lastName: true, email: true } } } }),
		db.member.count({ where: { membershipDues: { some: { status: 'paid', startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] } } } })
	]);
	return {
		plans: plans.map((p) => ({ id: p.id, name: p.name, amountCents: p.amountCents, period: p.period, roles: p.roles, active: p.active })),
		spaces: MEMBERSHIP_SPACES.map((space) => ({ space, reserved: spaces.some((s) => s.space === space) })),
		recent: recent.map((d) => ({ id: d.id, name: `${d.member.firstName} ${d.member.lastName}`, email: d.member.email, plan: d.plan.name, amountCents: d.amountCents, method: d.method, endsAt: d.endsAt?.toISOString() ?? null })),
		cotisants
	};
}

function euros(cents: number, locale: 'fr' | 'en') {
	return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
function day(date: Date | null, locale: 'fr' | 'en', timeZone: string) {
	return date ? new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(date) : '';
}

/** The receipt (job `membership.receipt`). */
export async function sendDuesReceipt(payload: unknown): Promise<void> {
	const parsed = z.object({ duesId: z.uuid() }).safeParse(payload);
	if (!parsed.success) return;
	const { db, mailer, config } = context();
	const dues = await db.membershipDues.findUnique({ where: { id: parsed.data.duesId }, include: { plan: true, member: { select: { email: true, firstName: true, lastName: true, locale: true, timezone: true } } } });
	if (!dues || dues.status !== 'paid') return;
	const m = dues.member;
	const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(m.locale, key, params);
	const until = dues.endsAt ? t('membership.mail.until', { date: day(dues.endsAt, m.locale, m.timezone) }) : t('membership.mail.lifetime');
	await mailer.send({
		to: m.email,
		subject: t('membership.mail.receipt.subject'),
		text: [
			t('mail.greeting', { name: `${m.firstName} ${m.lastName}` }),
			t('membership.mail.receipt.body', { plan: dues.plan.name, amount: euros(dues.amountCents, m.locale), until }),
			t('membership.mail.receipt.ref', { ref: dues.id, date: day(dues.createdAt, m.locale, m.timezone) }),
			`${config.publicUrl}/cotiser`,
			t('mail.signature')
		].join('\n\n')
	});
}

/**
 * The daily reminder (schedule `membership.lapse-reminders`): members whose yearly dues end within
 * LAPSE_REMINDER_DAYS and who have not renewed are told once.
 */
export async function sendLapseReminders(now: Date = new Date()): Promise<number> {
	const { db, mailer, config } = context();
	const soon = new Date(now.getTime() + LAPSE_REMINDER_DAYS * 86_400_000);
	const due = await db.membershipDues.findMany({
		where: { status: 'paid', reminderSentAt: null, endsAt: { gt: now, lte: soon } },
		take: 500,
		include: { member: { select: { id: true, email: true, firstName: true, lastName: true, locale: true, timezone: true, status: true } } }
	});
	let sent = 0;
	for (const d of due) {
		const renewed = await db.membershipDues.count({ where: { memberId: d.memberId, status: 'paid', OR: [{ endsAt: null }, { endsAt: { gt: d.endsAt! } }] } });
		const { count } = await db.membershipDues.updateMany({ where: { id: d.id, reminderSentAt: null }, data: { reminderSentAt: now } });
		if (!count || renewed || d.member.status !== 'active') continue;
		const m = d.member;
		const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(m.locale, key, params);
		await mailer.send({
			to: m.email,
			subject: t('membership.mail.lapse.subject'),
			text: [t('mail.greeting', { name: `${m.firstName} ${m.lastName}` }), t('membership.mail.lapse.body', { date: day(d.endsAt, m.locale, m.timezone) }), `${config.publicUrl}/cotiser`, t('mail.signature')].join('\n\n')
		});
		sent++;
	}
	return sent;
}
