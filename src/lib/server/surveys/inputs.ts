import { z } from 'zod';
import { optionalText, requiredText } from '../validation.ts';
import { CONTRACT_TYPES, EMPLOYED, PAY_BANDS, SECTORS, SITUATIONS, SOCIO_CATEGORIES, type Situation } from '../../surveys.ts';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const choice = <T extends readonly [string, ...string[]]>(values: T, error: string) => z.preprocess(blankToUndefined, z.enum(values, { error }).optional());

/**
 * The questionnaire's answers (France Compétences' items). The job questions are asked, and
 * required, only of graduates in employment; the satisfaction only in the entry questionnaire.
 */
export const answerInput = z
	.object({
		satisfaction: z.preprocess(blankToUndefined, z.coerce.number({ error: 'survey.error.satisfaction' }).int().min(1, { error: 'survey.error.satisfaction' }).max(5, { error: 'survey.error.satisfaction' }).optional()),
		comment: optionalText(2000),
		situation: z.enum(SITUATIONS, { error: 'survey.error.situation' }),
		socioCategory: choice(SOCIO_CATEGORIES, 'survey.error.required_if_employed'),
		contractType: choice(CONTRACT_TYPES, 'survey.error.required_if_employed'),
		sector: choice(SECTORS, 'survey.error.required_if_employed'),
		payBand: choice(PAY_BANDS, 'survey.error.required_if_employed'),
		inTargetedJob: z.preprocess(blankToUndefined, z.enum(['yes', 'no'], { error: 'survey.error.required_if_employed' }).optional()),
		jobTitle: optionalText(160),
		departement: z.preprocess(blankToUndefined, z.string().regex(/^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/, { error: 'survey.error.departement' }).optional())
	})
	.superRefine((value, ctx) => {
		if (!EMPLOYED.includes(value.situation as Situation)) return;
		for (const field of ['socioCategory', 'contractType', 'sector', 'payBand', 'inTargetedJob'] as const) {
			if (value[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'survey.error.required_if_employed' });
		}
	});
export type AnswerInput = z.infer<typeof answerInput>;

/** What is stored: the job fields only for someone in employment. */
export function answerData(input: AnswerInput, withSatisfaction: boolean) {
	const employed = EMPLOYED.includes(input.situation as Situation);
	return {
		satisfaction: withSatisfaction ? (input.satisfaction ?? null) : null,
		comment: withSatisfaction ? (input.comment ?? null) : null,
		situation: input.situation,
		socioCategory: employed ? (input.socioCategory ?? null) : null,
		contractType: employed ? (input.contractType ?? null) : null,
		sector: employed ? (input.sector ?? null) : null,
		payBand: employed ? (input.payBand ?? null) : null,
		inTargetedJob: employed ? input.inTargetedJob === 'yes' : null,
		jobTitle: employed ? (input.jobTitle ?? null) : null,
		departement: employed ? (input.departement ?? null) : null
	};
}

export const cohortInput = z.object({
	programme: requiredText(200),
	promotion: z.coerce.number({ error: 'survey.error.promotion' }).int({ error: 'survey.error.promotion' }).min(1950, { error: 'survey.error.promotion' }).max(2100, { error: 'survey.error.promotion' }),
	certifiedAt: z.iso.date({ error: 'survey.error.date' }),
	rncpCode: z.preprocess(blankToUndefined, z.string().regex(/^RNCP\d{3,6}$/i, { error: 'survey.error.rncp' }).optional())
});
