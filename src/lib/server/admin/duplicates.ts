import { context } from '../context.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { stateOf } from './members-list.ts';

/**
 * "Nettoyer sa base de données" (Datalumni): likely duplicates — the same first and last name
 * (accents and case folded) in the same promotion, or the same e-mail up to capitals and dots in
 * its local part — each group showing which account is active and which never registered.
 */
export async function duplicateGroups(actor: ActorRef) {
	await requirePermission(actor, 'admin.members.manage');
	const { db } = context();
	const groups = await db.$queryRaw<{ kind: 'name' | 'email'; key: string; ids: string[] }[]>(Prisma.sql`
		SELECT 'name' AS kind, relais_fold(m."firstName" || ' ' || m."lastName") || ' · ' || m."promotion" AS key, array_agg(m."id" ORDER BY m."createdAt") AS ids
		  FROM "Member" m WHERE m."promotion" IS NOT NULL AND m."email" NOT LIKE 'supprime+%@relais.invalid'
		 GROUP BY relais_fold(m."firstName" || ' ' || m."lastName"), m."promotion" HAVING count(*) > 1
		UNION ALL
		SELECT 'email', k, array_agg(id ORDER BY "createdAt") FROM (
		   SELECT m."id", m."createdAt", replace(split_part(lower(m."email"), '@', 1), '.', '') || '@' || split_part(lower(m."email"), '@', 2) AS k
		     FROM "Member" m WHERE m."email" NOT LIKE 'supprime+%@relais.invalid') e
		 GROUP BY k HAVING count(*) > 1
		 ORDER BY 2
		 LIMIT 300`);
	const members = await db.member.findMany({
		where: { id: { in: groups.flatMap((g) => g.ids) } },
		select: { id: true, firstName: true, lastName: true, email: true, status: true, passwordHash: true, promotion: true, programme: true, lastLoginAt: true, createdAt: true }
	});
	const byId = new Map(members.map((m) => [m.id, m]));
	return groups.map((g) => ({
		kind: g.kind,
		key: g.key,
		members: g.ids.flatMap((id) => {
			const m = byId.get(id);
			if (!m) return [];
			const { passwordHash: _p, ...rest } = m;
			return [{ ...rest, state: stateOf(m) }];
		})
	}));
}
