import type { PrivacyContributor } from '../contributor.ts';

const person = { select: { firstName: true, lastName: true, slug: true } } as const;

/** Follows, contact requests, contacts and contact groups, blocks. */
export const relations: PrivacyContributor = {
	name: 'relations',
	models: ['Follow', 'ContactRequest', 'Contact', 'ContactGroup', 'ContactGroupMember', 'MemberBlock'],
	async export(memberId, tx) {
		return {
			following: await tx.follow.findMany({
				where: { followerId: memberId },
				select: { createdAt: true, followedMember: person, followedCompany: { select: { title: true, slug: true } } }
			}),
			followers: await tx.follow.findMany({ where: { followedMemberId: memberId }, select: { createdAt: true, follower: person } }),
			contactRequestsSent: await tx.contactRequest.findMany({ where: { requesterId: memberId }, select: { message: true, status: true, createdAt: true, answeredAt: true, recipient: person } }),
			contactRequestsReceived: await tx.contactRequest.findMany({ where: { recipientId: memberId }, select: { message: true, status: true, createdAt: true, answeredAt: true, requester: person } }),
			contacts: await tx.contact.findMany({ where: { ownerId: memberId }, select: { createdAt: true, other: person } }),
			contactGroups: await tx.contactGroup.findMany({
				where: { ownerId: memberId },
				select: { name: true, createdAt: true, entries: { select: { addedAt: true, member: person } } }
			}),
			// in other members' groups: only that such an entry exists, not the owner's group names
			inOthersGroups: await tx.contactGroupMember.count({ where: { memberId } }),
			blocked: await tx.memberBlock.findMany({ where: { blockerId: memberId }, select: { createdAt: true, blocked: person } })
		};
	},
	// all of them refer to the member with onDelete: Cascade and go with the account
	erase: async () => {}
};
