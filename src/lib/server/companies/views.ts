import { context } from '../context.ts';
import { notFound } from '../errors.ts';
import { mediaUrl } from '../uploads/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { canManageCatalog, canManageCompany, companySlugOf, requireCatalogManager, requireCompanyAdmin, type Actor } from './access.ts';

/** What the company pages read: public page, admin page, catalog page. Writes live beside. */

const publicFields = {
	id: true,
	slug: true,
	legalName: true,
	title: true,
	description: true,
	siret: true,
	nafCode: true,
	sector: true,
	address: true,
	postcode: true,
	city: true,
	country: true,
	phone: true,
	fax: true,
	contactEmail: true,
	website: true,
	logoPath: true,
	keywords: true,
	createdAt: true
} satisfies Prisma.CompanySelect;

const person = { slug: true, firstName: true, lastName: true, photoPath: true } satisfies Prisma.MemberSelect;

function personView(m: { slug: string; firstName: string; lastName: string; photoPath: string | null }) {
	return { slug: m.slug, name: `${m.firstName} ${m.lastName}`.trim(), photoUrl: mediaUrl(m.photoPath) };
}

function catalogView(item: { id: string; reference: string | null; name: string; description: string | null; priceCents: number | null; unit: string | null; photos: string[] }) {
	return {
		id: item.id,
		reference: item.reference,
		name: item.name,
		description: item.description,
		priceCents: item.priceCents,
		unit: item.unit,
		photos: item.photos.flatMap((name) => {
			const url = mediaUrl(name);
			return url ? [{ name, url }] : [];
		})
	};
}

const catalogOrder: Prisma.CatalogItemOrderByWithRelationInput[] = [{ position: 'asc' }, { createdAt: 'asc' }];

async function findCompany(slug: unknown) {
	const company = await context().db.company.findUnique({ where: { slug: companySlugOf(slug) }, select: publicFields });
	if (!company) throw notFound('companies.error.not_found');
	return company;
}

/**
 * The public company page: its public fields (the contact email is the company's public
 * contact), employees who are active and listed in the directory, the catalog, the follower count,
 * and what the viewer may do.
 */
export async function companyPage(actor: Actor, slug: unknown) {
	const { db } = context();
	const company = await findCompany(slug);
	const [employees, catalog, followers, mine, follow] = await Promise.all([
		db.companyMembership.findMany({
			where: { companyId: company.id, status: 'active', member: { status: 'active', visibleInDirectory: true } },
			orderBy: [{ role: 'desc' }, { member: { lastName: 'asc' } }, { member: { firstName: 'asc' } }],
			select: { role: true, jobTitle: true, member: { select: person } }
		}),
		db.catalogItem.findMany({ where: { companyId: company.id }, orderBy: catalogOrder }),
		db.follow.count({ where: { followedCompanyId: company.id } }),
		actor ? db.companyMembership.findUnique({ where: { companyId_memberId: { companyId: company.id, memberId: actor.memberId } }, select: { role: true, status: true, jobTitle: true } }) : null,
		actor ? db.follow.findUnique({ where: { followerId_followedCompanyId: { followerId: actor.memberId, followedCompanyId: company.id } }, select: { id: true } }) : null
	]);
	return {
		company: { ...company, logoUrl: mediaUrl(company.logoPath) },
		employees: employees.map((e) => ({ ...personView(e.member), role: e.role, jobTitle: e.jobTitle })),
		catalog: catalog.map(catalogView),
		followers,
		viewer: {
			member: Boolean(actor),
			following: Boolean(follow),
			membership: mine,
			canManage: canManageCompany(mine),
			canManageCatalog: canManageCatalog(mine)
		}
	};
}

/** The admin page: the company as its form shows it, pending join requests and every active member. */
export async function companyAdminView(actor: Actor, slug: unknown) {
	const { db } = context();
	const company = await findCompany(slug);
	const viewerId = await requireCompanyAdmin(db, actor, company.id);
	const memberships = await db.companyMembership.findMany({
		where: { companyId: company.id },
		orderBy: [{ role: 'desc' }, { member: { lastName: 'asc' } }, { member: { firstName: 'asc' } }],
		select: { memberId: true, role: true, status: true, jobTitle: true, createdAt: true, member: { select: person } }
	});
	const view = (m: (typeof memberships)[number]) => ({ memberId: m.memberId, ...personView(m.member), role: m.role, jobTitle: m.jobTitle, since: m.createdAt, self: m.memberId === viewerId });
	const members = memberships.filter((m) => m.status === 'active').map(view);
	return {
		company: { ...company, logoUrl: mediaUrl(company.logoPath) },
		requests: memberships.filter((m) => m.status === 'requested').sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map(view),
		members,
		adminCount: members.filter((m) => m.role === 'admin').length
	};
}

/** The catalog page of admins and advertisers. */
export async function catalogAdminView(actor: Actor, slug: unknown) {
	const { db } = context();
	const company = await findCompany(slug);
	await requireCatalogManager(db, actor, company.id);
	const items = await db.catalogItem.findMany({ where: { companyId: company.id }, orderBy: catalogOrder });
	const mine = actor ? await db.companyMembership.findUnique({ where: { companyId_memberId: { companyId: company.id, memberId: actor.memberId } }, select: { role: true, status: true } }) : null;
	return { company: { slug: company.slug, title: company.title }, items: items.map(catalogView), canManage: canManageCompany(mine) };
}
