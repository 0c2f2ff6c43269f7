import type { Prisma } from '../generated/prisma/client.ts';

/** A signed-in member or nobody. Every notification function checks it first: deny by default. */
export { requireMember, type ActorRef as Actor } from '../access/index.ts';
export type Tx = Prisma.TransactionClient;

/** The only rows a member may read or mark: their own. */
export const ownedBy = (memberId: string) => ({ recipientId: memberId }) satisfies Prisma.NotificationWhereInput;
