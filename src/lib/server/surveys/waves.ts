import { z } from 'zod';
import { context } from '../context.ts';
import { enqueue } from '../jobs/queue.ts';
import { linkMail } from '../mail/templates.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { surveyUrl } from './link.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { parseInput } from '../validation.ts';

export const SURVEY_MAIL_JOB = 'surveys.mail';
/** months after the certification date */
export const WAVE_MONTHS = { month6: 6, month24: 24 } as const;
export type Wave = keyof typeof WAVE_MONTHS;
/** a wave is mailed up to a year after it opened (a late certification date entered by an admin), never later */
const WAVE_WINDOW = "12 months";
/** reminders to non-respondents: a week after the invitation, then a week after the first reminder */
export const REMINDER_AFTER_DAYS = 7;
export const MAX_REMINDERS = 2;
const BATCH = 500;

/**
 * The daily survey round (schedule `surveys.waves`): opens the 6- and 24-month waves of every
 * graduate whose date has come (one SurveyInvitation per graduation and wave — the unique key makes
 * a second run, or a second node, a no-op) and reminds those who have not answered. The mails
 * themselves are jobs (`surveys.mail`), enqueued in the same transaction as the invitation.
 */
export async function runSurveyWaves(now = new Date()): Promise<{ invited: number; reminded: number }> {
	const db = context().db;
	let invited = 0;
	for (const [wave, months] of Object.entries(WAVE_MONTHS) as [Wave, number][]) {
		const opens = Prisma.sql`(g."certifiedAt" + make_interval(months => ${months}))`;
		for (;;) {
			const due = await db.$queryRaw<{ id: string }[]>`
				SELECT g.id FROM "Graduation" g JOIN "Member" m ON m.id = g."memberId"
				 WHERE m.status <> 'deactivated'
				   AND ${opens} <= ${now} AND ${opens} > ${now}::timestamptz - ${WAVE_WINDOW}::interval
				   AND NOT EXISTS (SELECT 1 FROM "SurveyInvitation" i WHERE i."graduationId" = g.id AND i.wave = ${wave}::"SurveyWave")
				 LIMIT ${BATCH}`;
			if (due.length === 0) break;
			await db.$transaction(async (tx) => {
				const created = await tx.surveyInvitation.createManyAndReturn({
					data: due.map((g) => ({ graduationId: g.id, wave, sentAt: now })),
					skipDuplicates: true,
					select: { id: true }
				});
				for (const { id } of created) await enqueue(SURVEY_MAIL_JOB, { invitationId: id, reminder: 0 }, { uniqueKey: `${SURVEY_MAIL_JOB}:${id}:0`, tx });
				invited += created.length;
			});
			if (due.length < BATCH) break;
		}
	}
	const reminded = await db.$transaction(async (tx) => {
		const rows = await tx.$queryRaw<{ id: string; remindersSent: number }[]>`
			UPDATE "SurveyInvitation" i SET "remindersSent" = i."remindersSent" + 1, "lastRemindedAt" = ${now}
			  FROM "Graduation" g JOIN "Member" m ON m.id = g."memberId"
			 WHERE g.id = i."graduationId" AND m.status <> 'deactivated'
			   AND i."respondedAt" IS NULL AND i."remindersSent" < ${MAX_REMINDERS}
			   AND COALESCE(i."lastRemindedAt", i."sentAt") <= ${now}::timestamptz - make_interval(days => ${REMINDER_AFTER_DAYS})
			RETURNING i.id, i."remindersSent"`;
		for (const row of rows) await enqueue(SURVEY_MAIL_JOB, { invitationId: row.id, reminder: row.remindersSent }, { uniqueKey: `${SURVEY_MAIL_JOB}:${row.id}:${row.remindersSent}`, tx });
		return rows.length;
	});
	return { invited, reminded };
}

const mailPayload = z.object({ invitationId: z.uuid(), reminder: z.number().int().min(0).max(10) });

/** One survey mail (invitation or reminder) with the personal link; nothing if answered or the account is gone. */
export async function sendSurveyMail(payload: unknown): Promise<'sent' | 'skipped'> {
	const { invitationId, reminder } = mailPayload.parse(payload);
	const { db, mailer } = context();
	const invitation = await db.surveyInvitation.findUnique({
		where: { id: invitationId },
		select: { wave: true, respondedAt: true, graduation: { select: { certification: true, member: { select: { email: true, firstName: true, locale: true, status: true } } } } }
	});
	if (!invitation || invitation.respondedAt || invitation.graduation.member.status === 'deactivated') return 'skipped';
	const member = invitation.graduation.member;
	await mailer.send(
		linkMail({
			to: member.email,
			locale: member.locale,
			name: member.firstName,
			subject: reminder > 0 ? 'survey.mail.reminder_subject' : 'survey.mail.subject',
			body: invitation.wave === 'month24' ? 'survey.mail.body_24' : 'survey.mail.body_6',
			link: await surveyUrl(invitationId),
			note: 'survey.mail.note',
			params: { certification: invitation.graduation.certification }
		})
	);
	return 'sent';
}

/**
 * "Relancer" by hand (Datalumni: a mass e-mail to registered and non-registered graduates alike):
 * one more reminder now to everyone invited to this wave who has not answered, optionally one
 * certification and promotion only. Each invitation is reminded at most once a day.
 */
export async function remindNonRespondents(actor: ActorRef, raw: unknown, now = new Date()): Promise<{ reminded: number }> {
	await requirePermission(actor, 'surveys.manage');
	const input = parseInput(remindInput, raw);
	const db = context().db;
	const reminded = await db.$transaction(async (tx) => {
		const rows = await tx.$queryRaw<{ id: string; remindersSent: number }[]>`
			UPDATE "SurveyInvitation" i SET "remindersSent" = i."remindersSent" + 1, "lastRemindedAt" = ${now}
			  FROM "Graduation" g JOIN "Member" m ON m.id = g."memberId"
			 WHERE g.id = i."graduationId" AND m.status <> 'deactivated' AND i.wave = ${input.wave}::"SurveyWave" AND i."respondedAt" IS NULL
			   AND (${input.certification ?? null}::text IS NULL OR g.certification = ${input.certification ?? null})
			   AND (${input.promotion ?? null}::int IS NULL OR g.promotion = ${input.promotion ?? null})
			   AND COALESCE(i."lastRemindedAt", i."sentAt") <= ${now}::timestamptz - interval '1 day'
			RETURNING i.id, i."remindersSent"`;
		for (const row of rows) await enqueue(SURVEY_MAIL_JOB, { invitationId: row.id, reminder: row.remindersSent }, { uniqueKey: `${SURVEY_MAIL_JOB}:${row.id}:${row.remindersSent}`, tx });
		return rows.length;
	});
	return { reminded };
}

const remindInput = z.object({
	wave: z.enum(['month6', 'month24'], { error: 'survey.error.wave' }),
	certification: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(200).optional()),
	promotion: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().optional())
});

/** Survey tracking for a list of members (the CRM list's "enquête répondue" column and filter): per member, each wave's state. */
export async function surveyStatusOf(memberIds: readonly string[]): Promise<Map<string, { wave: 'entry' | 'month6' | 'month24'; state: 'answered' | 'waiting' }[]>> {
	const db = context().db;
	const [invitations, answers] = await Promise.all([
		db.$queryRaw<{ memberId: string; wave: 'month6' | 'month24'; responded: boolean }[]>`
			SELECT g."memberId", i.wave::text AS wave, i."respondedAt" IS NOT NULL AS responded
			  FROM "SurveyInvitation" i JOIN "Graduation" g ON g.id = i."graduationId" WHERE g."memberId" = ANY (${[...memberIds]}::uuid[])`,
		db.surveyResponse.findMany({ where: { memberId: { in: [...memberIds] }, wave: 'entry' }, select: { memberId: true } })
	]);
	const status = new Map<string, { wave: 'entry' | 'month6' | 'month24'; state: 'answered' | 'waiting' }[]>();
	const add = (memberId: string, wave: 'entry' | 'month6' | 'month24', state: 'answered' | 'waiting') => status.set(memberId, [...(status.get(memberId) ?? []), { wave, state }]);
	for (const a of answers) add(a.memberId!, 'entry', 'answered');
	for (const i of invitations) add(i.memberId, i.wave, i.responded ? 'answered' : 'waiting');
	return status;
}
