import { invalid } from '../errors.ts';
import type { Prisma } from '../generated/prisma/client.ts';

type Tx = Prisma.TransactionClient;

/** Who a publication goes to, as its author chose it (PROETHEEC help points 8, 9, 11). */
export interface AudienceChoice {
	audience: 'public' | 'members' | 'contacts' | 'selected';
	/** `selected`: chosen contacts */
	recipientIds?: readonly string[];
	/** `selected`: the author's contact groups */
	groupIds?: readonly string[];
}

/**
 * Checks a private audience against the author's relations and returns what to store: chosen
 * recipients must be the author's contacts, groups the author's own groups, and `selected` needs
 * at least one of them. Shared by every door that publishes (publications, the job board).
 * The field errors name `recipients` / `groups`; the messages live in the relations area.
 */
export async function resolveAudience(tx: Tx, authorId: string, choice: AudienceChoice) {
	if (choice.audience !== 'selected') return { audience: choice.audience, recipientIds: [] as string[], groupIds: [] as string[] };
	const recipientIds = [...new Set(choice.recipientIds ?? [])];
	const groupIds = [...new Set(choice.groupIds ?? [])];
	if (recipientIds.length === 0 && groupIds.length === 0) throw invalid('relations.error.audience_empty', { recipients: 'relations.error.audience_empty' });
	const [contacts, groups] = await Promise.all([
		recipientIds.length ? tx.contact.count({ where: { ownerId: authorId, otherId: { in: recipientIds } } }) : 0,
		groupIds.length ? tx.contactGroup.count({ where: { ownerId: authorId, id: { in: groupIds } } }) : 0
	]);
	if (contacts !== recipientIds.length) throw invalid('relations.error.audience_not_contact', { recipients: 'relations.error.audience_not_contact' });
	if (groups !== groupIds.length) throw invalid('relations.error.group_not_found', { groups: 'relations.error.group_not_found' });
	return { audience: choice.audience, recipientIds, groupIds };
}
