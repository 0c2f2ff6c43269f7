import { context } from '../context.ts';
import type { Delivery, OutboxDispatcher, OutboxEventMap } from '../outbox/index.ts';
import { notify, publishUnread } from '../notifications/index.ts';
import type { NotificationType } from '../notifications/index.ts';
import './events.ts';
import { fanOutPublications } from './fanout.ts';

type Published = OutboxEventMap['publication.published'];
type Tx = Delivery['tx'];

/**
 * Who a new publication reaches, read at delivery time from the same tables as the visibility rule:
 * - `addressed`: a private ad's audience — all the author's contacts, or the chosen contacts (still
 *   contacts) and the members of the chosen groups (PROETHEEC help point 11);
 * - `followers`: for public and members-only posts, the followers of the author and, for a company
 *   post, of the company (help point 7). Being a contact is not following (help point 8).
 */
export async function publicationAudience(tx: Tx, e: Published): Promise<{ addressed: string[]; followers: string[] }> {
	if (e.audience === 'contacts') {
		const rows = await tx.contact.findMany({ where: { ownerId: e.authorId }, select: { otherId: true } });
		return { addressed: rows.map((r) => r.otherId), followers: [] };
	}
	if (e.audience === 'selected') {
		const rows = await tx.$queryRaw<{ id: string }[]>`
			SELECT r."memberId" AS id FROM "PublicationRecipient" r
			  JOIN "Contact" c ON c."ownerId" = ${e.authorId}::uuid AND c."otherId" = r."memberId"
			 WHERE r."publicationId" = ${e.publicationId}::uuid
			UNION
			SELECT gm."memberId" FROM "PublicationGroup" g JOIN "ContactGroupMember" gm ON gm."groupId" = g."groupId"
			 WHERE g."publicationId" = ${e.publicationId}::uuid`;
		return { addressed: rows.map((r) => r.id), followers: [] };
	}
	const rows = await tx.follow.findMany({
		where: { OR: [{ followedMemberId: e.authorId }, ...(e.companyId ? [{ followedCompanyId: e.companyId }] : [])] },
		select: { followerId: true }
	});
	return { addressed: [], followers: [...new Set(rows.map((r) => r.followerId))] };
}

async function names(tx: Tx, e: Published) {
	const [author, company, post] = await Promise.all([
		tx.member.findUnique({ where: { id: e.authorId }, select: { firstName: true, lastName: true, slug: true } }),
		e.companyId ? tx.company.findUnique({ where: { id: e.companyId }, select: { title: true, slug: true } }) : null,
		tx.publication.findUnique({ where: { id: e.publicationId }, select: { title: true, state: true } })
	]);
	return {
		post,
		data: {
			actorName: author ? `${author.firstName} ${author.lastName}${company ? ` (${company.title})` : ''}` : undefined,
			actorSlug: author?.slug,
			companyName: company?.title,
			companySlug: company?.slug,
			title: post?.title,
			publicationId: e.publicationId
		}
	};
}

export function registerPublicationSubscribers(dispatcher: OutboxDispatcher): void {
	// the home feeds it enters (fan-out on write), in the delivery's transaction: before the banner
	dispatcher.subscribe('publication.published', 'publications.feed', async (e, delivery) => {
		await fanOutPublications(delivery.tx, [e.publicationId]);
	});
	// notifications: the private ad's recipients (e-mail by default: "messagerie interne et externe"),
	// followers grouped per author or company
	dispatcher.subscribe('publication.published', 'publications.notify', async (e, delivery) => {
		const { post, data } = await names(delivery.tx, e);
		if (!post || post.state !== 'published') return;
		const { addressed, followers } = await publicationAudience(delivery.tx, e);
		const told = new Set<string>();
		const send = async (recipientId: string, type: NotificationType, groupKey: string | null) => {
			const result = await notify(
				delivery.tx,
				{ recipientId, type, actorId: e.authorId, object: { type: 'publication', id: e.publicationId }, data, groupKey, sourceKey: `publication.published:${delivery.eventId}:${recipientId}` },
				delivery.createdAt
			);
			if (result.created) told.add(recipientId);
		};
		for (const id of addressed) await send(id, 'publication.addressed', null);
		for (const id of followers) await send(id, 'publication.followed', `publications:${e.companyId ?? e.authorId}`);
		if (told.size) delivery.afterCommit(() => Promise.all([...told].map(publishUnread)).then(() => undefined));
	});
	// the live banner: every open tab of those whose feed it entered
	dispatcher.subscribe(
		'publication.published',
		'publications.live',
		async (e, delivery) => {
			const { addressed, followers } = await publicationAudience(delivery.tx, e);
			const memberIds = [...new Set([...addressed, ...followers])].filter((id) => id !== e.authorId);
			if (memberIds.length) context().events.emit('publication.arrived', { publicationId: e.publicationId, memberIds });
		},
		{ afterCommit: true }
	);
}
