import { z } from 'zod';
import { context } from '../context.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { parseInput } from '../validation.ts';

type Db = Prisma.TransactionClient;

/**
 * The board's one setting (Datalumni "Demande d'approbation des offres", ECE "toute offre est
 * soumise à validation d'un webmaster"): on by default, so a fresh installation moderates.
 */
export async function approvalRequired(db: Db = context().db): Promise<boolean> {
	const row = await db.careersSettings.findUnique({ where: { id: 1 }, select: { approvalRequired: true } });
	return row?.approvalRequired ?? true;
}

export async function careersSettings(actor: ActorRef) {
	await requirePermission(actor, 'careers.settings');
	return { approvalRequired: await approvalRequired() };
}

const settingsInput = z.object({ approvalRequired: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()) });

/** Administrators only; offers already pending stay in the queue when approval is turned off. */
export async function saveCareersSettings(actor: ActorRef, raw: unknown) {
	await requirePermission(actor, 'careers.settings');
	const { approvalRequired: value } = parseInput(settingsInput, raw);
	await context().db.careersSettings.upsert({ where: { id: 1 }, create: { id: 1, approvalRequired: value }, update: { approvalRequired: value } });
	return { approvalRequired: value };
}
