import { context } from '../context.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { translate, type Locale, type MessageKey } from '../../i18n/index.ts';
import { parseSegment, segmentWhere } from './segment.ts';
import { toCsv } from './csv.ts';

interface AnswerRow {
	externalRef: string | null;
	lastName: string | null;
	firstName: string | null;
	email: string | null;
	memberPromotion: number | null;
	programme: string | null;
	campus: string | null;
	roles: string[] | null;
	wave: string;
	certification: string | null;
	promotion: number | null;
	answeredAt: Date;
	satisfaction: number | null;
	comment: string | null;
	situation: string;
	socioCategory: string | null;
	contractType: string | null;
	sector: string | null;
	payBand: string | null;
	inTargetedJob: boolean | null;
	jobTitle: string | null;
	departement: string | null;
}

/**
 * "Exporter les questionnaires": every answer of the segment's members (entry questionnaire and
 * survey waves), one row per answer, coded answers in the admin's language. Answers of erased
 * members (detached) are exported without identity only when no member filter is set.
 */
export async function questionnaireCsv(actor: ActorRef, rawSegment: unknown, locale: Locale): Promise<{ filename: string; body: string }> {
	await requirePermission(actor, 'statistics.read');
	const segment = parseSegment(rawSegment);
	const filtered = Object.values(segment).some((v) => v !== undefined);
	const rows = await context().db.$queryRaw<AnswerRow[]>`
		SELECT m."externalRef", m."lastName", m."firstName", m.email, m.promotion AS "memberPromotion", m.programme, m.campus, m.roles::text[] AS roles,
		       r.wave::text AS wave, r.certification, r.promotion, r."answeredAt", r.satisfaction, r.comment, r.situation::text AS situation,
		       r."socioCategory", r."contractType", r.sector, r."payBand", r."inTargetedJob", r."jobTitle", r.departement
		  FROM "SurveyResponse" r LEFT JOIN "Member" m ON m.id = r."memberId"
		 WHERE (m.id IS NOT NULL AND ${segmentWhere(segment)}) OR (m.id IS NULL AND ${!filtered})
		 ORDER BY m."lastName" NULLS LAST, m."firstName", r."answeredAt"`;
	const t = (key: string) => translate(locale, key as MessageKey);
	const coded = (list: string, code: string | null) => (code === null ? null : t(`survey.${list}.${code}`));
	const yesNo = (value: boolean | null) => (value === null ? null : t(value ? 'stats.csv.yes' : 'stats.csv.no'));
	const header = [
		'externalRef', 'lastName', 'firstName', 'email', 'promotion', 'programme', 'campus', 'roles', 'wave', 'certification', 'certificationPromotion',
		'answeredAt', 'satisfaction', 'comment', 'situation', 'socioCategory', 'contractType', 'sector', 'payBand', 'inTargetedJob', 'jobTitle', 'departement'
	].map((column) => t(`stats.csv.${column}`));
	const body = toCsv(
		header,
		rows.map((r) => [
			r.externalRef, r.lastName, r.firstName, r.email, r.memberPromotion, r.programme, r.campus,
			(r.roles ?? []).filter((role) => role !== 'member').map((role) => t(`stats.role.${role}`)).join(', '),
			t(`survey.wave.${r.wave}`), r.certification, r.promotion, r.answeredAt, r.satisfaction, r.comment,
			coded('situation', r.situation), coded('socio', r.socioCategory), coded('contract', r.contractType), coded('sector', r.sector), coded('pay', r.payBand),
			yesNo(r.inTargetedJob), r.jobTitle, r.departement
		])
	);
	return { filename: `questionnaires-${new Date().toISOString().slice(0, 10)}.csv`, body };
}
