import { context } from '../context.ts';
import { PROVIDER_CATEGORIES, type Category } from '../../categories.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { isRecruiterOnly, type Actor } from './actor.ts';

/** What "may this actor see this member" needs to know about the member. */
export interface Visibility {
	id: string;
	status: 'pending' | 'active' | 'deactivated';
	visibleInDirectory: boolean;
	category: Category | string;
}

export const visibilitySelect = { id: true, status: true, visibleInDirectory: true, category: true } satisfies Prisma.MemberSelect;

export function isProvider(category: Category | string): boolean {
	return (PROVIDER_CATEGORIES as readonly string[]).includes(category);
}

/** Providers anyone (a visitor too) may see: active, listed in the directory, in a provider category. */
export const listedProviderWhere = {
	status: 'active',
	visibleInDirectory: true,
	category: { in: [...PROVIDER_CATEGORIES] }
} satisfies Prisma.MemberWhereInput;

/**
 * May the actor see this member (profile, presence, card)? The member always; a recruiter-only
 * member nobody else (Datalumni: never profiles); otherwise only active members listed in the
 * directory — providers are public, other members need a login.
 */
export function memberVisible(actor: Actor, member: Visibility): boolean {
	if (actor?.memberId === member.id) return true;
	if (isRecruiterOnly(actor)) return false;
	if (member.status !== 'active' || !member.visibleInDirectory) return false;
	return isProvider(member.category) || actor !== null;
}

/** The batch form, for lists: the rows the actor may see, in their order. */
export function visibleMembers<T extends Visibility>(actor: Actor, rows: readonly T[]): T[] {
	return rows.filter((row) => memberVisible(actor, row));
}

/** `memberVisible` for a member named by id (one query), or a row already loaded. */
export async function memberVisibleRef(actor: Actor, member: string | Visibility): Promise<boolean> {
	const row = typeof member === 'string' ? await context().db.member.findUnique({ where: { id: member }, select: visibilitySelect }) : member;
	return !!row && memberVisible(actor, row);
}
