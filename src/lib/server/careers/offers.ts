import { context } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { can, isModerator, requireMember, requirePermission, resolveActor, type ActorRef } from '../access/index.ts';
import { recordEvent } from '../outbox/record.ts';
import { resolveAudience } from '../relations/audience.ts';
import { listContacts, listGroups } from '../relations/index.ts';
import { resolvePlace } from '../directory/places.ts';
import { deleteUpload } from '../uploads/index.ts';
import { parseInput } from '../validation.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { dateOnly, offerInput, offerRef, sanitizeDescription, type OfferInput } from './fields.ts';
import { approvalRequired } from './settings.ts';

/**
 * Posting and managing a job offer (ECE "Déposer une offre ou un stage", Datalumni part 4). A job
 * offer is ONE record: a Publication of kind `job` (title, body, place, audience, state) and its
 * JobOffer side row — whichever door it was posted from. Its audience follows the publications'
 * rules (public, members — the board's default —, contacts, chosen contacts/groups).
 *
 * States: pending (waiting for a moderator, when the board needs approval) → published, or
 * changes_requested (back to the author, who edits and resubmits → pending), or refused;
 * published → archived (3 months after the deadline or start date, or withdrawn by its author).
 */
type Tx = Prisma.TransactionClient;

/** Where an offer stands, as "Mes offres d'emploi" shows it. */
export type OfferState = 'pending' | 'changes_requested' | 'published' | 'refused' | 'closed' | 'archived';

function placeOf(input: OfferInput) {
	if (!input.place) return { city: null, postcode: null, departement: null, latitude: null, longitude: null };
	const place = resolvePlace(input.place);
	if (!place) throw invalid('careers.error.place_unknown', { place: 'careers.error.place_unknown' });
	const postcode = place.kind === 'postcode' ? place.label.slice(0, 5) : null;
	return { city: place.label, postcode, departement: place.departement, latitude: place.latitude, longitude: place.longitude };
}

function checkDates(input: OfferInput, now: Date, fresh: boolean) {
	const today = now.toISOString().slice(0, 10);
	if (fresh && input.deadline && input.deadline < today) throw invalid('careers.error.deadline_past', { deadline: 'careers.error.deadline_past' });
}

async function audienceOf(tx: Tx, authorId: string, input: OfferInput) {
	return resolveAudience(tx, authorId, { audience: input.audience, recipientIds: input.recipientIds, groupIds: input.groupIds });
}

function jobFields(input: OfferInput) {
	return {
		employer: input.employer,
		contractType: input.contractType,
		sector: input.sector,
		remote: input.remote,
		startsOn: dateOnly(input.startsOn),
		deadline: dateOnly(input.deadline),
		applyEmail: input.applyEmail
	};
}

/**
 * "Déposer une offre": any active member (recruiters included) posts; in a company's name only as
 * one of its advertisers or admins. With approval on (the default) the offer waits for a
 * moderator; a moderator's own offer, or any offer with approval off, is published at once.
 */
export async function postOffer(actorRef: ActorRef, raw: unknown, now: Date = new Date()): Promise<{ id: string; state: OfferState }> {
	const actor = await requirePermission(actorRef, 'careers.post');
	const authorId = requireMember(actor);
	const input = parseInput(offerInput, raw);
	if (input.companyId) await requirePermission(actor, 'careers.company.post', input.companyId);
	checkDates(input, now, true);
	const place = placeOf(input);
	const body = sanitizeDescription(input.description);
	if (!body) throw invalid('error.invalid_form', { description: 'error.required' });
	return context().db.$transaction(async (tx) => {
		const audience = await audienceOf(tx, authorId, input);
		const state: OfferState = (await approvalRequired(tx)) && !isModerator(actor) ? 'pending' : 'published';
		const created = await tx.publication.create({
			data: {
				kind: 'job',
				audience: audience.audience,
				state,
				authorId,
				companyId: input.companyId ?? null,
				title: input.title,
				body,
				...place,
				publishedAt: now,
				createdAt: now,
				jobOffer: { create: jobFields(input) },
				recipients: { create: audience.recipientIds.map((memberId) => ({ memberId })) },
				groups: { create: audience.groupIds.map((groupId) => ({ groupId })) }
			},
			select: { id: true }
		});
		await recordEvent(tx, 'job_offer.submitted', { offerId: created.id, authorId, state: state as 'pending' | 'published', resubmitted: false });
		if (state === 'published') await announcePublished(tx, created.id);
		return { id: created.id, state };
	});
}

/**
 * An offer going live is a publication going live (job ads and the job board are one thing): it
 * enters the home feeds of its audience and followers, who are told, like any ad.
 */
export async function announcePublished(tx: Tx, offerId: string): Promise<void> {
	const p = await tx.publication.findUniqueOrThrow({ where: { id: offerId }, select: { authorId: true, companyId: true, audience: true } });
	await recordEvent(tx, 'publication.published', { publicationId: offerId, authorId: p.authorId, companyId: p.companyId, audience: p.audience });
}

/** The offer's row for the permission and state checks, or not found. */
async function managed(tx: Tx, actor: ActorRef, offerId: string) {
	const row = await tx.publication.findFirst({
		where: { id: offerId, kind: 'job' },
		select: { id: true, authorId: true, companyId: true, state: true, jobOffer: { select: { applications: { select: { cvFile: true } } } } }
	});
	if (!row) throw notFound('careers.error.not_found');
	if (!(await can(actor, 'careers.offer.manage', { authorId: row.authorId, companyId: row.companyId }, { tx }))) {
		// someone who may read it is told they cannot change it; anyone else learns nothing
		throw notFound('careers.error.not_found');
	}
	return row;
}

/**
 * Edit by its author (or the company's admins for a company offer). An offer sent back for
 * changes is resubmitted by its edit, and so is a published one: pending again when approval is
 * on (moderators' own edits excepted), off the board until it is approved again. Archived and
 * refused offers are no longer edited.
 */
export async function editOffer(actorRef: ActorRef, raw: unknown, now: Date = new Date()): Promise<{ id: string; state: OfferState }> {
	const actor = await resolveActor(actorRef);
	requireMember(actor);
	const { offerId } = parseInput(offerRef, raw);
	const input = parseInput(offerInput, raw);
	checkDates(input, now, false);
	const place = placeOf(input);
	const body = sanitizeDescription(input.description);
	if (!body) throw invalid('error.invalid_form', { description: 'error.required' });
	return context().db.$transaction(async (tx) => {
		const row = await managed(tx, actor, offerId);
		if (row.state === 'archived' || row.state === 'refused' || row.state === 'closed') throw conflict('careers.error.not_editable');
		if (input.companyId && input.companyId !== row.companyId) await requirePermission(actor, 'careers.company.post', input.companyId, { tx });
		const audience = await audienceOf(tx, row.authorId, input);
		// "Toute offre est soumise à validation": a published offer edited by someone other than a
		// moderator goes back to them, or an approved text could be swapped for anything
		const reviewed = (await approvalRequired(tx)) && !isModerator(actor);
		const resubmitted = row.state === 'changes_requested' || (row.state === 'published' && reviewed);
		const state: OfferState = resubmitted ? (reviewed ? 'pending' : 'published') : (row.state as OfferState);
		await tx.publicationRecipient.deleteMany({ where: { publicationId: offerId } });
		await tx.publicationGroup.deleteMany({ where: { publicationId: offerId } });
		await tx.publication.update({
			where: { id: offerId },
			data: {
				audience: audience.audience,
				state,
				companyId: input.companyId ?? row.companyId,
				title: input.title,
				body,
				...place,
				...(resubmitted && state === 'published' ? { publishedAt: now } : {}),
				jobOffer: { update: { ...jobFields(input), ...(resubmitted ? { reviewNote: null } : {}) } },
				recipients: { create: audience.recipientIds.map((memberId) => ({ memberId })) },
				groups: { create: audience.groupIds.map((groupId) => ({ groupId })) }
			}
		});
		if (resubmitted) await recordEvent(tx, 'job_offer.submitted', { offerId, authorId: row.authorId, state: state as 'pending' | 'published', resubmitted: true });
		if (resubmitted && state === 'published') await announcePublished(tx, offerId);
		return { id: offerId, state };
	});
}

/** "Retirer l'offre": the author withdraws it; it is archived at once (and followed up at D+30 / D+60). */
export async function withdrawOffer(actorRef: ActorRef, raw: unknown, now: Date = new Date()): Promise<void> {
	const actor = await resolveActor(actorRef);
	requireMember(actor);
	const { offerId } = parseInput(offerRef, raw);
	await context().db.$transaction(async (tx) => {
		const row = await managed(tx, actor, offerId);
		if (row.state === 'archived' || row.state === 'refused') throw conflict('careers.error.already_archived');
		await tx.publication.update({ where: { id: offerId }, data: { state: 'archived', jobOffer: { update: { archivedAt: now, archiveReason: 'withdrawn' } } } });
	});
}

/** Deletes the offer, its applications and their CVs. */
export async function deleteOffer(actorRef: ActorRef, raw: unknown): Promise<void> {
	const actor = await resolveActor(actorRef);
	requireMember(actor);
	const { offerId } = parseInput(offerRef, raw);
	const files = await context().db.$transaction(async (tx) => {
		const row = await managed(tx, actor, offerId);
		await tx.publication.delete({ where: { id: offerId } });
		return row.jobOffer?.applications.map((a) => a.cvFile) ?? [];
	});
	for (const file of files) await deleteUpload(file);
}

/** What the edit form is filled with. */
export async function offerForEdit(actorRef: ActorRef, offerId: string) {
	const actor = await resolveActor(actorRef);
	requireMember(actor);
	const { db } = context();
	await managed(db, actor, offerId);
	const row = await db.publication.findUniqueOrThrow({
		where: { id: offerId },
		select: {
			id: true,
			state: true,
			title: true,
			body: true,
			city: true,
			audience: true,
			companyId: true,
			recipients: { select: { memberId: true } },
			groups: { select: { groupId: true } },
			jobOffer: true
		}
	});
	const job = row.jobOffer!;
	return {
		offerId: row.id,
		state: row.state as OfferState,
		reviewNote: job.reviewNote,
		values: {
			title: row.title,
			employer: job.employer,
			contractType: job.contractType,
			sector: job.sector ?? '',
			place: row.city ?? '',
			remote: job.remote,
			startsOn: job.startsOn?.toISOString().slice(0, 10) ?? '',
			deadline: job.deadline?.toISOString().slice(0, 10) ?? '',
			description: row.body,
			applyEmail: job.applyEmail,
			audience: row.audience,
			recipientIds: row.recipients.map((r) => r.memberId),
			groupIds: row.groups.map((g) => g.groupId),
			companyId: row.companyId ?? ''
		}
	};
}

/** "Mes offres d'emploi": the author's offers in every state, newest first, with their applications count. */
export async function myOffers(actorRef: ActorRef) {
	const actor = await resolveActor(actorRef);
	const me = requireMember(actor);
	const rows = await context().db.publication.findMany({
		where: { kind: 'job', authorId: me },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		select: {
			id: true,
			title: true,
			state: true,
			audience: true,
			createdAt: true,
			publishedAt: true,
			company: { select: { title: true } },
			jobOffer: { select: { employer: true, contractType: true, reviewNote: true, archiveReason: true, archivedAt: true, outcome: true, _count: { select: { applications: true } } } }
		}
	});
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		state: r.state as OfferState,
		audience: r.audience,
		createdAt: r.createdAt.toISOString(),
		employer: r.jobOffer?.employer ?? '',
		contractType: r.jobOffer?.contractType ?? 'other',
		companyName: r.company?.title ?? null,
		reviewNote: r.jobOffer?.reviewNote ?? null,
		archiveReason: r.jobOffer?.archiveReason ?? null,
		outcome: r.jobOffer?.outcome ?? null,
		applications: r.jobOffer?._count.applications ?? 0
	}));
}

/** The companies the actor may post for (advertiser or admin): the posting form's choice. */
export async function companiesToPostFor(actorRef: ActorRef) {
	const actor = await resolveActor(actorRef);
	if (!actor) return [];
	const rows = await context().db.companyMembership.findMany({
		where: { memberId: actor.memberId, status: 'active', role: { in: ['admin', 'advertiser'] } },
		select: { company: { select: { id: true, title: true } } },
		orderBy: { company: { title: 'asc' } }
	});
	return rows.map((r) => r.company);
}

/** What the posting form needs: the board's approval rule, the companies, contacts and groups to choose from. */
export async function postingForm(actorRef: ActorRef) {
	const actor = await requirePermission(actorRef, 'careers.post');
	const [approval, companies, groups, contacts] = await Promise.all([approvalRequired(), companiesToPostFor(actor), listGroups(actor), listContacts(actor)]);
	return {
		approvalRequired: approval && !isModerator(actor),
		companies,
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		contacts: contacts.map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}`.trim() }))
	};
}
