import { z } from 'zod';
import { context } from '../context.ts';
import { invalid } from '../errors.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { revokeSessions } from '../auth/sessions.ts';
import { parseInput, optionalText } from '../validation.ts';
import { reinviteMembers } from './invitations.ts';
import { matchingIds, parseListQuery } from './members-list.ts';
import { GRANTABLE_ROLES, roleList } from './inputs.ts';

/**
 * Bulk actions of the CRM list ("Action" in Datalumni's list view) on the selected rows or on
 * every row the filter matches: a new invitation, roles added / removed ("basculer tous les
 * étudiants de la promo 2025 en alumni"), promotion / programme corrected, deletion (confirmed by
 * typing the count). The acting administrator's own account is never touched by a bulk action.
 */

export interface Targets {
	scope: 'selected' | 'all';
	ids: string[];
	/** the list's query string, for `all` */
	filter: string;
}

const targetInput = z.object({
	scope: z.enum(['selected', 'all']).default('selected'),
	ids: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.uuid()).max(50_000)),
	filter: z.string().max(4000).default('')
});

export function parseTargets(raw: unknown): Targets {
	return parseInput(targetInput, raw);
}

/** The member ids a bulk action applies to. */
export async function resolveTargets(actor: ActorRef, raw: unknown, now = new Date()): Promise<string[]> {
	await requirePermission(actor, 'admin.members.manage');
	const targets = parseTargets(raw);
	const ids = targets.scope === 'all' ? await matchingIds(parseListQuery(new URLSearchParams(targets.filter)), now) : [...new Set(targets.ids)];
	if (ids.length === 0) throw invalid('admin.error.nothing_selected');
	return ids;
}

const rolesInput = z.object({ add: roleList, remove: roleList });
const correctionInput = z.object({
	promotion: z.preprocess(
		(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
		z.number({ error: 'admin.error.promotion_invalid' }).int({ error: 'admin.error.promotion_invalid' }).min(1900, { error: 'admin.error.promotion_invalid' }).max(2100, { error: 'admin.error.promotion_invalid' }).optional()
	),
	programme: optionalText(120)
});

/** Roles added and removed on every target (`member` always stays; an admin keeps their own admin role). */
export async function changeRoles(actor: ActorRef, ids: readonly string[], raw: unknown): Promise<number> {
	const admin = (await requirePermission(actor, 'admin.members.manage'))!;
	const { add, remove } = parseInput(rolesInput, raw);
	if (add.length === 0 && remove.length === 0) throw invalid('error.invalid_form', { add: 'admin.error.role_unknown' });
	const targets = ids.filter((id) => id !== admin.memberId);
	const removing = remove.filter((r) => !add.includes(r));
	return context().db.$executeRaw(Prisma.sql`
		UPDATE "Member" SET "roles" = ARRAY(
			SELECT DISTINCT r FROM unnest(array_cat("roles", ${add}::"MemberRole"[])) AS r WHERE r = 'member' OR NOT (r = ANY(${removing}::"MemberRole"[])) ORDER BY r
		), "updatedAt" = now()
		WHERE "id" = ANY(${targets}::uuid[])`);
}

/** "Rectifier la promotion ou le diplôme" of every target. */
export async function correctPromotion(actor: ActorRef, ids: readonly string[], raw: unknown): Promise<number> {
	await requirePermission(actor, 'admin.members.manage');
	const input = parseInput(correctionInput, raw);
	if (input.promotion === undefined && input.programme === undefined) throw invalid('error.invalid_form', { promotion: 'error.required' });
	const { count } = await context().db.member.updateMany({
		where: { id: { in: [...ids] } },
		data: { ...(input.promotion !== undefined ? { promotion: input.promotion } : {}), ...(input.programme !== undefined ? { programme: input.programme } : {}) }
	});
	return count;
}

/**
 * Deleting members, from the list or "Gérer l'utilisateur". For now: deactivated and anonymised
 * (name, address, phone, e-mail replaced, password and Google link removed, sessions closed,
 * invitations cancelled, search document dropped by the status trigger). THE one place deletion
 * happens, so that the privacy domain's full erasure can replace its body.
 */
export async function deleteMembers(actor: ActorRef, ids: readonly string[]): Promise<number> {
	const admin = (await requirePermission(actor, 'admin.members.manage'))!;
	const targets = [...new Set(ids)].filter((id) => id !== admin.memberId);
	const { db } = context();
	const announcements: (() => void)[] = [];
	let deleted = 0;
	for (let i = 0; i < targets.length; i += 500) {
		const chunk = targets.slice(i, i + 500);
		await db.$transaction(
			async (tx) => {
				deleted += await tx.$executeRaw(Prisma.sql`
					UPDATE "Member" SET "status" = 'deactivated', "deactivatedAt" = coalesce("deactivatedAt", now()),
					       "email" = 'supprime+' || "id" || '@relais.invalid', "firstName" = 'Membre', "lastName" = 'supprimé',
					       "passwordHash" = NULL, "googleSubject" = NULL, "phone" = NULL, "address" = NULL, "photoPath" = NULL,
					       "externalRef" = NULL, "visibleInDirectory" = false, "acceptsContactRequests" = false, "acceptsMessages" = false,
					       "availableForCalls" = false, "updatedAt" = now()
					 WHERE "id" = ANY(${chunk}::uuid[]) AND "email" NOT LIKE 'supprime+%@relais.invalid'`);
				await tx.invitation.updateMany({ where: { memberId: { in: chunk }, acceptedAt: null, cancelledAt: null }, data: { cancelledAt: new Date() } });
				await tx.accountToken.deleteMany({ where: { memberId: { in: chunk } } });
				for (const id of chunk) announcements.push(await revokeSessions(tx, id));
			},
			{ timeout: 120_000 }
		);
	}
	for (const announce of announcements) announce();
	return deleted;
}

export const BULK_ACTIONS = ['reinvite', 'roles', 'promotion', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export type BulkResult =
	| { action: 'reinvite'; queued: number; alreadyActive: number; optedOut: number }
	| { action: 'roles' | 'promotion' | 'delete'; count: number };

/** One bulk action from the list's form: targets, then the action (deletion needs the typed count). */
export async function runBulkAction(actor: ActorRef, raw: Record<string, unknown>, now = new Date()): Promise<BulkResult> {
	await requirePermission(actor, 'admin.members.manage');
	const action = raw.action;
	if (!(BULK_ACTIONS as readonly unknown[]).includes(action)) throw invalid('admin.error.bulk_action', { action: 'admin.error.bulk_action' });
	const ids = await resolveTargets(actor, raw, now);
	switch (action as BulkAction) {
		case 'reinvite':
			return { action: 'reinvite', ...(await reinviteMembers(actor, ids)) };
		case 'roles':
			return { action: 'roles', count: await changeRoles(actor, ids, raw) };
		case 'promotion':
			return { action: 'promotion', count: await correctPromotion(actor, ids, raw) };
		case 'delete': {
			if (String(raw.confirm ?? '').trim() !== String(ids.length)) {
				const error = invalid('admin.error.confirm_count', { confirm: 'admin.error.confirm_count' });
				error.params.count = ids.length;
				throw error;
			}
			return { action: 'delete', count: await deleteMembers(actor, ids) };
		}
	}
}

export { GRANTABLE_ROLES };
