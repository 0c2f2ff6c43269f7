import { unauthenticated } from '../errors.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/** A signed-in member or nobody. Every notification function checks it first: deny by default. */
export type Actor = { memberId: string } | null;
export type Tx = Prisma.TransactionClient;

export function requireMember(actor: Actor): string {
	if (!actor) throw unauthenticated();
	return actor.memberId;
}

/** The only rows a member may read or mark: their own. */
export const ownedBy = (memberId: string) => ({ recipientId: memberId }) satisfies Prisma.NotificationWhereInput;
