import { context } from '../context.ts';
import { notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { answerData, answerInput } from './inputs.ts';
import { invitationOfToken } from './link.ts';

async function invitationOf(token: unknown) {
	const id = await invitationOfToken(token);
	const invitation = await context().db.surveyInvitation.findUnique({
		where: { id },
		select: { id: true, wave: true, respondedAt: true, graduation: { select: { id: true, memberId: true, certification: true, promotion: true, member: { select: { firstName: true, status: true } } } } }
	});
	if (!invitation || invitation.graduation.member.status === 'deactivated') throw notFound('survey.error.bad_link');
	return invitation;
}

/** The page behind the personal link (no account needed): whom and what it is about, and whether it was answered. */
export async function surveyByToken(token: unknown) {
	const invitation = await invitationOf(token);
	const previous = invitation.respondedAt
		? await context().db.surveyResponse.findFirst({
				where: { graduationId: invitation.graduation.id, wave: invitation.wave },
				select: { situation: true, socioCategory: true, contractType: true, sector: true, payBand: true, inTargetedJob: true, jobTitle: true, departement: true }
			})
		: null;
	return {
		wave: invitation.wave,
		firstName: invitation.graduation.member.firstName,
		certification: invitation.graduation.certification,
		promotion: invitation.graduation.promotion,
		answered: invitation.respondedAt !== null,
		previous
	};
}

/** The answer through the personal link; answering again corrects the answer (one per graduation and wave). */
export async function answerByToken(token: unknown, raw: unknown, now = new Date()): Promise<void> {
	const invitation = await invitationOf(token);
	const input = parseInput(answerInput, raw);
	const g = invitation.graduation;
	const data = { ...answerData(input, false), answeredAt: now };
	await context().db.$transaction(async (tx) => {
		const existing = await tx.surveyResponse.findFirst({ where: { graduationId: g.id, wave: invitation.wave }, select: { id: true } });
		if (existing) await tx.surveyResponse.update({ where: { id: existing.id }, data });
		else await tx.surveyResponse.create({ data: { ...data, memberId: g.memberId, graduationId: g.id, wave: invitation.wave, certification: g.certification, promotion: g.promotion } });
		await tx.surveyInvitation.update({ where: { id: invitation.id }, data: { respondedAt: now } });
	});
}
