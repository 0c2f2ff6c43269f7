import type { PrivacyContributor } from '../contributor.ts';

/** Company memberships and the company pages the member created (the page stays: it belongs to the company). */
export const companies: PrivacyContributor = {
	name: 'companies',
	models: ['CompanyMembership', 'Company'],
	async export(memberId, tx) {
		return {
			memberships: await tx.companyMembership.findMany({
				where: { memberId },
				select: { role: true, status: true, jobTitle: true, createdAt: true, company: { select: { title: true, slug: true } } }
			}),
			created: await tx.company.findMany({ where: { createdById: memberId }, select: { title: true, slug: true, createdAt: true } })
		};
	},
	// memberships cascade; Company.createdBy is set to null (the page belongs to the company, not to its creator)
	erase: async () => {},
	kept: ['privacy.kept.companies']
};
