import { purgeExpiredSessions } from '../../src/lib/server/auth/sessions.ts';
import { purgeOldNotifications } from '../../src/lib/server/notifications/index.ts';
import { sweepMentoringDeadlines } from '../../src/lib/server/mentoring/index.ts';
import { runAlerts } from '../../src/lib/server/alerts/index.ts';
import type { ScheduleDefinition } from './definition.ts';
import { REMINDER_SCHEDULE, sendDueReminders } from '../../src/lib/server/admin/index.ts';
import { careersSchedules } from './careers.ts';
import { sendLapseReminders } from '../../src/lib/server/membership/index.ts';
import { surveyWavesSchedule } from './surveys.ts';

/**
 * Every recurring job of Relais, in one place: name, cron, IANA time zone, handler. The runner
 * registers them with pg-boss at start (`schedule`, an upsert: changing a line here changes the
 * schedule on the next start; a line removed here is unscheduled). Each handler is idempotent.
 */
export const SCHEDULES: ScheduleDefinition[] = [
	{
		name: 'maintenance.purge-expired-sessions',
		cron: '30 3 * * *',
		tz: 'Europe/Paris',
		run: () => purgeExpiredSessions()
	},
	{
		// NOTIFY_RETENTION_DAYS (90 by default): older notifications leave the list
		name: 'maintenance.purge-old-notifications',
		cron: '45 3 * * *',
		tz: 'Europe/Paris',
		run: () => purgeOldNotifications()
	},
	{
		// mentoring: requests whose D+7 reminder or D+14 expiry job was lost are caught up (jobs do it on time)
		name: 'mentoring.sweep-deadlines',
		cron: '15 4 * * *',
		tz: 'Europe/Paris',
		run: () => sweepMentoringDeadlines()
	},
	{
		// administration: invitees who never activated their account are reminded at D+4, D+10, D+60 (INVITE_REMINDER_DAYS)
		name: REMINDER_SCHEDULE,
		cron: '20 * * * *',
		tz: 'Europe/Paris',
		run: () => sendDueReminders()
	},
	// job board: daily archive + follow-ups, Thursday 13:00 Europe/Paris weekly alert
	...careersSchedules,
	{
		// keyword alerts: what was published or updated since yesterday's run (at most one notification per alert and day)
		name: 'alerts.daily-match',
		cron: '0 7 * * *',
		tz: 'Europe/Paris',
		run: () => runAlerts()
	},
	{
		// membership dues ending within 30 days and not renewed: one reminder each (membership/index.ts)
		name: 'membership.lapse-reminders',
		cron: '0 9 * * *',
		tz: 'Europe/Paris',
		run: () => sendLapseReminders()
	},
	// graduate surveys (France Compétences): 6- and 24-month waves and reminders, every morning
	surveyWavesSchedule
];
