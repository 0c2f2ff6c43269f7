// The notification centre (floor 1): in-app notifications, per-type preferences, grouped mails, daily digests.
import './events.ts';
export { notify, publishUnread, MAIL_JOB, DIGEST_JOB, type NotifyInput, type NotifyResult } from './notify.ts';
export { listNotifications, unreadCount, markRead, markAllRead, openNotification, purgeOldNotifications, type NotificationView } from './inbox.ts';
export { getPreferences, setPreferences, type PreferenceView } from './preferences.ts';
export { sendGroupedMail, sendDailyDigests } from './mail.ts';
export { unsubscribe, unsubscribeState, unsubscribeUrl, type UnsubscribeScope } from './unsubscribe.ts';
export { notificationText, typeLabel } from './render.ts';
export { registerNotificationSubscribers } from './subscribers.ts';
export { checkNotificationsEnv } from './settings.ts';
export { NOTIFICATION_TYPES, TYPE_NAMES, CHANNELS, isNotificationType, linkOf, type NotificationType, type NotificationChannel } from './types.ts';
