import { runSurveyWaves, sendSurveyMail, SURVEY_MAIL_JOB } from '../../src/lib/server/surveys/index.ts';
import type { JobDefinition, ScheduleDefinition } from './definition.ts';

/** One graduate-survey mail (invitation or reminder) with its personal link. */
export const surveyMailJob: JobDefinition = {
	kind: SURVEY_MAIL_JOB,
	run: (payload) => sendSurveyMail(payload)
};

/** Every morning: open the 6- and 24-month waves that are due and remind non-respondents. */
export const surveyWavesSchedule: ScheduleDefinition = {
	name: 'surveys.waves',
	cron: '0 9 * * *',
	tz: 'Europe/Paris',
	run: () => runSurveyWaves(new Date())
};
