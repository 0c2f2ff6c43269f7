/**
 * Access (kernel floor): who acts, and the one registry of what they may do. Imports only the
 * context, the errors and the generated Prisma types (plus the shared category list).
 */
export { actorOfMember, hasRole, isAdmin, isModerator, isRecruiterOnly, loadActor, requireMember, resolveActor, type Actor, type ActorRef, type Role } from './actor.ts';
export { isProvider, listedProviderWhere, memberVisible, visibilitySelect, visibleMembers, type Visibility } from './members.ts';
export { canManageCatalog, canManageCompany, membershipOf, type Membership } from './companies.ts';
export { publicationPublic, publicationVisibleWhere, type PublicationVisibility } from './publications.ts';
export { gatheringReader, gatheringVisible, gatheringVisibleWhere, hasCurrentDues, isOrganiser, managesGathering, spaceAllowsByDues, type GatheringReader } from './gatherings.ts';
export { directPermission, type MessagingMode, type MessagingPermission } from './messaging.ts';
export { PERMISSIONS, can, isPermission, requirePermission, type CareersOfferRef, type CheckOptions, type DirectTarget, type PublicationOwner, type PermissionName, type ResourceOf } from './permissions.ts';
import { can, requirePermission } from './permissions.ts';

/** `access.can(actor, 'company.manage', id)` / `access.require(…)` */
export const access = { can, require: requirePermission };
