import { purgeExpiredSessions } from '../../src/lib/server/auth/sessions.ts';
import { purgeOldNotifications } from '../../src/lib/server/notifications/index.ts';
import { runAlerts } from '../../src/lib/server/alerts/index.ts';
import type { ScheduleDefinition } from './definition.ts';

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
		// keyword alerts: what was published or updated since yesterday's run (at most one notification per alert and day)
		name: 'alerts.daily-match',
		cron: '0 7 * * *',
		tz: 'Europe/Paris',
		run: () => runAlerts()
	}
];
