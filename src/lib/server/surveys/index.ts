/**
 * Graduate surveys for France Compétences (floor 4, administration): the entry questionnaire at an
 * alumnus' first login, the 6- and 24-month waves after certification with personal links and
 * reminders, and the results (insertion rates, jobs by département, CSV).
 */
export { entrySurveyDue, entrySurveyPage, answerEntrySurvey } from './entry.ts';
export { runSurveyWaves, sendSurveyMail, remindNonRespondents, surveyStatusOf, SURVEY_MAIL_JOB, WAVE_MONTHS, REMINDER_AFTER_DAYS, MAX_REMINDERS } from './waves.ts';
export { surveyByToken, answerByToken } from './respond.ts';
export { surveyToken, surveyUrl } from './link.ts';
export { insertionRates, type InsertionRates, type SituationCount } from './rates.ts';
export { surveyResults, surveyResultsCsv, type SurveyResults, type CohortResult } from './results.ts';
export { certifyCohort, cohortOverview } from './cohorts.ts';
