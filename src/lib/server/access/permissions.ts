import { context } from '../context.ts';
import { DomainError, forbidden, notFound, unauthenticated } from '../errors.ts';
import { hasRole, isAdmin, isModerator, isRecruiterOnly, resolveActor, type Actor, type ActorRef } from './actor.ts';
import { memberVisibleRef, type Visibility } from './members.ts';
import { canManageCatalog, canManageCompany, membershipOf, type Tx } from './companies.ts';
import { directPermission } from './messaging.ts';
import { gatheringVisible, hasCurrentDues, isOrganiser, managesGathering, spaceAllowsByDues } from './gatherings.ts';

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

	// ── mentoring and blog (src/lib/server/mentoring, src/lib/server/blog) ──
	/** the mentoring space: find and ask a mentor, opt in as one, "Mes parrainages" — members, never a recruiter only */
	'mentoring.use': define({ rule: (actor) => memberOnly(actor) && !isRecruiterOnly(actor) }),
	/** read the published blog ("Actualité": /blog, its feed, "À la une"): anyone, logged in or not */
	'blog.read': define({ rule: () => true }),
	/** write, schedule, edit and delete articles, see drafts: administrators and members with the editor role */
	'blog.write': define({ rule: (actor) => isAdmin(actor) || hasRole(actor, 'editor') }),
	/** give or take back the editor role: administrators */
	'blog.editor.grant': define({ rule: (actor) => isAdmin(actor) }),
	// ── administration (src/lib/server/admin) ──
	/** the CRM list, "Ajouter un utilisateur", imports, bulk actions, exports, reminders, platform settings */
	'admin.members.manage': define({ rule: (actor) => isAdmin(actor), refuse: (actor) => (actor ? forbidden() : unauthenticated()) }),
	/** the registration moderation queue (approve / refuse self sign-ups) */
	'admin.registrations.moderate': define({ rule: (actor) => isModerator(actor), refuse: (actor) => (actor ? forbidden() : unauthenticated()) }),
	/** invite clients, prospects or supporters to join (member-to-member invitations, PROETHEEC point 6) */
	'invitation.send': define({ rule: (actor) => memberOnly(actor) }),
	// --- job board (src/lib/server/careers); recruiters are members here: they see and post offers ---
	/** post a job offer ("Déposer une offre"): any active member, recruiter-only ones included */
	'careers.post': define({ rule: (actor) => memberOnly(actor) }),
	/** post an offer in a company's name (resource: company id): its active admins and advertisers */
	'careers.company.post': define<string>({
		rule: async (actor, companyId, db) => memberOnly(actor) && canManageCatalog(await membershipOf(db, companyId, actor.memberId)),
		refuse: (actor) => (actor ? forbidden('careers.error.company_forbidden') : unauthenticated())
	}),
	/** edit, withdraw, delete an offer and read its applications (resource: the offer's author and company): its author; the company's admins for a company offer */
	'careers.offer.manage': define<CareersOfferRef>({
		rule: async (actor, offer, db) =>
			memberOnly(actor) && (offer.authorId === actor.memberId || (!!offer.companyId && canManageCompany(await membershipOf(db, offer.companyId, actor.memberId)))),
		refuse: (actor) => (actor ? forbidden('careers.error.not_author') : unauthenticated())
	}),
	/** apply to an offer, choose the weekly alert: any active member */
	'careers.apply': define({ rule: (actor) => memberOnly(actor) }),
	/** the moderators' queue of offers, every archived offer and their export */
	'careers.moderate': define({ rule: (actor) => isModerator(actor) }),
	/** the board's settings ("les offres doivent être validées") */
	'careers.settings': define({ rule: (actor) => isAdmin(actor) }),
	// ── publications (src/lib/server/publications) ──
	/** publish news or an ad in a company's name (resource: company id): its ACTIVE advertisers and admins only */
	'publication.company.publish': define<string>({
		rule: async (actor, companyId, db) => memberOnly(actor) && canManageCatalog(await membershipOf(db, companyId, actor.memberId)),
		refuse: (actor) => (actor ? forbidden('publications.error.company_forbidden') : unauthenticated())
	}),
	/**
	 * edit, close or delete a publication (resource: its author and company): its author — for a company
	 * post, while still an active advertiser or admin of it — and the company's active admins
	 */
	'publication.manage': define<PublicationOwner>({
		rule: async (actor, post, db) => {
			if (!memberOnly(actor)) return false;
			if (!post.companyId) return post.authorId === actor.memberId;
			const membership = await membershipOf(db, post.companyId, actor.memberId);
			return canManageCompany(membership) || (post.authorId === actor.memberId && canManageCatalog(membership));
		},
		refuse: (actor) => (actor ? forbidden('publications.error.manage_forbidden') : unauthenticated())
	}),
	/** hide or show again a publication (reports): moderators and administrators */
	'publication.hide': define({ rule: (actor) => isModerator(actor) }),
	/** report a publication to the moderators: any member */
	'publication.report': define({ rule: (actor) => memberOnly(actor) }),
	// ── association events and dues (access/gatherings.ts) ──
	/** see an event (resource: its id): its audience, its creator, administrators */
	'gathering.view': define<string>({ rule: (actor, id, db) => gatheringVisible(actor, id, db), refuse: (actor) => (actor ? notFound('gatherings.error.not_found') : unauthenticated()) }),
	/** create events: administrators and the members they made organisers */
	'gathering.create': define({ rule: (actor, _none, db) => isOrganiser(actor, db) }),
	/** manage an event (resource: its id): attendees, CSV, check-in, payments on the spot, cancel */
	'gathering.manage': define<string>({ rule: (actor, id, db) => managesGathering(actor, id, db), refuse: (actor) => (actor ? notFound('gatherings.error.not_found') : unauthenticated()) }),
	/** edit an event after its creation (resource: its id): its organiser (the creator) and administrators */
	'gathering.edit': define<string>({ rule: (actor, id, db) => managesGathering(actor, id, db), refuse: (actor) => (actor ? notFound('gatherings.error.not_found') : unauthenticated()) }),
	/** make a member an organiser, define membership plans, record dues paid otherwise, reserve spaces */
	'membership.administer': define({ rule: (actor) => isAdmin(actor) }),
	/** the actor's dues are current ("membre cotisant") */
	'membership.current': define({ rule: (actor, _none, db) => hasCurrentDues(actor, new Date(), db), refuse: (actor) => (actor ? forbidden('membership.error.dues_required') : unauthenticated()) }),
	/** check students' enrolment certificates (moderators and administrators) */
	'membership.certificate.review': define({ rule: (actor) => isModerator(actor) }),
	/** use a space (resource: its key, e.g. `careers`) as far as dues go: open to members unless reserved to cotisants */
	'membership.space': define<string>({ rule: (actor, space, db) => spaceAllowsByDues(actor, space, new Date(), db), refuse: (actor) => (actor ? forbidden('membership.error.dues_required') : unauthenticated()) }),
	// ── cooperative referencing (src/lib/server/referencing) ──
	/** read a cooperative record: approved ones are public; a draft, pending or refused one only its owner and the moderators */
	'cooperative.view': define<{ status: string; ownerId: string | null }>({
		rule: (actor, r) => r.status === 'approved' || (memberOnly(actor) && (r.ownerId === actor.memberId || isModerator(actor))),
		refuse: () => notFound('referencing.error.no_record')
	}),
	/** fill in / update a cooperative record: its owner alone */
	'cooperative.edit': define<{ ownerId: string | null }>({ rule: (actor, r) => memberOnly(actor) && r.ownerId === actor.memberId }),
	/** approve, send back or refuse submitted cooperative records */
	'cooperative.moderate': define({ rule: (actor) => isModerator(actor) }),
	/** pre-register cooperatives (one by one or CSV) */
	'cooperative.preregister': define({ rule: (actor) => isAdmin(actor) }),
	/** saved searches and favourite cooperatives: buyers and cooperatives */
	'referencing.use': define({ rule: (actor) => hasRole(actor, 'buyer') || hasRole(actor, 'cooperative') }),
	/** send a consultation (request for quote): buyers and cooperatives */
	'consultation.send': define({ rule: (actor) => hasRole(actor, 'buyer') || hasRole(actor, 'cooperative') }),
	/** read a consultation: its sender and the owners of its recipients' records */
	'consultation.view': define<{ senderId: string; recipientOwnerIds: string[] }>({
		rule: (actor, c) => memberOnly(actor) && (c.senderId === actor.memberId || c.recipientOwnerIds.includes(actor.memberId)),
		refuse: (actor) => (actor ? notFound('referencing.error.not_found') : unauthenticated())
	}),
	/** cancel or extend a consultation: its sender */
	'consultation.manage': define<{ senderId: string }>({ rule: (actor, c) => memberOnly(actor) && c.senderId === actor.memberId }),
	/** answer (quote or decline) as a recipient: the owner of the recipient record */
	'consultation.answer': define<{ ownerId: string | null }>({ rule: (actor, r) => memberOnly(actor) && r.ownerId === actor.memberId }),
	/** read a quote: the consultation's sender (the buyer) — and its author — never the other recipients */
	'consultation.quote.view': define<{ senderId: string; authorId: string }>({
		rule: (actor, q) => memberOnly(actor) && (q.senderId === actor.memberId || q.authorId === actor.memberId),
		refuse: () => notFound('referencing.error.not_found')
	}),
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

/** A job offer as `careers.offer.manage` needs it: who posted it, and in which company's name. */
export interface CareersOfferRef {
	authorId: string;
	companyId: string | null;
}

/** Who owns a publication, for `publication.manage`. */
export interface PublicationOwner {
	authorId: string;
	companyId: string | null;
}

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
