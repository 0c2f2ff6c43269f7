import { z } from 'zod';
import { context } from '../context.ts';
import { enqueue, type EnqueueOptions } from '../jobs/queue.ts';
import { escapeHtml } from '../mail/templates.ts';
import { translate, type Locale, type MessageKey } from '../../i18n/index.ts';
import { DAY_MS, REMINDER_DAYS, expireRequest } from './requests.ts';

/**
 * Mentoring mails leave through the job queue, one job per mail (mentorship × kind): the job loads
 * the mentorship when it runs and writes in the recipient's language. The reminder (D+7) and the
 * expiry (D+14) are jobs due at their time, enqueued when the request is recorded.
 */
export const MENTORING_JOBS = {
	mail: 'mentoring.mail',
	reminder: 'mentoring.reminder',
	expire: 'mentoring.expire'
} as const;

export const MAIL_KINDS = ['requested', 'reminder', 'accepted', 'declined', 'expired', 'ended'] as const;
export type MentoringMailKind = (typeof MAIL_KINDS)[number];

export const mailPayload = z.object({ mentorshipId: z.uuid(), kind: z.enum(MAIL_KINDS), to: z.enum(['mentor', 'mentee']) });
export const mentorshipPayload = z.object({ mentorshipId: z.uuid() });

type Tx = NonNullable<EnqueueOptions['tx']>;

export async function enqueueMentoringMail(tx: Tx, job: z.infer<typeof mailPayload>): Promise<void> {
	await enqueue(MENTORING_JOBS.mail, job, { uniqueKey: `${MENTORING_JOBS.mail}:${job.mentorshipId}:${job.kind}:${job.to}`, tx });
}

/** The reminder at D+7 and the expiry at D+14 of a new request. */
export async function scheduleRequestDeadlines(tx: Tx, mentorshipId: string, requestedAt: Date, expiresAt: Date): Promise<void> {
	await enqueue(MENTORING_JOBS.reminder, { mentorshipId }, { runAt: new Date(requestedAt.getTime() + REMINDER_DAYS * DAY_MS), uniqueKey: `${MENTORING_JOBS.reminder}:${mentorshipId}`, tx });
	await enqueue(MENTORING_JOBS.expire, { mentorshipId }, { runAt: expiresAt, uniqueKey: `${MENTORING_JOBS.expire}:${mentorshipId}`, tx });
}

const person = { select: { firstName: true, lastName: true, email: true, locale: true, timezone: true, status: true } } as const;

function formatDate(at: Date, locale: Locale, zone: string) {
	return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: zone }).format(at);
}

/** Sends one mentoring mail (a job). Returns what happened, for the logs; a vanished mentorship or recipient sends nothing. */
export async function sendMentoringMail(raw: unknown): Promise<string> {
	const parsed = mailPayload.safeParse(raw);
	if (!parsed.success) return 'malformed';
	const job = parsed.data;
	const { db, mailer, config } = context();
	const row = await db.mentorship.findUnique({ where: { id: job.mentorshipId }, include: { mentor: person, mentee: person } });
	if (!row) return 'gone';
	const to = job.to === 'mentor' ? row.mentor : row.mentee;
	const other = job.to === 'mentor' ? row.mentee : row.mentor;
	if (to.status !== 'active') return 'inactive';
	const locale = to.locale as Locale;
	const base = config.publicUrl.replace(/\/+$/, '');
	const params = { name: to.firstName, other: `${other.firstName} ${other.lastName}`, deadline: formatDate(row.expiresAt, locale, to.timezone) };
	const t = (key: MessageKey) => translate(locale, key, params);
	const k = (suffix: string) => `mentoring.mail.${job.kind}.${suffix}` as MessageKey;
	const quote = job.kind === 'requested' || job.kind === 'reminder' ? row.message : job.kind === 'accepted' || job.kind === 'declined' ? row.answer : null;
	const button =
		job.kind === 'accepted'
			? { label: t('mentoring.mail.accepted.button'), url: `${base}/mentorat/parrainages/${row.id}/conversation` }
			: job.kind === 'expired'
				? { label: t('mentoring.mail.expired.button'), url: `${base}/mentorat` }
				: { label: t('mentoring.mail.open'), url: `${base}/mentorat/parrainages` };
	const paragraphs = [t(k('body')), ...(job.kind === 'accepted' ? [t('mentoring.mail.accepted.note')] : [])];
	const text = [t('mail.greeting'), ...paragraphs, ...(quote ? [locale === 'fr' ? `« ${quote} »` : `“${quote}”`] : []), `${button.label} : ${button.url}`, t('mail.signature')].join('\n\n');
	const html = [
		`<p>${escapeHtml(t('mail.greeting'))}</p>`,
		...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
		...(quote ? [`<blockquote style="border-left:3px solid #6d28d9;margin:0;padding:.25rem 1rem;color:#333">${escapeHtml(quote).replace(/\n/g, '<br>')}</blockquote>`] : []),
		`<p><a href="${escapeHtml(button.url)}" style="display:inline-block;background:#6d28d9;color:#fff;padding:.6rem 1.1rem;border-radius:6px;text-decoration:none">${escapeHtml(button.label)}</a></p>`,
		`<p>${escapeHtml(t('mail.signature'))}</p>`
	].join('\n');
	await mailer.send({ to: to.email, subject: t(k('subject')), text, html });
	return 'sent';
}

/** The D+7 reminder to a mentor who has not answered yet (a job). Idempotent: marked once sent. */
export async function remindMentor(raw: unknown, now = new Date()): Promise<string> {
	const parsed = mentorshipPayload.safeParse(raw);
	if (!parsed.success) return 'malformed';
	const { db } = context();
	const row = await db.mentorship.findUnique({ where: { id: parsed.data.mentorshipId }, select: { status: true, remindedAt: true, expiresAt: true } });
	if (!row || row.status !== 'pending' || row.remindedAt || row.expiresAt <= now) return 'nothing';
	const sent = await sendMentoringMail({ mentorshipId: parsed.data.mentorshipId, kind: 'reminder', to: 'mentor' });
	await db.mentorship.updateMany({ where: { id: parsed.data.mentorshipId, remindedAt: null }, data: { remindedAt: now } });
	return sent;
}

/**
 * The daily safety net (a schedule): requests whose reminder or expiry job was lost (or that were
 * imported without one) are reminded or expired all the same. Idempotent like the jobs.
 */
export async function sweepMentoringDeadlines(now = new Date()): Promise<{ reminded: number; expired: number }> {
	const { db } = context();
	const overdue = await db.mentorship.findMany({ where: { status: 'pending', expiresAt: { lte: now } }, select: { id: true }, take: 500 });
	let expired = 0;
	for (const { id } of overdue) if (await expireRequest(id, now)) expired++;
	const late = await db.mentorship.findMany({
		where: { status: 'pending', remindedAt: null, requestedAt: { lte: new Date(now.getTime() - REMINDER_DAYS * DAY_MS) }, expiresAt: { gt: now } },
		select: { id: true },
		take: 500
	});
	let reminded = 0;
	for (const { id } of late) if ((await remindMentor({ mentorshipId: id }, now)) === 'sent') reminded++;
	return { reminded, expired };
}
