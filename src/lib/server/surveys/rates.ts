import type { Situation } from '../../surveys.ts';

export interface SituationCount {
	situation: Situation;
	/** employed respondents: in the job the certification prepares for */
	inTargetedJob: boolean | null;
	count: number;
}

export interface InsertionRates {
	/** R: everyone who answered this wave */
	respondents: number;
	/** E: continuing studies + work-study contracts + unable to work */
	excluded: number;
	/** D = R − E: the base of both rates */
	base: number;
	/** in employment (salaried or not) */
	employed: number;
	/** in employment in the targeted job */
	inTargetedJob: number;
	/** employed / D, null when D = 0 */
	globalRate: number | null;
	/** inTargetedJob / D, null when D = 0 */
	targetedRate: number | null;
}

const EXCLUDED: readonly Situation[] = ['studying', 'work_study', 'unable_to_work'];
const EMPLOYED: readonly Situation[] = ['employed', 'self_employed'];

/**
 * France Compétences' insertion rates of a certification (RNCP), computed on the respondents of one
 * survey wave (6 or 24 months after certification):
 *
 *   R = respondents of the wave
 *   E = respondents continuing their studies + in a work-study contract (apprenticeship,
 *       professionalisation) + unable to work
 *   D = R − E
 *   taux d'insertion global (global employment rate)        = respondents in employment (salaried or self-employed) / D
 *   taux d'insertion dans le métier visé (targeted-job rate)  = respondents in employment in the targeted job / D
 *
 * Job seekers and the otherwise inactive stay in D (they lower both rates); non-respondents count
 * nowhere. Both rates are null when D is 0 (nothing to divide by), never 0 %.
 */
export function insertionRates(counts: readonly SituationCount[]): InsertionRates {
	let respondents = 0;
	let excluded = 0;
	let employed = 0;
	let inTargetedJob = 0;
	for (const row of counts) {
		respondents += row.count;
		if (EXCLUDED.includes(row.situation)) excluded += row.count;
		if (EMPLOYED.includes(row.situation)) {
			employed += row.count;
			if (row.inTargetedJob) inTargetedJob += row.count;
		}
	}
	const base = respondents - excluded;
	return {
		respondents,
		excluded,
		base,
		employed,
		inTargetedJob,
		globalRate: base > 0 ? employed / base : null,
		targetedRate: base > 0 ? inTargetedJob / base : null
	};
}
