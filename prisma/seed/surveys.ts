// Demo data of the graduate surveys (France Compétences): the last three promotions are certified
// (4 July of their year), their 6- and 24-month waves went out when due, most graduates answered,
// some after one or two reminders — so /admin/enquetes shows rates, response tracking and the map.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../src/lib/server/generated/prisma/client.ts';
import { WAVE_MONTHS } from '../../src/lib/server/surveys/index.ts';
import { mulberry32 } from './random.ts';
import { demoAnswer, insertRows, PROGRAMMES, type SchoolMember } from './statistics.ts';

const DAY = 86_400_000;

function addMonths(date: Date, months: number): Date {
	const d = new Date(date);
	d.setUTCMonth(d.getUTCMonth() + months);
	return d;
}

export async function seedSurveys(prisma: PrismaClient, school: SchoolMember[], now: Date = new Date()): Promise<{ graduates: number; invitations: number; responses: number }> {
	const random = mulberry32(2_026_0704);
	const year = now.getUTCFullYear();
	const rncp = new Map<string, string>(PROGRAMMES.map((p) => [p.name, p.rncp]));
	const graduations: Prisma.GraduationCreateManyInput[] = [];
	const invitations: Prisma.SurveyInvitationCreateManyInput[] = [];
	const responses: Prisma.SurveyResponseCreateManyInput[] = [];
	for (const m of school) {
		if (!m.alumni || m.promotion < year - 3) continue;
		const certifiedAt = new Date(Date.UTC(m.promotion, 6, 4));
		const graduationId = randomUUID();
		graduations.push({ id: graduationId, createdAt: now, memberId: m.id, certification: m.programme, rncpCode: rncp.get(m.programme) ?? null, promotion: m.promotion, certifiedAt });
		for (const [wave, months] of Object.entries(WAVE_MONTHS) as ['month6' | 'month24', number][]) {
			const sentAt = addMonths(certifiedAt, months);
			if (sentAt > now) continue;
			// two in three answer, some only after a reminder; two years on, more are in work
			const answers = random() < 0.68;
			const reminders = answers ? (random() < 0.6 ? 0 : 1) : 2;
			const respondedAt = answers ? new Date(sentAt.getTime() + (reminders * 7 + 1 + Math.floor(random() * 5)) * DAY) : null;
			invitations.push({ id: randomUUID(), graduationId, wave, sentAt, remindersSent: reminders, lastRemindedAt: reminders ? new Date(sentAt.getTime() + reminders * 7 * DAY) : null, respondedAt });
			if (respondedAt) {
				responses.push({
					...demoAnswer(random, m.departement, wave === 'month24' ? 0.2 : 0),
					id: randomUUID(),
					wave,
					memberId: m.id,
					graduationId,
					certification: m.programme,
					promotion: m.promotion,
					answeredAt: respondedAt
				});
			}
		}
	}
	await insertRows(prisma, 'Graduation', graduations);
	await insertRows(prisma, 'SurveyInvitation', invitations);
	await insertRows(prisma, 'SurveyResponse', responses);
	return { graduates: graduations.length, invitations: invitations.length, responses: responses.length };
}
