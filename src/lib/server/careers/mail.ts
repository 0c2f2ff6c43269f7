import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { context } from '../context.ts';
import { translate, type Locale, type MessageKey } from '../../i18n/index.ts';
import { escapeHtml } from '../mail/templates.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { isStoredName } from '../uploads/index.ts';
import { alertOffersFor } from './alerts.ts';
import { outcomeLinks } from './archive.ts';
import { plainText } from './fields.ts';

/**
 * Every mail of the job board, sent by the `careers.mail` job (one job per mail, retried by the
 * queue; payloads hold ids only, the job reads the rows when it runs):
 * - to the author: offer received / published, approved, changes requested, refused; D+30 / D+60;
 * - to the offer's application address: each application, the CV attached;
 * - to a subscriber: the weekly alert.
 */
export const careersMailPayload = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('submitted'), offerId: z.uuid(), state: z.enum(['pending', 'published']), resubmitted: z.boolean() }),
	z.object({ kind: z.literal('reviewed'), offerId: z.uuid(), decision: z.enum(['approved', 'changes_requested', 'refused']) }),
	z.object({ kind: z.literal('application'), applicationId: z.uuid() }),
	z.object({ kind: z.literal('follow_up'), offerId: z.uuid(), round: z.union([z.literal(30), z.literal(60)]) }),
	z.object({ kind: z.literal('weekly_alert'), memberId: z.uuid(), week: z.string(), offerIds: z.array(z.uuid()) })
]);
export type CareersMail = z.infer<typeof careersMailPayload>;

const offerUrl = (id: string) => `${context().config.publicUrl}/emplois/${id}`;

/** Plain paragraphs → text and HTML (links clickable). */
function message(to: string, subject: string, paragraphs: string[]): MailMessage {
	const html = paragraphs
		.map((p) =>
			`<p>${escapeHtml(p)
				.replace(/(https?:\/\/[^\s<]+)/g, (url) => `<a href="${url}">${url}</a>`)
				.replace(/\n/g, '<br>')}</p>`
		)
		.join('\n');
	return { to, subject, text: paragraphs.join('\n\n'), html };
}

async function offerWithAuthor(offerId: string) {
	return context().db.publication.findUnique({
		where: { id: offerId },
		select: { id: true, title: true, state: true, author: { select: { email: true, firstName: true, locale: true, status: true } }, jobOffer: { select: { employer: true, reviewNote: true } } }
	});
}

const SUBMITTED: Record<string, [MessageKey, MessageKey]> = {
	pending: ['careers.mail.pending.subject', 'careers.mail.pending.body'],
	published: ['careers.mail.published.subject', 'careers.mail.published.body']
};
const REVIEWED: Record<string, [MessageKey, MessageKey]> = {
	approved: ['careers.mail.approved.subject', 'careers.mail.approved.body'],
	changes_requested: ['careers.mail.changes.subject', 'careers.mail.changes.body'],
	refused: ['careers.mail.refused.subject', 'careers.mail.refused.body']
};

/** Builds the mail a job describes, or null when there is nothing (left) to send. */
export async function composeCareersMail(job: CareersMail): Promise<MailMessage | null> {
	const { db, config } = context();
	if (job.kind === 'submitted' || job.kind === 'reviewed' || job.kind === 'follow_up') {
		const offer = await offerWithAuthor(job.offerId);
		if (!offer || !offer.jobOffer || offer.author.status !== 'active') return null;
		const locale = offer.author.locale as Locale;
		const params = { name: offer.author.firstName, title: offer.title, employer: offer.jobOffer.employer, note: offer.jobOffer.reviewNote ?? '' };
		const t = (key: MessageKey) => translate(locale, key, params);
		if (job.kind === 'follow_up') {
			if (offer.state !== 'archived') return null;
			const links = await outcomeLinks(offer.id);
			return message(offer.author.email, t('careers.mail.follow_up.subject'), [
				t('mail.greeting'),
				t(job.round === 30 ? 'careers.mail.follow_up.body30' : 'careers.mail.follow_up.body60'),
				`${t('careers.outcome.filled_network')}\n${links.filled_network}`,
				`${t('careers.outcome.filled_other')}\n${links.filled_other}`,
				`${t('careers.outcome.open')}\n${links.open}`,
				t('careers.mail.follow_up.thanks'),
				t('mail.signature')
			]);
		}
		const [subject, body] = job.kind === 'submitted' ? SUBMITTED[job.state]! : REVIEWED[job.decision]!;
		const lines = [t('mail.greeting'), t(body)];
		if (job.kind === 'reviewed' && job.decision !== 'approved' && offer.jobOffer.reviewNote) lines.push(`« ${offer.jobOffer.reviewNote} »`);
		lines.push(job.kind === 'reviewed' && job.decision === 'changes_requested' ? `${t('careers.mail.edit_link')}\n${offerUrl(offer.id)}/modifier` : `${t('careers.mail.offer_link')}\n${offerUrl(offer.id)}`);
		lines.push(`${t('careers.mail.my_offers')}\n${config.publicUrl}/emplois/mes-offres`, t('mail.signature'));
		return message(offer.author.email, t(subject), lines);
	}
	if (job.kind === 'application') {
		const a = await db.jobApplication.findUnique({
			where: { id: job.applicationId },
			select: {
				message: true,
				cvFile: true,
				cvTitle: true,
				applicant: { select: { firstName: true, lastName: true, email: true } },
				offer: { select: { applyEmail: true, employer: true, publication: { select: { id: true, title: true, author: { select: { locale: true } } } } } }
			}
		});
		if (!a) return null;
		const locale = a.offer.publication.author.locale as Locale;
		const applicant = `${a.applicant.firstName} ${a.applicant.lastName}`.trim();
		const params = { name: applicant, title: a.offer.publication.title, employer: a.offer.employer, email: a.applicant.email };
		const t = (key: MessageKey) => translate(locale, key, params);
		const mail = message(a.offer.applyEmail, t('careers.mail.application.subject'), [
			t('careers.mail.application.hello'),
			t('careers.mail.application.body'),
			a.message,
			t('careers.mail.application.contact'),
			`${t('careers.mail.application.all')}\n${offerUrl(a.offer.publication.id)}`,
			t('mail.signature')
		]);
		if (isStoredName(a.cvFile)) {
			const bytes = await readFile(path.join(context().uploadsDir, a.cvFile));
			mail.attachments = [{ filename: a.cvTitle, contentType: 'application/pdf', content: bytes.toString('base64'), encoding: 'base64' }];
		}
		return mail;
	}
	// weekly alert: the offers are read again now, through the same rule (one may have closed since)
	const member = await db.member.findUnique({ where: { id: job.memberId }, select: { email: true, firstName: true, locale: true, status: true, roles: true, jobAlert: true } });
	if (!member || member.status !== 'active' || !member.jobAlert) return null;
	const visible = await alertOffersFor(
		{ memberId: job.memberId, roles: member.roles, contractTypes: member.jobAlert.contractTypes, sectors: member.jobAlert.sectors },
		new Date(0),
		new Date(8.64e15),
		new Date()
	);
	const allowed = new Set(visible.map((o) => o.id));
	const ids = job.offerIds.filter((id) => allowed.has(id));
	if (ids.length === 0) return null;
	const offers = await db.publication.findMany({
		where: { id: { in: ids } },
		orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
		select: { id: true, title: true, city: true, body: true, jobOffer: { select: { employer: true, contractType: true, remote: true } } }
	});
	const locale = member.locale as Locale;
	const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(locale, key, { name: member.firstName, count: offers.length, ...params });
	const lines = [t('mail.greeting'), t(offers.length === 1 ? 'careers.mail.alert.body_one' : 'careers.mail.alert.body')];
	for (const o of offers) {
		const where = [o.city, o.jobOffer?.remote ? t('careers.remote') : null].filter(Boolean).join(' · ');
		const summary = plainText(o.body).slice(0, 180);
		lines.push(`${o.title} — ${o.jobOffer?.employer ?? ''} (${t(`careers.contract.${o.jobOffer?.contractType ?? 'other'}` as MessageKey)}${where ? ` · ${where}` : ''})\n${summary}${summary.length >= 180 ? '…' : ''}\n${offerUrl(o.id)}`);
	}
	lines.push(`${t('careers.mail.alert.manage')}\n${config.publicUrl}/emplois/alerte`, t('mail.signature'));
	return message(member.email, t(offers.length === 1 ? 'careers.mail.alert.subject_one' : 'careers.mail.alert.subject'), lines);
}

/** The `careers.mail` job: compose and send; a failing mailer throws, and the queue retries. */
export async function runCareersMailJob(payload: unknown): Promise<void> {
	const parsed = careersMailPayload.safeParse(payload);
	if (!parsed.success) return;
	const mail = await composeCareersMail(parsed.data);
	if (mail) await context().mailer.send(mail);
}
