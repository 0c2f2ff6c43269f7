import type { PrivacyContributor } from '../contributor.ts';

/** News, ads and job offers the member wrote (with their photos), and those addressed to them. */
export const publications: PrivacyContributor = {
	name: 'publications',
	models: ['Publication', 'PublicationRecipient', 'FeedEntry', 'KeywordAlert'],
	async export(memberId, tx) {
		return {
			written: await tx.publication.findMany({
				where: { authorId: memberId },
				include: { jobOffer: true, company: { select: { title: true, slug: true } } },
				orderBy: { publishedAt: 'asc' }
			}),
			addressedToMe: await tx.publicationRecipient.count({ where: { memberId } }),
			keywordAlerts: await tx.keywordAlert.findMany({ where: { memberId } })
		};
	},
	// the member's publications go with the account (Cascade), their photos after commit
	erase: async () => {},
	async files(memberId, tx) {
		return (await tx.publication.findMany({ where: { authorId: memberId }, select: { photos: true } })).flatMap((p) => p.photos);
	}
};
