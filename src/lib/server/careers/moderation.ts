import { z } from 'zod';
import { context } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { recordEvent } from '../outbox/record.ts';
import { parseInput } from '../validation.ts';
import { announcePublished } from './offers.ts';

/**
 * The moderators' queue (ECE "soumise à validation d'un webmaster", Datalumni "approuver ou
 * refuser"): pending offers, oldest first; approve, ask for changes (back to the author with a
 * message), or refuse with a reason. Each step mails the author (outbox → careers.mail job).
 */
export async function moderationQueue(actor: ActorRef) {
	await requirePermission(actor, 'careers.moderate');
	const rows = await context().db.publication.findMany({
		where: { kind: 'job', state: 'pending' },
		orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			title: true,
			body: true,
			city: true,
			audience: true,
			updatedAt: true,
			author: { select: { firstName: true, lastName: true, email: true } },
			company: { select: { title: true } },
			jobOffer: { select: { employer: true, contractType: true, sector: true, remote: true, deadline: true, startsOn: true, applyEmail: true } }
		}
	});
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		body: r.body,
		place: r.city,
		audience: r.audience,
		submittedAt: r.updatedAt.toISOString(),
		authorName: `${r.author.firstName} ${r.author.lastName}`.trim(),
		authorEmail: r.author.email,
		companyName: r.company?.title ?? null,
		employer: r.jobOffer?.employer ?? '',
		contractType: r.jobOffer?.contractType ?? 'other',
		sector: r.jobOffer?.sector ?? null,
		remote: r.jobOffer?.remote ?? false,
		deadline: r.jobOffer?.deadline?.toISOString().slice(0, 10) ?? null,
		startsOn: r.jobOffer?.startsOn?.toISOString().slice(0, 10) ?? null,
		applyEmail: r.jobOffer?.applyEmail ?? ''
	}));
}

const reviewInput = z.object({
	offerId: z.uuid({ error: 'careers.error.not_found' }),
	decision: z.enum(['approve', 'changes', 'refuse'], { error: 'error.invalid_form' }),
	note: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().max(2000, { error: 'error.too_long' }).optional())
});

/** One decision on a pending offer. A note is required to ask for changes or to refuse. */
export async function reviewOffer(actorRef: ActorRef, raw: unknown, now: Date = new Date()) {
	const actor = await requirePermission(actorRef, 'careers.moderate');
	const { offerId, decision, note } = parseInput(reviewInput, raw);
	if (decision !== 'approve' && !note) throw invalid(decision === 'refuse' ? 'careers.error.reason_required' : 'careers.error.changes_required', { note: 'error.required' });
	return context().db.$transaction(async (tx) => {
		// the row lock makes two moderators deciding at once answer one after the other
		const [row] = await tx.$queryRaw<{ state: string; authorId: string }[]>`SELECT state::text AS state, "authorId" FROM "Publication" WHERE id = ${offerId}::uuid AND kind = 'job' FOR UPDATE`;
		if (!row) throw notFound('careers.error.not_found');
		if (row.state !== 'pending') throw conflict('careers.error.not_pending');
		const state = decision === 'approve' ? 'published' : decision === 'changes' ? 'changes_requested' : 'refused';
		await tx.publication.update({
			where: { id: offerId },
			data: {
				state,
				...(state === 'published' ? { publishedAt: now } : {}),
				jobOffer: { update: { reviewNote: decision === 'approve' ? null : note!, reviewedAt: now, reviewedById: actor!.memberId } }
			}
		});
		const decided = decision === 'approve' ? 'approved' : decision === 'changes' ? 'changes_requested' : 'refused';
		await recordEvent(tx, 'job_offer.reviewed', { offerId, authorId: row.authorId, decision: decided });
		if (state === 'published') await announcePublished(tx, offerId);
		return { state };
	});
}
