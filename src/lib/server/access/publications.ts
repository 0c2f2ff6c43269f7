import type { Prisma } from '../generated/prisma/client.ts';
import { isModerator, type Actor } from './actor.ts';

/**
 * Who may read a publication (news, offer, demand, job offer) — the ONE copy of the rule, used by
 * the feed, the public tabs, search, alerts, the API and the job board alike (PROETHEEC help points
 * 8, 9, 11). Private audiences are read LIVE from the relations tables: a member removed from a
 * contact group or from the author's contacts after publication stops seeing it at once.
 *
 * - its author always (the author's own list shows every state);
 * - moderators see hidden, pending and refused ones (the queues);
 * - everyone else: published, not hidden, not expired, by an active author, and in the audience —
 *   public: anyone · members: any logged-in member · contacts: the author's contacts ·
 *   selected: chosen contacts (still contacts) and members of the chosen groups.
 */
export function publicationVisibleWhere(actor: Actor, now: Date): Prisma.PublicationWhereInput {
	const live: Prisma.PublicationWhereInput = {
		state: 'published',
		hiddenAt: null,
		OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
		// a deactivated (or erased) author's posts go with their profile
		author: { status: 'active' }
	};
	if (!actor) return { ...live, audience: 'public' };
	const me = actor.memberId;
	const inAudience: Prisma.PublicationWhereInput[] = [
		{ audience: 'public' },
		{ audience: 'members' },
		{ audience: 'contacts', author: { contactsOwned: { some: { otherId: me } } } },
		{
			audience: 'selected',
			OR: [
				{ recipients: { some: { memberId: me } }, author: { contactsOwned: { some: { otherId: me } } } },
				// group entries exist only for the owner's contacts (the foreign key cascades on removal)
				{ groups: { some: { group: { entries: { some: { memberId: me } } } } } }
			]
		}
	];
	// moderators read everything (queues, hidden posts). An empty `{}` pushed into the OR below matched
	// nothing in Prisma (the moderator could not open a hidden post): answer "no condition" outright.
	if (isModerator(actor)) return {};
	return { OR: [{ authorId: me }, { AND: [live, { OR: inAudience }] }] };
}

/** What `publicationVisible` needs to decide on one row already loaded. */
export interface PublicationVisibility {
	id: string;
	authorId: string;
	audience: 'public' | 'members' | 'contacts' | 'selected';
	state: string;
	hiddenAt: Date | null;
	expiresAt: Date | null;
}

/** True when the row is public and live: what a visitor, a share preview or an alert may show. */
export function publicationPublic(row: PublicationVisibility, now: Date): boolean {
	return row.audience === 'public' && row.state === 'published' && !row.hiddenAt && (!row.expiresAt || row.expiresAt > now);
}
