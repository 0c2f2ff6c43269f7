import type { PrivacyContributor } from '../contributor.ts';

/**
 * Graduate surveys (France Compétences): the member's certifications, the waves mailed and their
 * answers. After erasure an answer stays in the school's statistics, detached from the member
 * (memberId and graduation null) and without its free text — certification, promotion and the coded
 * answers only, which France Compétences asks the school to report.
 */
export const surveys: PrivacyContributor = {
	name: 'surveys',
	models: ['Graduation', 'SurveyInvitation', 'SurveyResponse'],
	async export(memberId, tx) {
		return {
			graduations: await tx.graduation.findMany({
				where: { memberId },
				select: { certification: true, rncpCode: true, promotion: true, certifiedAt: true, invitations: { select: { wave: true, sentAt: true, remindersSent: true, respondedAt: true } } }
			}),
			responses: await tx.surveyResponse.findMany({ where: { memberId }, omit: { memberId: true, graduationId: true }, orderBy: { answeredAt: 'asc' } })
		};
	},
	async erase(memberId, tx) {
		await tx.surveyResponse.updateMany({ where: { memberId }, data: { memberId: null, graduationId: null, comment: null, jobTitle: null } });
		// Graduation and its SurveyInvitation rows: Cascade
	},
	kept: ['privacy.kept.surveys']
};
