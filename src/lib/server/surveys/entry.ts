import { context } from '../context.ts';
import { forbidden } from '../errors.ts';
import { hasRole, requireMember, resolveActor, type ActorRef } from '../access/index.ts';
import { parseInput } from '../validation.ts';
import { answerData, answerInput } from './inputs.ts';

/**
 * The entry questionnaire (Datalumni): at an alumnus' first login, satisfaction with the training
 * (qualitative) and the current situation (quantitative). Asked until answered.
 */
export async function entrySurveyDue(actor: ActorRef): Promise<boolean> {
	const resolved = await resolveActor(actor);
	if (!resolved || !hasRole(resolved, 'alumni')) return false;
	const answered = await context().db.surveyResponse.count({ where: { memberId: resolved.memberId, wave: 'entry' } });
	return answered === 0;
}

/** What the questionnaire page shows: the certification it is about. */
export async function entrySurveyPage(actor: ActorRef) {
	const memberId = requireMember(actor);
	if (!(await entrySurveyDue(actor))) return { due: false as const };
	const { certification, promotion } = await certificationOf(memberId);
	return { due: true as const, certification, promotion };
}

/** The member's latest certification, else their programme and promotion. */
async function certificationOf(memberId: string) {
	const db = context().db;
	const graduation = await db.graduation.findFirst({ where: { memberId }, orderBy: { certifiedAt: 'desc' }, select: { id: true, certification: true, promotion: true } });
	if (graduation) return { graduationId: graduation.id, certification: graduation.certification, promotion: graduation.promotion };
	const member = await db.member.findUniqueOrThrow({ where: { id: memberId }, select: { programme: true, promotion: true } });
	return { graduationId: null, certification: member.programme, promotion: member.promotion };
}

export async function answerEntrySurvey(actor: ActorRef, raw: unknown, now = new Date()): Promise<void> {
	const memberId = requireMember(actor);
	if (!(await entrySurveyDue(actor))) throw forbidden('survey.error.not_due');
	const input = parseInput(answerInput, raw);
	const cert = await certificationOf(memberId);
	await context().db.surveyResponse.create({
		data: { memberId, wave: 'entry', graduationId: cert.graduationId, certification: cert.certification, promotion: cert.promotion, answeredAt: now, ...answerData(input, true) }
	});
}
