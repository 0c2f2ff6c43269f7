import { context } from '../context.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { parseInput } from '../validation.ts';
import { cohortInput } from './inputs.ts';

/**
 * "Cette promotion est certifiée le …": records the certification (RNCP title) and its date for
 * every member of a programme and promotion (pre-registered ones included) — the date the 6- and
 * 24-month waves count from. Running it again corrects the date (one Graduation per member and
 * certification). One INSERT … SELECT, whatever the promotion's size.
 */
export async function certifyCohort(actor: ActorRef, raw: unknown): Promise<{ graduates: number }> {
	await requirePermission(actor, 'surveys.manage');
	const input = parseInput(cohortInput, raw);
	const certifiedAt = new Date(`${input.certifiedAt}T00:00:00Z`);
	const graduates = await context().db.$executeRaw`
		INSERT INTO "Graduation" (id, "memberId", certification, "rncpCode", promotion, "certifiedAt")
		SELECT gen_random_uuid(), m.id, m.programme, ${input.rncpCode?.toUpperCase() ?? null}, m.promotion, ${certifiedAt}::date
		  FROM "Member" m
		 WHERE m.programme = ${input.programme} AND m.promotion = ${input.promotion} AND m.status <> 'deactivated'
		ON CONFLICT ("memberId", certification) DO UPDATE SET "certifiedAt" = EXCLUDED."certifiedAt", "rncpCode" = COALESCE(EXCLUDED."rncpCode", "Graduation"."rncpCode"), promotion = EXCLUDED.promotion`;
	return { graduates };
}

/** The survey admin's choices: programmes and promotions present in the directory, and the cohorts already certified. */
export async function cohortOverview(actor: ActorRef) {
	await requirePermission(actor, 'surveys.manage');
	const db = context().db;
	const [programmes, certified] = await Promise.all([
		db.$queryRaw<{ programme: string; promotion: number; members: bigint }[]>`
			SELECT programme, promotion, count(*) AS members FROM "Member"
			 WHERE programme IS NOT NULL AND promotion IS NOT NULL AND status <> 'deactivated' GROUP BY 1, 2 ORDER BY 2 DESC, 1`,
		db.$queryRaw<{ certification: string; promotion: number | null; certifiedAt: Date; rncpCode: string | null; graduates: bigint }[]>`
			SELECT certification, promotion, min("certifiedAt") AS "certifiedAt", max("rncpCode") AS "rncpCode", count(*) AS graduates
			  FROM "Graduation" GROUP BY 1, 2 ORDER BY 2 DESC NULLS LAST, 1`
	]);
	return {
		programmes: programmes.map((p) => ({ programme: p.programme, promotion: p.promotion, members: Number(p.members) })),
		certified: certified.map((c) => ({ ...c, certifiedAt: c.certifiedAt.toISOString().slice(0, 10), graduates: Number(c.graduates) }))
	};
}
