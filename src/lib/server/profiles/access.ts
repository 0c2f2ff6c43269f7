import { unauthenticated } from '../errors.ts';
import { PROVIDER_CATEGORIES, type Category } from '../../categories.ts';
import type { Actor } from '../auth/accounts.ts';

export type { Actor };

/** The acting member's id, or `unauthenticated` for a visitor. */
export function requireMember(actor: Actor): string {
	if (!actor) throw unauthenticated();
	return actor.memberId;
}

export interface Visibility {
	id: string;
	status: 'pending' | 'active' | 'deactivated';
	visibleInDirectory: boolean;
	category: Category;
}

export function isProvider(category: Category): boolean {
	return PROVIDER_CATEGORIES.includes(category);
}

/**
 * Who may see a member's profile: the member always; nobody else unless the member is active and
 * chose to appear in the directory; then providers are public and other members need a login.
 */
export function canViewMember(actor: Actor, member: Visibility): boolean {
	if (actor?.memberId === member.id) return true;
	if (member.status !== 'active' || !member.visibleInDirectory) return false;
	return isProvider(member.category) || actor !== null;
}
