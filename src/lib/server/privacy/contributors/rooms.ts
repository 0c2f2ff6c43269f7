import type { PrivacyContributor } from '../contributor.ts';

/** Video rooms the member hosted and the rooms they were invited to or admitted into. */
export const rooms: PrivacyContributor = {
	name: 'rooms',
	models: ['Room', 'RoomInvite'],
	async export(memberId, tx) {
		return {
			hosted: await tx.room.findMany({ where: { hostId: memberId }, select: { slug: true, kind: true, title: true, opensAt: true, closesAt: true, createdAt: true } }),
			invitedTo: await tx.roomInvite.findMany({ where: { memberId }, select: { admittedAt: true, createdAt: true, room: { select: { slug: true, kind: true, title: true, opensAt: true } } } })
		};
	},
	// both refer to the member with onDelete: Cascade
	erase: async () => {}
};
