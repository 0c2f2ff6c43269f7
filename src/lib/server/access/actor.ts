import { context } from '../context.ts';
import { unauthenticated } from '../errors.ts';
import type { MemberRole } from '../generated/prisma/enums.ts';

/**
 * Who acts: a member with their platform roles, or nobody (a visitor). Transports build it ONCE
 * per request (`actorOf` in src/lib/server/http.ts, from the session) or per socket
 * (`actorOfMember`), so the roles travel with it and no rule reads them again.
 */
export type Role = MemberRole;
export type Actor = { memberId: string; roles: readonly Role[] } | null;

/**
 * What domain functions accept: an Actor, or a bare `{ memberId }` (jobs, older callers, tests) —
 * the access module then loads the roles itself (`resolveActor`) before deciding.
 */
export type ActorRef = { memberId: string; roles?: readonly Role[] } | null;

/** The actor of a logged-in member as the session resolved it (roles included). */
export function actorOfMember(member: { id: string; roles: readonly Role[] } | null | undefined): Actor {
	return member ? { memberId: member.id, roles: member.roles } : null;
}

/** The actor of a member by id, read from the database: nobody unless the account is active. */
export async function loadActor(memberId: string): Promise<Actor> {
	const row = await context().db.member.findUnique({ where: { id: memberId }, select: { roles: true, status: true } });
	return row && row.status === 'active' ? { memberId, roles: row.roles } : null;
}

/** An Actor with its roles: as given, or loaded when the caller only knew the id. */
export async function resolveActor(actor: ActorRef): Promise<Actor> {
	if (!actor) return null;
	if (actor.roles) return { memberId: actor.memberId, roles: actor.roles };
	return loadActor(actor.memberId);
}

/** The acting member's id, or `unauthenticated` for a visitor — the one copy of this rule. */
export function requireMember(actor: ActorRef): string {
	if (!actor) throw unauthenticated();
	return actor.memberId;
}

export function hasRole(actor: Actor, role: Role): boolean {
	return !!actor && actor.roles.includes(role);
}

export const isAdmin = (actor: Actor) => hasRole(actor, 'admin');
/** Moderators validate registrations, job offers, cooperative records and reports; admins may too. */
export const isModerator = (actor: Actor) => hasRole(actor, 'moderator') || isAdmin(actor);

/** Roles that open the community (profiles, directory, mentoring) to a member who is also a recruiter. */
const COMMUNITY_ROLES: readonly Role[] = ['student', 'alumni', 'teacher', 'admin'];

/**
 * A recruiter (Datalumni) who is nothing else in the community: sees home, about, news and the job
 * board — never profiles, the directory or mentoring.
 */
export function isRecruiterOnly(actor: Actor): boolean {
	return hasRole(actor, 'recruiter') && !actor!.roles.some((r) => COMMUNITY_ROLES.includes(r));
}
