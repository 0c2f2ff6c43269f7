// The relations domain: follows (one-way), contacts (mutual, by request) and contact groups.
export { followMember, unfollowMember, listFollowing, listFollowers, type MemberCard } from './follows.ts';
export {
	sendContactRequest,
	acceptContactRequest,
	declineContactRequest,
	cancelContactRequest,
	removeContact,
	listContacts,
	listContactRequests,
	relationState,
	type RelationState,
	type SendOutcome
} from './contacts.ts';
export { listGroups, createGroup, renameGroup, deleteGroup, groupDetail, addToGroup, removeFromGroup } from './groups.ts';
export { GROUP_NAME_MAX } from './inputs.ts';
export { resolveAudience, type AudienceChoice } from './audience.ts';
