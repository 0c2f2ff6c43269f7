import { randomUUID } from 'node:crypto';
import { Prisma } from '../generated/prisma/client.ts';
import type { InvitationSendKind } from '../generated/prisma/enums.ts';
import { recordEvent, type Tx } from '../outbox/index.ts';

/**
 * Every invitation mail (first mail, automatic reminder, manual re-invitation) is an
 * InvitationSend row queued in a batch, in the transaction of the change that asks for it; the
 * outbox event `invitation.queued` makes the subscriber enqueue ONE mail job per batch (an import
 * of 10 000 rows is one job, not 10 000), and the job marks each row sent or skipped.
 */
export async function queueSends(tx: Tx, invitationIds: readonly string[], kind: InvitationSendKind, step: number | null = null): Promise<string | null> {
	if (invitationIds.length === 0) return null;
	const batch = randomUUID();
	await tx.$executeRaw(Prisma.sql`
		INSERT INTO "InvitationSend" ("id", "invitationId", "kind", "step", "batch")
		SELECT uuidv7(), i, ${kind}::"InvitationSendKind", ${step}::int, ${batch}::uuid FROM unnest(${[...invitationIds]}::uuid[]) AS i`);
	await recordEvent(tx, 'invitation.queued', { batch, count: invitationIds.length });
	return batch;
}
