import type { Prisma } from '../generated/prisma/client.ts';
import type { MessageKey } from '../../i18n/index.ts';

export type Tx = Prisma.TransactionClient;

/**
 * One domain's share of a member's personal data (GDPR articles 15, 17 and 20). Every Prisma model
 * that refers to Member must be named in the `models` of one contributor:
 * tests/integration/privacy-export.test.ts reads schema.prisma and fails otherwise.
 *
 * Adding a domain is one small file beside the others in ./contributors/ and one line in
 * ./registry.ts:
 *
 * ```ts
 * export const mentoring: PrivacyContributor = {
 *   name: 'mentoring',
 *   models: ['Mentorship'],
 *   export: (memberId, tx) => tx.mentorship.findMany({ where: { OR: [{ mentorId: memberId }, { menteeId: memberId }] } }),
 *   // rows that point at the member with onDelete: Cascade go with the account; say what else to do here
 *   erase: async () => {}
 * };
 * ```
 */
export interface PrivacyContributor {
	/** the key of this part in the exported JSON */
	name: string;
	/** the Prisma models (schema.prisma names) whose rows about the member this contributor exports and erases */
	models: readonly string[];
	/** everything this domain holds about the member, as plain JSON-able values */
	export(memberId: string, tx: Tx): Promise<unknown>;
	/**
	 * Erase or anonymise the member's rows of these models. Runs in the erasure transaction, before
	 * the account row is deleted (rows with `onDelete: Cascade` on Member go with it, rows with
	 * `SetNull` stay, detached: erase their personal content here).
	 */
	erase(memberId: string, tx: Tx): Promise<void>;
	/** stored upload names (under the uploads folder) that belong to the member: put in the ZIP, deleted after erasure */
	files?(memberId: string, tx: Tx): Promise<string[]>;
	/** what is kept after erasure and why, shown on the deletion page (message keys) */
	kept?: readonly MessageKey[];
}

/** The member's identity as the contributors need it (e-mail: visitor bookings and mails made before the account). */
export async function memberEmail(tx: Tx, memberId: string): Promise<string> {
	const row = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { email: true } });
	return row.email;
}
