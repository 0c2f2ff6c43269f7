import { z } from 'zod';
import { context } from '../context.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { can, publicationVisibleWhere, requireMember, requirePermission, type ActorRef } from '../access/index.ts';
import { recordEvent } from '../outbox/record.ts';
import { acceptPdf, bytesOf, deleteUpload, openUpload, saveUpload } from '../uploads/index.ts';
import { parseInput, requiredText } from '../validation.ts';
import { Prisma } from '../generated/prisma/client.ts';

/**
 * "Postuler" (ECE: "vous recevrez … les informations et CV des personnes intéressées"): a message
 * and a CV (a real PDF, through the upload rules), kept for the offer's author and mailed to the
 * offer's application address with the CV attached (outbox → careers.mail job). One application
 * per member and offer; not to one's own offer, not after the deadline.
 */
const applyInput = z.object({
	offerId: z.uuid({ error: 'careers.error.not_found' }),
	message: requiredText(5000)
});

export async function applyToOffer(actorRef: ActorRef, raw: { offerId?: unknown; message?: unknown; cv?: unknown }, now: Date = new Date()) {
	const actor = await requirePermission(actorRef, 'careers.apply');
	const me = requireMember(actor);
	const { offerId, message } = parseInput(applyInput, raw);
	const { db } = context();
	const offer = await db.publication.findFirst({
		where: { AND: [publicationVisibleWhere(actor, now), { id: offerId, kind: 'job' }] },
		select: { id: true, state: true, authorId: true, jobOffer: { select: { deadline: true } } }
	});
	if (!offer || !offer.jobOffer) throw notFound('careers.error.not_found');
	if (offer.state !== 'published') throw conflict('careers.error.not_open');
	if (offer.authorId === me) throw forbidden('careers.error.own_offer');
	if (offer.jobOffer.deadline && offer.jobOffer.deadline.getTime() + 86_400_000 <= now.getTime()) throw conflict('careers.error.deadline_over');
	const file = raw.cv;
	const pdf = await acceptPdf(await bytesOf(file), 'cv');
	const title = cvTitle(file);
	const stored = await saveUpload(pdf.bytes, 'pdf', { private: true });
	try {
		return await db.$transaction(async (tx) => {
			const created = await tx.jobApplication.create({ data: { publicationId: offerId, applicantId: me, message, cvFile: stored, cvTitle: title, createdAt: now }, select: { id: true } });
			await recordEvent(tx, 'job_application.created', { applicationId: created.id, offerId, applicantId: me });
			return { id: created.id };
		});
	} catch (error) {
		await deleteUpload(stored);
		if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw conflict('careers.error.already_applied');
		throw error;
	}
}

/** The name the applicant gave the file, tidied (never used as a path). */
function cvTitle(file: unknown): string {
	const name = file && typeof file === 'object' && 'name' in file && typeof file.name === 'string' ? file.name : '';
	const clean = name.replace(/[^\p{L}\p{N} ._()-]/gu, '').trim().slice(0, 120);
	return clean && clean.toLowerCase().endsWith('.pdf') ? clean : `${clean || 'CV'}.pdf`;
}

/** A CV, for the offer's author (or its company's admins) and the applicant. */
export async function openApplicationCv(actorRef: ActorRef, applicationId: string) {
	const actor = await requirePermission(actorRef, 'careers.apply');
	const me = requireMember(actor);
	const { db } = context();
	const row = await db.jobApplication.findUnique({
		where: { id: applicationId },
		select: { cvFile: true, cvTitle: true, applicantId: true, offer: { select: { publication: { select: { authorId: true, companyId: true } } } } }
	});
	if (!row) throw notFound('careers.error.application_not_found');
	const allowed = row.applicantId === me || (await can(actor, 'careers.offer.manage', row.offer.publication));
	if (!allowed) throw notFound('careers.error.application_not_found');
	const file = await openUpload(row.cvFile);
	if (!file) throw notFound('careers.error.application_not_found');
	return { ...file, title: row.cvTitle };
}

/** "Mes candidatures": the member's applications, newest first. */
export async function myApplications(actorRef: ActorRef) {
	const actor = await requirePermission(actorRef, 'careers.apply');
	const me = requireMember(actor);
	const rows = await context().db.jobApplication.findMany({
		where: { applicantId: me },
		orderBy: { createdAt: 'desc' },
		select: { id: true, createdAt: true, cvTitle: true, offer: { select: { employer: true, publication: { select: { id: true, title: true, state: true } } } } }
	});
	return rows.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), cvTitle: r.cvTitle, offerId: r.offer.publication.id, title: r.offer.publication.title, employer: r.offer.employer, state: r.offer.publication.state }));
}
