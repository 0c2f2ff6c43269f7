import type { Prisma } from '../generated/prisma/client.ts';
import { notFound } from '../errors.ts';
import { requireMember, requirePermission, type ActorRef as Actor } from '../access/index.ts';
import { slugInput } from './inputs.ts';

/**
 * Who may do what on a company. The rules (canManageCompany, canManageCatalog) are the access
 * module's `company.manage` / `company.catalog.manage` permissions; deny by default: every check
 * reads the actor's membership of THIS company (per record), never a platform role.
 *
 *   visitor            read the public page
 *   member             follow, ask to join, cancel own request, leave
 *   active advertiser  + manage the catalog (PROETHEEC: advertisers publish for the company)
 *   active admin       + edit the company, answer join requests, grant roles, remove people
 */
export type Tx = Prisma.TransactionClient;

export type { Actor };
export { canManageCatalog, canManageCompany, membershipOf, requireMember, type Membership } from '../access/index.ts';

/** A slug from a URL: malformed ones name nothing. */
export function companySlugOf(raw: unknown): string {
	const parsed = slugInput.safeParse(raw);
	if (!parsed.success) throw notFound('companies.error.not_found');
	return parsed.data;
}

/**
 * Locks the company row for the rest of the transaction, so membership and catalog changes of
 * one company run one after the other (the "last active admin" rule holds under concurrency).
 */
export async function lockCompany(tx: Tx, rawSlug: unknown): Promise<string> {
	const slug = companySlugOf(rawSlug);
	const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Company" WHERE slug = ${slug} FOR UPDATE`;
	const id = rows[0]?.id;
	if (!id) throw notFound('companies.error.not_found');
	return id;
}

export async function requireCompanyAdmin(tx: Tx, actor: Actor, companyId: string): Promise<string> {
	return requireMember(await requirePermission(actor, 'company.manage', companyId, { tx }));
}

export async function requireCatalogManager(tx: Tx, actor: Actor, companyId: string): Promise<string> {
	return requireMember(await requirePermission(actor, 'company.catalog.manage', companyId, { tx }));
}

export async function activeAdminCount(tx: Tx, companyId: string): Promise<number> {
	return tx.companyMembership.count({ where: { companyId, role: 'admin', status: 'active' } });
}
