import { context } from '../context.ts';
import { DomainError, forbidden, notFound, unauthenticated } from '../errors.ts';
import { isAdmin, isModerator, isRecruiterOnly, resolveActor, type Actor, type ActorRef } from './actor.ts';
import { memberVisibleRef, type Visibility } from './members.ts';
import { canManageCatalog, canManageCompany, membershipOf, type Tx } from './companies.ts';
import { directPermission } from './messaging.ts';

/**
 * THE registry of named permissions: every "may this actor do that" of the platform is one entry
 * here, and domains ask `can` / `requirePermission` by name. Deny by default: an unknown name, a
 * rule that answers anything but `true`, or a rule that throws is a refusal.
 * tests/integration/access-matrix.test.ts holds the expected answer of every entry for every kind
 * of actor and fails for an entry it has no rows for.
 *
 * A rule receives the actor (roles loaded), the resource (an id or a row the caller already has)
 * and the database (a transaction when the caller holds one). `refuse` builds the error
 * `requirePermission` throws; by default `unauthenticated` for a visitor (a login would help),
 * `forbidden` for a member.
 */
interface Permission<R> {
	rule: (actor: Actor, resource: R, db: Tx) => boolean | Promise<boolean>;
	refuse?: (actor: Actor) => DomainError;
}

const define = <R = undefined>(permission: Permission<R>) => permission;
const memberOnly = (actor: Actor): actor is NonNullable<Actor> => actor !== null;

/** A 1:1 conversation's other member, and who started it (a reply is always allowed). */
export interface DirectTarget {
	memberId: string;
	startedBy?: string | null;
}

export const PERMISSIONS = {
	/** see a member's profile, card or presence */
	'member.view': define<string | Visibility>({
		rule: (actor, member) => memberVisibleRef(actor, member),
		refuse: (actor) => notFound(actor ? 'profiles.error.not_found' : 'profiles.error.not_found_visitor')
	}),
	/** search the member directory (/search, /api/v1/providers) */
	'directory.search': define({ rule: (actor) => !isRecruiterOnly(actor), refuse: () => forbidden() }),
	/** edit a member's profile (resource: the member's id): the member alone */
	'profile.edit': define<string>({ rule: (actor, memberId) => actor?.memberId === memberId }),
	/** edit a company, answer its join requests, grant roles (resource: company id) */
	'company.manage': define<string>({
		rule: async (actor, companyId, db) => memberOnly(actor) && canManageCompany(await membershipOf(db, companyId, actor.memberId)),
		refuse: (actor) => (actor ? forbidden('companies.error.admin_only') : unauthenticated())
	}),
	/** publish the company's catalog (resource: company id) */
	'company.catalog.manage': define<string>({
		rule: async (actor, companyId, db) => memberOnly(actor) && canManageCatalog(await membershipOf(db, companyId, actor.memberId)),
		refuse: (actor) => (actor ? forbidden('companies.error.catalog_forbidden') : unauthenticated())
	}),
	/** write 1:1 to a member (resource: the other member) */
	'conversation.write': define<DirectTarget>({
		rule: async (actor, target) => memberOnly(actor) && (await directPermission(actor.memberId, target.memberId, target.startedBy ?? null)).allowed
	}),
	/** enter the video rooms at all; each room's lobby rules (rooms/policy.ts) decide enter / knock */
	'room.enter': define({ rule: (actor) => memberOnly(actor) }),
	/** read the reports queue (/admin/reports) */
	'report.read': define({ rule: (actor) => isModerator(actor) }),
	/** resolve or dismiss a report */
	'report.handle': define({ rule: (actor) => isModerator(actor) }),
	/** the SFU's figures (/admin/media) */
	'media.stats.read': define({ rule: (actor) => isAdmin(actor) }),
	/** the development mail outbox (/dev/outbox) without being on the server's machine */
	'dev.outbox.read': define({ rule: (actor) => isAdmin(actor), refuse: () => notFound() }),
	/** change another member's roles or account (administration) */
	'member.administer': define<string>({ rule: (actor, memberId) => isAdmin(actor) && actor!.memberId !== memberId }),
	// ── privacy, statistics and graduate surveys (src/lib/server/privacy, statistics, surveys) ──
	/** download everything Relais holds about a member (resource: the member's id): the member, or an administrator */
	'member.data.export': define<string>({ rule: (actor, memberId) => actor?.memberId === memberId || isAdmin(actor) }),
	/** erase a member's account and personal data (resource: the member's id): the member, or an administrator */
	'member.erase': define<string>({ rule: (actor, memberId) => actor?.memberId === memberId || isAdmin(actor) }),
	/** the statistics tab and the questionnaire export */
	'statistics.read': define({ rule: (actor) => isAdmin(actor) }),
	/** graduate surveys: certifications, waves, results and their export */
	'surveys.manage': define({ rule: (actor) => isAdmin(actor) })
} as const;

export type PermissionName = keyof typeof PERMISSIONS;
type Entry<P extends PermissionName> = (typeof PERMISSIONS)[P];
export type ResourceOf<P extends PermissionName> = Entry<P> extends Permission<infer R> ? R : never;
type ResourceArgs<P extends PermissionName> = undefined extends ResourceOf<P> ? [resource?: ResourceOf<P>, options?: CheckOptions] : [resource: ResourceOf<P>, options?: CheckOptions];

export interface CheckOptions {
	/** the caller's transaction, so that rules read what it locked */
	tx?: Tx;
}

export function isPermission(name: string): name is PermissionName {
	return Object.hasOwn(PERMISSIONS, name);
}

async function decide(actor: Actor, name: string, resource: unknown, options: CheckOptions = {}): Promise<boolean> {
	if (!isPermission(name)) return false;
	const entry = PERMISSIONS[name] as Permission<unknown>;
	try {
		return (await entry.rule(actor, resource, options.tx ?? context().db)) === true;
	} catch {
		return false;
	}
}

/** Does the actor have this permission (on this resource)? Never throws: deny by default. */
export async function can<P extends PermissionName>(actor: ActorRef, permission: P, ...[resource, options]: ResourceArgs<P>): Promise<boolean> {
	try {
		return await decide(await resolveActor(actor), permission, resource, options);
	} catch {
		return false;
	}
}

/**
 * The actor must have this permission, else the entry's refusal (`unauthenticated` for a visitor
 * where a login would help, `forbidden` or `not_found` otherwise). Returns the resolved actor.
 */
export async function requirePermission<P extends PermissionName>(actor: ActorRef, permission: P, ...[resource, options]: ResourceArgs<P>): Promise<Actor> {
	const resolved = await resolveActor(actor);
	if (await decide(resolved, permission, resource, options)) return resolved;
	const entry = (isPermission(permission) ? PERMISSIONS[permission] : {}) as Permission<unknown>;
	throw entry.refuse ? entry.refuse(resolved) : resolved ? forbidden() : unauthenticated();
}
