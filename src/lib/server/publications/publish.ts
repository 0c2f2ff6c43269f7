import { context } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { requireMember, requirePermission, type ActorRef } from '../access/index.ts';
import { deleteUpload, saveImages } from '../uploads/index.ts';
import { resolveAudience } from '../relations/index.ts';
import { resolvePlace } from '../directory/index.ts';
import { addDays, parseLocalDate, zonedToUtc } from '../calendar/tz.ts';
import { recordEvent } from '../outbox/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { MAX_PHOTOS, publicationInput, publicationTarget, type PublicationInput } from './inputs.ts';
import { sanitizeBody } from './sanitize.ts';
import { feedAuthor } from './fanout.ts';

type Tx = Prisma.TransactionClient;
const ZONE = 'Europe/Paris';

const tooManyPhotos = () => invalid('publications.error.photos_limit', { photos: 'publications.error.photos_limit' });

/** At most MAX_PHOTOS photos, all stored or none (saveImages). */
async function storePhotos(files: Uint8Array[]): Promise<string[]> {
	if (files.length > MAX_PHOTOS) throw tooManyPhotos();
	return saveImages(files, 'catalog', 'photos');
}

/** The checked, cleaned fields of a publication (everything but audience, author and photos). */
function fieldsOf(input: PublicationInput, now: Date) {
	if (input.kind === 'job') throw invalid('publications.error.job_elsewhere', { kind: 'publications.error.job_elsewhere' });
	const body = sanitizeBody(input.body);
	if (!body.replace(/<[^>]*>/g, '').trim()) throw invalid('error.invalid_form', { body: 'error.required' });
	const isAd = input.kind !== 'news';
	let place: ReturnType<typeof resolvePlace> = null;
	if (input.place) {
		place = resolvePlace(input.place);
		if (!place) throw invalid('error.invalid_form', { place: 'publications.error.place' });
	}
	let expiresAt: Date | null = null;
	if (isAd && input.expiresOn) {
		const day = parseLocalDate(input.expiresOn);
		if (!day) throw invalid('error.invalid_form', { expiresOn: 'publications.error.expires' });
		expiresAt = new Date(zonedToUtc(ZONE, addDays(day, 1), 0));
		if (expiresAt <= now) throw invalid('error.invalid_form', { expiresOn: 'publications.error.expires_past' });
	}
	const postcode = place?.kind === 'postcode' ? place.label.slice(0, 5) : null;
	const city = place ? (place.kind === 'postcode' ? place.label.slice(6) : place.label.replace(/\s*\([^)]*\)$/, '')) : null;
	return {
		title: input.title,
		body,
		city,
		postcode,
		departement: place?.departement ?? null,
		latitude: place?.latitude ?? null,
		longitude: place?.longitude ?? null,
		priceCents: isAd && input.price !== undefined ? Math.round(input.price * 100) : null,
		expiresAt
	};
}

/** News are always public (PROETHEEC help point 10); ads go to whom the author chose among their relations. */
async function audienceOf(tx: Tx, authorId: string, input: PublicationInput) {
	if (input.kind === 'news' && input.audience !== 'public') throw invalid('error.invalid_form', { audience: 'publications.error.news_public' });
	return resolveAudience(tx, authorId, { audience: input.audience, recipientIds: input.recipientIds, groupIds: input.groupIds });
}

/**
 * Publishes news or an ad (offer, demand), in the actor's own name or — for the company's active
 * advertisers and admins only, checked in the transaction — in a company's name. Private ads go to
 * the author's contacts: all, chosen ones, or contact groups (checked by resolveAudience). Records
 * `publication.published`: notifications and the live "nouvelles publications" banner follow.
 * Job offers are the job board's (/emplois/nouveau): refused here.
 */
export async function publish(actor: ActorRef, raw: unknown, photoFiles: Uint8Array[] = [], now: Date = new Date()): Promise<{ id: string }> {
	const me = requireMember(actor);
	const input = parseInput(publicationInput, raw);
	const fields = fieldsOf(input, now);
	if (photoFiles.length > MAX_PHOTOS) throw tooManyPhotos();
	const { db } = context();
	// who may publish for the company is checked before any file is processed, and again under the transaction
	if (input.companyId) await requirePermission(actor, 'publication.company.publish', input.companyId);
	await db.$transaction((tx) => audienceOf(tx, me, input));
	const photos = await storePhotos(photoFiles);
	try {
		return await db.$transaction(async (tx) => {
			if (input.companyId) {
				// a concurrent role change (an advertiser removed) waits for, or is seen by, this check
				await tx.$queryRaw`SELECT 1 FROM "CompanyMembership" WHERE "companyId" = ${input.companyId}::uuid AND "memberId" = ${me}::uuid FOR SHARE`;
				await requirePermission(actor, 'publication.company.publish', input.companyId, { tx });
			}
			const audience = await audienceOf(tx, me, input);
			const created = await tx.publication.create({
				data: {
					kind: input.kind as 'news' | 'offer' | 'demand',
					audience: audience.audience,
					state: 'published',
					authorId: me,
					companyId: input.companyId ?? null,
					...fields,
					photos,
					publishedAt: now,
					createdAt: now,
					recipients: { createMany: { data: audience.recipientIds.map((memberId) => ({ memberId })) } },
					groups: { createMany: { data: audience.groupIds.map((groupId) => ({ groupId })) } }
				},
				select: { id: true }
			});
			await feedAuthor(tx, created.id, me, now);
			await recordEvent(tx, 'publication.published', { publicationId: created.id, authorId: me, companyId: input.companyId ?? null, audience: audience.audience });
			return created;
		});
	} catch (error) {
		await Promise.all(photos.map(deleteUpload));
		throw error;
	}
}

/** The publication (any state) with what `publication.manage` needs, or not found. */
async function ownedPublication(tx: Tx, actor: ActorRef, id: string) {
	const row = await tx.publication.findUnique({ where: { id }, select: { id: true, kind: true, authorId: true, companyId: true, photos: true, state: true } });
	if (!row) throw notFound('publications.error.not_found');
	await requirePermission(actor, 'publication.manage', { authorId: row.authorId, companyId: row.companyId }, { tx });
	return row;
}

/**
 * Edits a publication (author, or the company's admins for a company post): text, place, price,
 * expiry, audience (a private audience is checked again against the AUTHOR's relations), photos
 * removed (`removePhotos`) or added (3 at most in all). Kind, author and company do not change.
 */
export async function updatePublication(actor: ActorRef, rawId: unknown, raw: unknown, newPhotoFiles: Uint8Array[] = [], now: Date = new Date()): Promise<void> {
	requireMember(actor);
	const { id } = parseInput(publicationTarget, { id: rawId });
	const remove = new Set(([] as unknown[]).concat((raw as { removePhotos?: unknown })?.removePhotos ?? []).filter((x): x is string => typeof x === 'string'));
	const { db } = context();
	const current = await db.$transaction((tx) => ownedPublication(tx, actor, id));
	const input = parseInput(publicationInput, { ...(raw as object), kind: current.kind });
	const fields = fieldsOf(input, now);
	const kept = current.photos.filter((p) => !remove.has(p));
	if (kept.length + newPhotoFiles.length > MAX_PHOTOS) throw tooManyPhotos();
	const added = await storePhotos(newPhotoFiles);
	let dropped: string[] = [];
	try {
		await db.$transaction(async (tx) => {
			const row = await ownedPublication(tx, actor, id);
			const photos = [...row.photos.filter((p) => !remove.has(p)), ...added];
			if (photos.length > MAX_PHOTOS) throw tooManyPhotos();
			dropped = row.photos.filter((p) => remove.has(p));
			const audience = await audienceOf(tx, row.authorId, input);
			await tx.publicationRecipient.deleteMany({ where: { publicationId: id } });
			await tx.publicationGroup.deleteMany({ where: { publicationId: id } });
			await tx.publication.update({
				where: { id },
				data: {
					...fields,
					photos,
					audience: audience.audience,
					recipients: { createMany: { data: audience.recipientIds.map((memberId) => ({ memberId })) } },
					groups: { createMany: { data: audience.groupIds.map((groupId) => ({ groupId })) } }
				}
			});
		});
	} catch (error) {
		await Promise.all(added.map(deleteUpload));
		throw error;
	}
	await Promise.all(dropped.map(deleteUpload));
}

/** Closes (withdrawn, filled) or reopens a publication: closed ones leave the tabs and feeds, stay in the author's list. */
export async function closePublication(actor: ActorRef, rawId: unknown, closed = true): Promise<void> {
	const { id } = parseInput(publicationTarget, { id: rawId });
	await context().db.$transaction(async (tx) => {
		const row = await ownedPublication(tx, actor, id);
		if (closed && row.state === 'published') await tx.publication.update({ where: { id }, data: { state: 'closed' } });
		if (!closed && row.state === 'closed') await tx.publication.update({ where: { id }, data: { state: 'published' } });
	});
}

/** Deletes a publication and its photos (author, or the company's admins). */
export async function deletePublication(actor: ActorRef, rawId: unknown): Promise<void> {
	const { id } = parseInput(publicationTarget, { id: rawId });
	const photos = await context().db.$transaction(async (tx) => {
		const row = await ownedPublication(tx, actor, id);
		await tx.publication.delete({ where: { id } });
		return row.photos;
	});
	await Promise.all(photos.map(deleteUpload));
}
