import type { Actor } from '../auth/accounts.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { CompanyRole, CompanyMembershipStatus } from '../generated/prisma/enums.ts';
import { forbidden, notFound, unauthenticated } from '../errors.ts';
import { slugInput } from './inputs.ts';

/**
 * Who may do what on a company — the one place these rules live. Deny by default: every check
 * reads the actor's membership of THIS company (per record), never a global role.
 *
 *   visitor            read the public page
 *   member             follow, ask to join, cancel own request, leave
 *   active advertiser  + manage the catalog (PROETHEEC: advertisers publish for the company)
 *   active admin       + edit the company, answer join requests, grant roles, remove people
 */
export type Tx = Prisma.TransactionClient;

export interface Membership {
	role: CompanyRole;
	status: CompanyMembershipStatus;
}

export type { Actor };

export function requireMember(actor: Actor): string {
	if (!actor) throw unauthenticated();
	return actor.memberId;
}

export function canManageCompany(m: Membership | null | undefined): boolean {
	return m?.status === 'active' && m.role === 'admin';
}

export function canManageCatalog(m: Membership | null | undefined): boolean {
	return m?.status === 'active' && (m.role === 'admin' || m.role === 'advertiser');
}

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

export async function membershipOf(tx: Tx, companyId: string, memberId: string): Promise<Membership | null> {
	return tx.companyMembership.findUnique({ where: { companyId_memberId: { companyId, memberId } }, select: { role: true, status: true } });
}

export async function requireCompanyAdmin(tx: Tx, actor: Actor, companyId: string): Promise<string> {
	const memberId = requireMember(actor);
	if (!canManageCompany(await membershipOf(tx, companyId, memberId))) throw forbidden('companies.error.admin_only');
	return memberId;
}

export async function requireCatalogManager(tx: Tx, actor: Actor, companyId: string): Promise<string> {
	const memberId = requireMember(actor);
	if (!canManageCatalog(await membershipOf(tx, companyId, memberId))) throw forbidden('companies.error.catalog_forbidden');
	return memberId;
}

export async function activeAdminCount(tx: Tx, companyId: string): Promise<number> {
	return tx.companyMembership.count({ where: { companyId, role: 'admin', status: 'active' } });
}
