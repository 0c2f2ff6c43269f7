import type { PrivacyContributor } from '../contributor.ts';

/** The member's notifications and preferences; notices others received about the member's actions carry their name: removed. */
export const notifications: PrivacyContributor = {
	name: 'notifications',
	models: ['Notification', 'NotificationPreference'],
	async export(memberId, tx) {
		return {
			received: await tx.notification.findMany({
				where: { recipientId: memberId },
				select: { type: true, objectType: true, objectId: true, data: true, channel: true, createdAt: true, readAt: true, mailedAt: true },
				orderBy: { createdAt: 'asc' }
			}),
			preferences: await tx.notificationPreference.findMany({ where: { memberId }, select: { type: true, channel: true, updatedAt: true } })
		};
	},
	async erase(memberId, tx) {
		// their `data` froze the member's name when it happened (SetNull would leave it)
		await tx.notification.deleteMany({ where: { actorId: memberId } });
	}
};
