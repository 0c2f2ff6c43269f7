import { CAREERS_JOBS, CAREERS_SCHEDULES, WEEKLY_ALERT_CRON, WEEKLY_ALERT_TZ, runArchiveSchedule, runCareersMailJob, sendWeeklyAlerts } from '../../src/lib/server/careers/index.ts';
import type { JobDefinition, ScheduleDefinition } from './definition.ts';

/** The job board's mails (author, application address, weekly alert): one job per mail. */
export const careersJobs: JobDefinition[] = [{ kind: CAREERS_JOBS.mail, run: (payload) => runCareersMailJob(payload) }];

/** Daily archive + D+30/D+60 follow-ups; the Thursday 13:00 Europe/Paris alert (Datalumni). */
export const careersSchedules: ScheduleDefinition[] = [
	{ name: CAREERS_SCHEDULES.archive, cron: '15 4 * * *', tz: 'Europe/Paris', run: () => runArchiveSchedule() },
	{ name: CAREERS_SCHEDULES.weeklyAlert, cron: WEEKLY_ALERT_CRON, tz: WEEKLY_ALERT_TZ, run: () => sendWeeklyAlerts() }
];
