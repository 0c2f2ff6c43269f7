import { z } from 'zod';
import { context } from '../context.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { parseInput } from '../validation.ts';
import { translate, type Locale } from '../../i18n/index.ts';
import type { Situation } from '../../surveys.ts';
import { toCsv } from '../statistics/csv.ts';
import { departementName } from '../statistics/geography.ts';
import { insertionRates, type InsertionRates } from './rates.ts';

export const resultsInput = z.object({
	wave: z.preprocess((v) => (v === '' || v === undefined ? 'month6' : v), z.enum(['entry', 'month6', 'month24'], { error: 'survey.error.wave' }))
});

export interface CohortResult extends InsertionRates {
	certification: string;
	promotion: number | null;
	/** mailed invitations of this wave, and those answered (survey waves only) */
	invited: number;
	responded: number;
}

export interface SurveyResults {
	wave: 'entry' | 'month6' | 'month24';
	cohorts: CohortResult[];
	/** all cohorts together */
	overall: InsertionRates;
	/** respondents in employment, by département of their job (the map) */
	jobsByDepartement: { code: string; name: string | null; count: number }[];
}

/**
 * The results tab of the graduate surveys: the France Compétences rates per certification and
 * promotion (rates.ts), response tracking, and where the jobs are. Counting is done by PostgreSQL
 * (GROUP BY); the rates are divisions of those counts.
 */
export async function surveyResults(actor: ActorRef, raw: unknown): Promise<SurveyResults> {
	await requirePermission(actor, 'surveys.manage');
	const { wave } = parseInput(resultsInput, raw);
	const db = context().db;
	const [counts, tracking, departements] = await Promise.all([
		db.$queryRaw<{ certification: string | null; promotion: number | null; situation: Situation; inTargetedJob: boolean | null; count: bigint }[]>`
			SELECT certification, promotion, situation::text AS situation, "inTargetedJob", count(*) AS count
			  FROM "SurveyResponse" WHERE wave = ${wave}::"SurveyWave" GROUP BY 1, 2, 3, 4`,
		db.$queryRaw<{ certification: string; promotion: number | null; invited: bigint; responded: bigint }[]>`
			SELECT g.certification, g.promotion, count(*) AS invited, count(i."respondedAt") AS responded
			  FROM "SurveyInvitation" i JOIN "Graduation" g ON g.id = i."graduationId"
			 WHERE i.wave = ${wave}::"SurveyWave" GROUP BY 1, 2`,
		db.$queryRaw<{ code: string; count: bigint }[]>`
			SELECT departement AS code, count(*) AS count FROM "SurveyResponse"
			 WHERE wave = ${wave}::"SurveyWave" AND situation IN ('employed', 'self_employed') AND departement IS NOT NULL
			 GROUP BY 1 ORDER BY count DESC, code`
	]);
	const key = (certification: string | null, promotion: number | null) => `${certification ?? ''}\u0000${promotion ?? ''}`;
	const groups = new Map<string, { certification: string; promotion: number | null; rows: { situation: Situation; inTargetedJob: boolean | null; count: number }[]; invited: number; responded: number }>();
	const groupOf = (certification: string | null, promotion: number | null) => {
		const k = key(certification, promotion);
		let group = groups.get(k);
		if (!group) groups.set(k, (group = { certification: certification ?? '—', promotion, rows: [], invited: 0, responded: 0 }));
		return group;
	};
	for (const row of counts) groupOf(row.certification, row.promotion).rows.push({ situation: row.situation, inTargetedJob: row.inTargetedJob, count: Number(row.count) });
	for (const row of tracking) Object.assign(groupOf(row.certification, row.promotion), { invited: Number(row.invited), responded: Number(row.responded) });
	const cohorts = [...groups.values()]
		.map(({ rows, ...group }) => ({ ...group, ...insertionRates(rows) }))
		.sort((a, b) => a.certification.localeCompare(b.certification) || (b.promotion ?? 0) - (a.promotion ?? 0));
	return {
		wave,
		cohorts,
		overall: insertionRates(counts.map((r) => ({ situation: r.situation, inTargetedJob: r.inTargetedJob, count: Number(r.count) }))),
		jobsByDepartement: departements.map((d) => ({ code: d.code, name: departementName(d.code), count: Number(d.count) }))
	};
}

const percent = (rate: number | null) => (rate === null ? '' : (Math.round(rate * 1000) / 10).toFixed(1).replace('.', ','));

/** The results table as CSV for Excel (UTF-8 BOM, `;`), rates in percent. */
export async function surveyResultsCsv(actor: ActorRef, raw: unknown, locale: Locale): Promise<{ filename: string; body: string }> {
	const results = await surveyResults(actor, raw);
	const t = (k: Parameters<typeof translate>[1]) => translate(locale, k);
	const header = [
		t('survey.results.certification'), t('survey.results.promotion'), t('survey.results.invited'), t('survey.results.responded'), t('survey.results.respondents'),
		t('survey.results.excluded'), t('survey.results.base'), t('survey.results.employed'), t('survey.results.in_targeted_job'), t('survey.results.global_rate'), t('survey.results.targeted_rate')
	];
	const body = toCsv(
		header,
		results.cohorts.map((c) => [c.certification, c.promotion, c.invited, c.responded, c.respondents, c.excluded, c.base, c.employed, c.inTargetedJob, percent(c.globalRate), percent(c.targetedRate)])
	);
	return { filename: `enquetes-${results.wave}-${new Date().toISOString().slice(0, 10)}.csv`, body };
}
