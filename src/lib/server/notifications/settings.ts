import { z } from 'zod';
import { envSettings } from '../env-settings.ts';

/** Notification settings from the environment (README: NOTIFY_*). Read once; tests override them. */
const schema = z.object({
	NOTIFY_MAIL_WINDOW_MINUTES: z.coerce.number().min(0).max(24 * 60).default(10),
	NOTIFY_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
	NOTIFY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90)
});

export interface NotificationSettings {
	/** notifications of one type for one member within this window leave in one e-mail */
	mailWindowMs: number;
	/** local hour (Europe/Paris) of the daily digest */
	digestHour: number;
	digestTimeZone: string;
	retentionDays: number;
}

const fromEnv = envSettings('notifications', schema, (values): NotificationSettings => ({ mailWindowMs: values.NOTIFY_MAIL_WINDOW_MINUTES * 60_000, digestHour: values.NOTIFY_DIGEST_HOUR, digestTimeZone: 'Europe/Paris', retentionDays: values.NOTIFY_RETENTION_DAYS }));

export const checkNotificationsEnv = fromEnv.check;
export const notificationSettings = fromEnv.get;

/** Offset of `timeZone` from UTC at `instant`, in ms. */
function offsetMs(instant: Date, timeZone: string): number {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
			.formatToParts(instant)
			.map((p) => [p.type, p.value])
	);
	const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
	return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The next daily digest time strictly after `now` (digestHour:00 in the digest time zone). */
export function nextDigestAt(now: Date, settings: NotificationSettings = notificationSettings()): Date {
	for (let day = -1; day <= 2; day++) {
		const base = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + day, settings.digestHour));
		const candidate = new Date(base.getTime() - offsetMs(base, settings.digestTimeZone));
		if (candidate > now) return candidate;
	}
	throw new Error('no digest time found');
}
