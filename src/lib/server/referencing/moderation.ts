import { z } from 'zod';
import { context } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { recordEvent } from '../outbox/index.ts';
import { moderationInput } from './inputs.ts';

/** The moderators' queue: submitted records, oldest first (then the ones sent back, for follow-up). */
export async function moderationQueue(actor: ActorRef) {
	await requirePermission(actor, 'cooperative.moderate');
	return context().db.cooperativeRecord.findMany({
		where: { status: { in: ['pending', 'changes_requested'] } },
		orderBy: [{ status: 'asc' }, { submittedAt: 'asc' }],
		select: { id: true, status: true, submittedAt: true, moderationReason: true, company: { select: { title: true, city: true, postcode: true, sector: true } }, owner: { select: { email: true } } }
	});
}

/**
 * approve → listed; changes → back to its owner with the reason (they edit and submit again);
 * refuse → not listed, with the reason. Each decision is e-mailed to the owner (`cooperative.moderated`).
 */
export async function moderateRecord(actor: ActorRef, recordId: string, raw: unknown, now = new Date()): Promise<void> {
	await requirePermission(actor, 'cooperative.moderate');
	const input = parseInput(moderationInput, raw);
	if (!z.uuid().safeParse(recordId).success) throw notFound('referencing.error.no_record');
	if (input.decision !== 'approve' && !input.reason) throw invalid('referencing.error.reason_required', { reason: 'referencing.error.reason_required' });
	const { db } = context();
	await db.$transaction(async (tx) => {
		const record = await tx.cooperativeRecord.findUnique({ where: { id: recordId }, select: { status: true } });
		if (!record) throw notFound('referencing.error.no_record');
		if (record.status !== 'pending') throw conflict('referencing.error.not_pending');
		const status = input.decision === 'approve' ? 'approved' : input.decision === 'changes' ? 'changes_requested' : 'refused';
		await tx.cooperativeRecord.update({
			where: { id: recordId },
			data: { status, moderationReason: input.decision === 'approve' ? null : input.reason, ...(status === 'approved' ? { approvedAt: now } : {}) }
		});
		await recordEvent(tx, 'cooperative.moderated', { recordId, decision: status });
	});
}
