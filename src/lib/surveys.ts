/**
 * The coded answers of the graduate questionnaire (France Compétences' survey items), shared by the
 * forms, the domain (validation) and the statistics. Labels: `survey.<list>.<code>` in
 * src/lib/i18n/areas/statistics.ts.
 */
export const SITUATIONS = ['employed', 'self_employed', 'job_seeking', 'studying', 'work_study', 'unable_to_work', 'inactive'] as const;
/** PCS groups (INSEE, professions et catégories socioprofessionnelles) */
export const SOCIO_CATEGORIES = ['cadre', 'intermediaire', 'employe', 'ouvrier', 'independant', 'agriculteur'] as const;
export const CONTRACT_TYPES = ['cdi', 'cdd', 'interim', 'public', 'self', 'other'] as const;
/** sectors, grouped from the NAF sections */
export const SECTORS = [
	'agriculture',
	'industrie',
	'construction',
	'commerce',
	'transport',
	'hebergement',
	'information',
	'finance',
	'immobilier',
	'conseil',
	'services_admin',
	'public',
	'enseignement',
	'sante',
	'arts',
	'autres'
] as const;
/** gross annual pay, thousands of euros */
export const PAY_BANDS = ['lt20', '20_25', '25_30', '30_35', '35_40', '40_50', '50_60', 'gt60'] as const;
export const SATISFACTION = [1, 2, 3, 4, 5] as const;

export type Situation = (typeof SITUATIONS)[number];
export const EMPLOYED: readonly Situation[] = ['employed', 'self_employed'];
