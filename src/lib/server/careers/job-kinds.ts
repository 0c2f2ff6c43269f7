/** Job kinds of the job board (handlers: server/jobs/careers.ts → careers/jobs.ts). */
export const CAREERS_JOBS = {
	/** one mail of the board (author, application address, weekly alert) */
	mail: 'careers.mail'
} as const;

/** Schedules of the board (server/jobs/schedules.ts). */
export const CAREERS_SCHEDULES = {
	/** daily: archive offers past their date + 3 months, D+30 / D+60 follow-ups */
	archive: 'careers.archive',
	/** Thursdays 13:00 Europe/Paris (Datalumni): the weekly alert of new offers */
	weeklyAlert: 'careers.weekly-alert'
} as const;

export const WEEKLY_ALERT_CRON = '0 13 * * 4';
export const WEEKLY_ALERT_TZ = 'Europe/Paris';
