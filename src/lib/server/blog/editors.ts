import { z } from 'zod';
import { context } from '../context.ts';
import { notFound } from '../errors.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { email, parseInput } from '../validation.ts';
import type { MemberRole } from '../generated/prisma/enums.ts';

/**
 * Who writes the blog: administrators, and the members they give the `editor` role (a role of
 * the access module, so the permission `blog.write` reads it like any other).
 */
export async function listEditors(actor: ActorRef) {
	await requirePermission(actor, 'blog.editor.grant');
	const rows = await context().db.member.findMany({
		where: { roles: { has: 'editor' }, status: 'active' },
		select: { id: true, firstName: true, lastName: true, email: true },
		orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }]
	});
	return rows.map((r) => ({ id: r.id, name: `${r.firstName} ${r.lastName}`, email: r.email }));
}

const grantInput = z.object({ email, editor: z.enum(['on', 'off']) });

/** Gives (`editor: on`) or takes back (`off`) the editor role of the member with this address. */
export async function setEditor(actor: ActorRef, raw: unknown): Promise<{ memberId: string; editor: boolean }> {
	await requirePermission(actor, 'blog.editor.grant');
	const input = parseInput(grantInput, raw);
	const { db } = context();
	return db.$transaction(async (tx) => {
		const [row] = await tx.$queryRaw<{ id: string; roles: string[] }[]>`SELECT id, roles::text[] AS roles FROM "Member" WHERE email = ${input.email} AND status = 'active' FOR UPDATE`;
		if (!row) throw notFound('blog.error.editor_unknown');
		const roles = row.roles.filter((r) => r !== 'editor');
		if (input.editor === 'on') roles.push('editor');
		await tx.member.update({ where: { id: row.id }, data: { roles: roles as MemberRole[] } });
		return { memberId: row.id, editor: input.editor === 'on' };
	});
}
