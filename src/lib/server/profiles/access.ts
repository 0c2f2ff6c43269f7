/** The profile's access rules live in the access module (member.view, profile.edit); re-exported for the profile domain. */
export { isProvider, requireMember, type ActorRef as Actor, type Visibility } from '../access/index.ts';
