import { context } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { memberSearchStale } from '../members/search-sync.ts';
import { recordEvent } from '../outbox/index.ts';
import type { CompanyRole } from '../generated/prisma/enums.ts';
import { joinInput, jobTitleInput, memberTargetInput, roleInput } from './inputs.ts';
import { activeAdminCount, lockCompany, membershipOf, requireCompanyAdmin, requireMember, type Actor, type Tx } from './access.ts';

/**
 * Joining a company (PROETHEEC help point 3): a member asks, an admin approves — the member is
 * then an employee, whom an admin may make advertiser or admin. A company always keeps at least
 * one active admin. Every change runs with the company row locked (see lockCompany).
 */

const lastAdmin = () => conflict('companies.error.last_admin');

async function requireActiveTarget(tx: Tx, companyId: string, memberId: string) {
	const target = await membershipOf(tx, companyId, memberId);
	if (!target || target.status !== 'active') throw notFound('companies.error.membership_not_found');
	return target;
}

async function assertNotLastAdmin(tx: Tx, companyId: string, target: { role: CompanyRole }) {
	if (target.role === 'admin' && (await activeAdminCount(tx, companyId)) <= 1) throw lastAdmin();
}

/** "Rejoindre cette entreprise": an employee request, waiting for an admin. */
export async function requestToJoin(actor: Actor, slug: unknown, raw: unknown = {}): Promise<void> {
	const memberId = requireMember(actor);
	const input = parseInput(joinInput, raw);
	await context().db.$transaction(async (tx) => {
		const companyId = await lockCompany(tx, slug);
		const existing = await membershipOf(tx, companyId, memberId);
		if (existing?.status === 'active') throw conflict('companies.error.already_member');
		if (existing?.status === 'requested') throw conflict('companies.error.already_requested');
		await tx.companyMembership.create({ data: { companyId, memberId, role: 'employee', status: 'requested', jobTitle: input.jobTitle ?? null } });
		await recordEvent(tx, 'company.join_requested', { companyId, memberId });
	});
}

/** Withdraws one's own pending request; nothing to withdraw is not an error. */
export async function cancelJoinRequest(actor: Actor, slug: unknown): Promise<void> {
	const memberId = requireMember(actor);
	await context().db.$transaction(async (tx) => {
		const companyId = await lockCompany(tx, slug);
		await tx.companyMembership.deleteMany({ where: { companyId, memberId, status: 'requested' } });
	});
}

/** Leaving: anyone but the last active admin (who must first name another admin). */
export async function leaveCompany(actor: Actor, slug: unknown): Promise<void> {
	const memberId = requireMember(actor);
	await context().db.$transaction(async (tx) => {
		const companyId = await lockCompany(tx, slug);
		const mine = await requireActiveTarget(tx, companyId, memberId);
		await assertNotLastAdmin(tx, companyId, mine);
		await tx.companyMembership.delete({ where: { companyId_memberId: { companyId, memberId } } });
	});
	await memberSearchStale([memberId]);
}

async function pendingRequest(tx: Tx, companyId: string, memberId: string) {
	const request = await membershipOf(tx, companyId, memberId);
	if (!request || request.status !== 'requested') throw notFound('companies.error.request_not_found');
}

/** An admin accepts a join request: the member becomes an active employee. */
export async function approveJoinRequest(actor: Actor, slug: unknown, raw: unknown): Promise<void> {
	const { memberId } = parseInput(memberTargetInput, raw);
	await context().db.$transaction(async (tx) => {
		const companyId = await lockCompany(tx, slug);
		const adminId = await requireCompanyAdmin(tx, actor, companyId);
		await pendingRequest(tx, companyId, memberId);
		await tx.companyMembership.update({ where: { companyId_memberId: { companyId, memberId } }, data: { status: 'active', role: 'employee' } });
		await recordEvent(tx, 'company.join_answered', { companyId, memberId, answeredBy: adminId, accepted: true });
	});
	await memberSearchStale([memberId]);
}

/** An admin declines a join request: it is removed, the member may ask again later. */
export async function declineJoinRequest(actor: Actor, slug: unknown, raw: unknown): Promise<void> {
	const { memberId } = parseInput(memberTargetInput, raw);
	await context().db.$transaction(async (tx) => {
		const companyId = await lockCompany(tx, slug);
		const adminId = await requireCompanyAdmin(tx, actor, companyId);
		await pendingRequest(tx, companyId, memberId);
		await tx.companyMembership.delete({ where: { companyId_memberId: { companyId, memberId } } });
		await recordEvent(tx, 'company.join_answered', { companyId, memberId, answeredBy: adminId, accepted: false });
	});
}

/** Grants or revokes advertiser / admin; demoting the last active admin is refused. */
export async function setMemberRole(actor: Actor, slug: unknown, raw: unknown): Promise<void> {
	const { memberId, role } = parseInput(roleInput, raw);
	await context().db.$transaction(async (tx) => {
		const companyId = await lockCompany(tx, slug);
		const adminId = await requireCompanyAdmin(tx, actor, companyId);
		const target = await requireActiveTarget(tx, companyId, memberId);
		if (target.role === role) return;
		if (role !== 'admin') await assertNotLastAdmin(tx, companyId, target);
		await tx.companyMembership.update({ where: { companyId_memberId: { companyId, memberId } }, data: { role } });
		await recordEvent(tx, 'company.role_changed', { companyId, memberId, changedBy: adminId, role });
	});
}

/** Job title shown on the company page: set by the member themself or by an admin. */
export async function setJobTitle(actor: Actor, slug: unknown, raw: unknown): Promise<void> {
	const actorId = requireMember(actor);
	const { memberId, jobTitle } = parseInput(jobTitleInput, raw);
	await context().db.$transaction(async (tx) => {
		const companyId = await lockCompany(tx, slug);
		if (memberId !== actorId) await requireCompanyAdmin(tx, actor, companyId);
		else await requireActiveTarget(tx, companyId, actorId);
		await requireActiveTarget(tx, companyId, memberId);
		await tx.companyMembership.update({ where: { companyId_memberId: { companyId, memberId } }, data: { jobTitle: jobTitle ?? null } });
	});
}

/** An admin removes someone from the company — never the last active admin. */
export async function removeMember(actor: Actor, slug: unknown, raw: unknown): Promise<void> {
	const { memberId } = parseInput(memberTargetInput, raw);
	await context().db.$transaction(async (tx) => {
		const companyId = await lockCompany(tx, slug);
		await requireCompanyAdmin(tx, actor, companyId);
		const target = await requireActiveTarget(tx, companyId, memberId);
		await assertNotLastAdmin(tx, companyId, target);
		await tx.companyMembership.delete({ where: { companyId_memberId: { companyId, memberId } } });
	});
	await memberSearchStale([memberId]);
}
