import type { Prisma } from '../generated/prisma/client.ts';
import type { CompanyRole, CompanyMembershipStatus } from '../generated/prisma/enums.ts';

/**
 * Company roles (employee → advertiser → admin) stay on the membership of ONE company; these are
 * the rules the registry's `company.*` permissions apply to it. Never a platform role.
 */
export type Tx = Prisma.TransactionClient;

export interface Membership {
	role: CompanyRole;
	status: CompanyMembershipStatus;
}

export function canManageCompany(m: Membership | null | undefined): boolean {
	return m?.status === 'active' && m.role === 'admin';
}

/** PROETHEEC: advertisers publish the catalog for the company. */
export function canManageCatalog(m: Membership | null | undefined): boolean {
	return m?.status === 'active' && (m.role === 'admin' || m.role === 'advertiser');
}

export async function membershipOf(tx: Tx, companyId: string, memberId: string): Promise<Membership | null> {
	return tx.companyMembership.findUnique({ where: { companyId_memberId: { companyId, memberId } }, select: { role: true, status: true } });
}
