import { purgeExpiredSessions } from '../../src/lib/server/auth/sessions.ts';
import { purgeOldNotifications } from '../../src/lib/server/notifications/index.ts';
import type { ScheduleDefinition } from './definition.ts';
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
	// graduate surveys (France Compétences): 6- and 24-month waves and reminders, every morning
	surveyWavesSchedule
];
